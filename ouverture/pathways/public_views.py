"""The cohort's public page (no account): the pathway, its modules and calendar, and
the intake form (the `pam_intake` questionnaire) until the deadline."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from ouverture.core.ratelimit import public_form
from ouverture.events.enums import Audience
from ouverture.pathways import services
from ouverture.pathways.enums import SCORE_MAX, SCORE_MIN, Criterion
from ouverture.pathways.models import Cohort, Module
from ouverture.surveys.forms import AnswerForm
from ouverture.surveys.results import questions_in_order


def _calendar(cohort):
    sessions = {s.module_id: s for s in cohort.sessions.in_order()}
    return [{"module": m, "session": sessions.get(m.pk)} for m in Module.objects.in_order()]


@login_not_required
@require_http_methods(["GET", "POST"])
@public_form("pathways.intake", link="key")
def public_cohort(request, key):
    cohort = get_object_or_404(Cohort, public_key=key)
    questionnaire = cohort.intake_questionnaire()
    refusal = None
    try:
        services.check_intake_open(cohort)
        if questionnaire is None:
            raise ValidationError("Le questionnaire de candidature n'est pas prêt.")
    except ValidationError as error:
        refusal = " ".join(error.messages)
    form = None
    if refusal is None:
        form = AnswerForm(
            request.POST or None, sections=questions_in_order(questionnaire), ask_identity=True
        )
        if request.user.is_authenticated and not request.POST:
            form.initial = {
                "respondent_name": request.user.get_full_name(),
                "respondent_email": request.user.email,
            }
        if request.method == "POST" and form.is_valid():
            user = request.user if request.user.is_authenticated else None
            try:
                services.submit_candidacy(
                    cohort,
                    form.answers(),
                    respondent=user,
                    respondent_name=form.identity()["respondent_name"],
                    respondent_email=form.identity()["respondent_email"],
                )
            except ValidationError as error:
                form.apply_errors(error)
            else:
                return redirect("pathways:public_thanks", key=cohort.public_key)
    elif request.method == "POST":
        refusal = f"Votre candidature n'a pas été enregistrée. {refusal}"
    context = {
        "cohort": cohort,
        "calendar": _calendar(cohort),
        "form": form,
        "questionnaire": questionnaire,
        "refusal": refusal,
        "criteria": Criterion.choices,
        "score_range": (SCORE_MIN, SCORE_MAX),
        "cohort_only": Audience.COHORT_ONLY,
        "today": timezone.localdate(),
    }
    return render(request, "pathways/public.html", context)


@login_not_required
@require_GET
def public_thanks(request, key):
    cohort = get_object_or_404(Cohort, public_key=key)
    return render(request, "pathways/public_thanks.html", {"cohort": cohort})
