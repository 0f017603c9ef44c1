"""The joint selection: candidates with both sides' scores, ranking, decisions, and a
candidate's page (answers, scores, organisation review). A holder reaches only its
own candidacy page, without scores."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.core import history
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require
from ouverture.core.wording import plural
from ouverture.pathways import services
from ouverture.pathways.eligibility import seat_token
from ouverture.pathways.enums import SCORE_MAX, SCORE_MIN, CandidateStatus, Side
from ouverture.pathways.forms import (
    CreateOrganisationForm,
    DecisionForm,
    LinkOrganisationForm,
    ScoreForm,
)
from ouverture.pathways.models import Candidate
from ouverture.pathways.progress import holder_progress
from ouverture.pathways.ranking import CRITERIA, MAX_TOTAL, RULE, RankedCandidate, cohort_ranking
from ouverture.pathways.views import visible_cohort
from ouverture.surveys.models import Answer

DECIDE = {
    "admit": (services.admit, "admis·e dans la cohorte"),
    "wait": (services.put_on_waiting_list, "sur la liste d'attente"),
    "decline": (services.decline, "non retenu·e"),
    "withdraw": (services.withdraw, "désisté·e"),
}


def visible_candidate(request, pk, perm="pathways.view_candidacy"):
    candidate = get_object_or_404(
        Candidate.objects.visible_to(request.user).select_related(
            "cohort", "organisation", "response"
        ),
        pk=pk,
    )
    require(request.user, perm, candidate)
    return candidate


@require_GET
def candidates(request, pk):
    cohort = visible_cohort(request, pk, "pathways.view_candidates")
    user = request.user
    ranking = cohort_ranking(cohort)
    admitted = sum(1 for r in ranking.rows() if r.candidate.status == CandidateStatus.ADMITTED)
    context = {
        "cohort": cohort,
        "ranking": ranking,
        "rule": RULE,
        "max_total": MAX_TOTAL,
        "admitted": admitted,
        "pending_responses": services.pending_responses(cohort).count(),
        "to_review": sum(1 for r in ranking.rows() if r.candidate.organisation_id is None),
        "my_side": services.side_for(user),
        "can_decide": user.has_perm("pathways.decide_admission", cohort),
        "can_manage": user.has_perm("pathways.manage_cohort", cohort),
        "can_export": user.has_perm("pathways.export", cohort),
        "sides": [{"value": s.value, "label": s.label} for s in Side],
    }
    return render(request, "pathways/candidates.html", context)


@require_POST
def take_in(request, pk):
    cohort = visible_cohort(request, pk, "pathways.manage_cohort")
    created, skipped = services.take_in_responses(cohort, actor=request.user)
    messages.success(
        request, f"{len(created)} {plural('candidature reprise', len(created))} du questionnaire."
    )
    for response, reason in skipped:
        messages.error(request, f"Réponse n° {response.pk} laissée de côté : {reason}")
    return redirect("pathways:candidates", pk=cohort.pk)


@require_POST
def apply_ranking(request, pk):
    cohort = visible_cohort(request, pk, "pathways.decide_admission")
    try:
        admitted, waiting = services.apply_ranking(cohort, actor=request.user)
    except ValidationError as error:
        messages.error(request, "Rien n'a été décidé : " + " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{len(admitted)} {plural('porteur admis', len(admitted))} selon le classement, "
            f"{len(waiting)} sur la liste d'attente.",
        )
    return redirect("pathways:candidates", pk=cohort.pk)


def _answers(candidate):
    """[(question text, [values])] of the candidate's response, in reading order."""
    if candidate.response_id is None:
        return []
    rows = (
        Answer.objects.filter(response_id=candidate.response_id)
        .select_related("question", "choice")
        .order_by("question__section__position", "question__position", "pk")
    )
    out = []
    for answer in rows:
        if answer.choice_id:
            value = answer.choice.label
        elif answer.number is not None:
            value = f"{answer.number.normalize():f}".replace(".", ",")
        else:
            value = answer.text
        if out and out[-1][0] == answer.question.text:
            out[-1][1].append(value)
        else:
            out.append((answer.question.text, [value]))
    return out


@require_GET
def candidate_detail(request, pk):
    candidate = visible_candidate(request, pk)
    return _candidate_page(request, candidate)


def _candidate_page(request, candidate, score_form=None, status=200):
    user = request.user
    context = {
        "candidate": candidate,
        "cohort": candidate.cohort,
        "answers": _answers(candidate),
        "can_see_scores": user.has_perm("pathways.view_candidates", candidate.cohort),
        "can_decide": user.has_perm("pathways.decide_admission", candidate.cohort),
        "can_review": user.has_perm("pathways.review_organisation", candidate),
        "can_withdraw": user.has_perm("pathways.withdraw_candidacy", candidate)
        and candidate.status != CandidateStatus.WITHDRAWN,
    }
    if context["can_see_scores"]:
        # The rank needs the whole cohort; the scores, the candidate only.
        ranking = cohort_ranking(candidate.cohort)
        row = next(
            (r for r in ranking.rows() if r.candidate.pk == candidate.pk),
            None,
        ) or RankedCandidate.of(Candidate.objects.with_scores().get(pk=candidate.pk))
        context["row"] = row
        context["criteria"] = CRITERIA
        context["score_range"] = (SCORE_MIN, SCORE_MAX)
        side = services.side_for(user)
        if side is not None and user.has_perm("pathways.score_candidate", candidate):
            if score_form is None:
                mine = row.side_scores(side)
                score_form = ScoreForm(
                    initial={
                        **{c: s.value for c, s in mine.items()},
                        "comment": next(iter(mine.values())).comment if mine else "",
                    }
                )
            context["score_form"] = score_form
            context["my_side"] = Side(side).label
    if context["can_review"] and candidate.organisation_id is None:
        context["link_form"] = LinkOrganisationForm()
        context["create_form"] = CreateOrganisationForm()
    if candidate.is_admitted:
        context["holder_row"], context["progress"] = holder_progress(candidate)
        context["seat_token"] = seat_token(candidate)
    if user.has_perm("pathways.view_history", candidate.cohort):
        context["history_entries"] = history.entries(candidate)
    return render(request, "pathways/candidate.html", context, status=status)


@require_POST
def score(request, pk):
    candidate = visible_candidate(request, pk, "pathways.score_candidate")
    form = ScoreForm(request.POST)
    if form.is_valid():
        try:
            services.score_candidate(
                candidate,
                form.scores(),
                actor=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Notes de {candidate.display_name} enregistrées.")
            return redirect("pathways:candidate", pk=candidate.pk)
    return _candidate_page(request, candidate, score_form=form, status=400)


@require_POST
def decide(request, pk):
    candidate = visible_candidate(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Décision inconnue.")
        return redirect("pathways:candidate", pk=candidate.pk)
    decision = form.cleaned_data["decision"]
    perm = "pathways.withdraw_candidacy" if decision == "withdraw" else "pathways.decide_admission"
    require(request.user, perm, candidate)
    action, done = DECIDE[decision]
    try:
        action(candidate, actor=request.user)
    except ValidationError as error:
        messages.error(request, "Rien n'a été décidé : " + " ".join(error.messages))
    else:
        messages.success(request, f"{candidate.display_name} : {done}.")
    if request.POST.get("next") == "candidates" and request.user.has_perm(
        "pathways.view_candidates", candidate.cohort
    ):
        return redirect("pathways:candidates", pk=candidate.cohort_id)
    return redirect("pathways:candidate", pk=candidate.pk)


@require_http_methods(["POST"])
def review_organisation(request, pk):
    candidate = visible_candidate(request, pk, "pathways.review_organisation")
    if "legal_kind" in request.POST:
        form = CreateOrganisationForm(request.POST)
        if form.is_valid():
            try:
                services.create_proposed_organisation(
                    candidate, actor=request.user, legal_kind=form.cleaned_data["legal_kind"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "Structure créée au répertoire et rattachée.")
    else:
        form = LinkOrganisationForm(request.POST)
        if form.is_valid():
            services.link_organisation(
                candidate, form.cleaned_data["organisation"], actor=request.user
            )
            messages.success(request, "Candidature rattachée à la structure du répertoire.")
        else:
            messages.error(
                request,
                "Rien n'a été rattaché : "
                + " ".join(m for errors in form.errors.values() for m in errors),
            )
    return redirect("pathways:candidate", pk=candidate.pk)
