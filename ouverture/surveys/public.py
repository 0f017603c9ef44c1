"""Answering pages: no account needed. A personal link (signed token, one submission)
or the open link of a public questionnaire (the PAM intake, the regional survey)."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ouverture.core.ratelimit import public_form
from ouverture.surveys import services
from ouverture.surveys.forms import AnswerForm
from ouverture.surveys.models import Questionnaire
from ouverture.surveys.results import questions_in_order


def _refusal(request, questionnaire, message, status=200):
    return render(
        request,
        "surveys/unavailable.html",
        {"questionnaire": questionnaire, "message": message},
        status=status,
    )


def _answer(request, questionnaire, *, invitation=None, done_url=None):
    try:
        services.check_access(questionnaire, invitation)
    except ValidationError as error:
        return _refusal(request, questionnaire, " ".join(error.messages))
    form = AnswerForm(
        request.POST or None,
        sections=questions_in_order(questionnaire),
        ask_identity=questionnaire.asks_identity and invitation is None,
    )
    if request.method == "POST" and form.is_valid():
        user = request.user if request.user.is_authenticated else None
        try:
            services.submit_response(
                questionnaire,
                form.answers(),
                invitation=invitation,
                respondent=user,
                **form.identity(),
            )
        except ValidationError as error:
            form.apply_errors(error)
        else:
            return redirect(done_url)
    context = {
        "form": form,
        "questionnaire": questionnaire,
        "invitation": invitation,
        "mode": "answer",
    }
    return render(request, "surveys/answer.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
@public_form("surveys.invitation", link="token")
def answer_by_invitation(request, token):
    try:
        invitation = services.find_invitation(token)
    except ValidationError as error:
        return _refusal(request, None, " ".join(error.messages), status=404)
    if request.method == "GET" and hasattr(invitation, "response"):
        return render(
            request,
            "surveys/thanks.html",
            {"questionnaire": invitation.questionnaire, "response": invitation.response},
        )
    return _answer(request, invitation.questionnaire, invitation=invitation, done_url=request.path)


@login_not_required
@require_http_methods(["GET", "POST"])
@public_form("surveys.public", link="key")
def answer_public(request, key):
    questionnaire = get_object_or_404(Questionnaire, public_key=key, is_public=True)
    return _answer(
        request,
        questionnaire,
        done_url=questionnaire.public_path() + "merci/",
    )


@login_not_required
@require_GET
def public_thanks(request, key):
    questionnaire = get_object_or_404(Questionnaire, public_key=key, is_public=True)
    return render(
        request, "surveys/thanks.html", {"questionnaire": questionnaire, "response": None}
    )
