"""Staff screens: list, build (sections, questions, choices, order), open/close, invite,
see who answered, transcribe an answer. Results live in results_views, answering in public."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.core import history
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require
from ouverture.core.wording import plural
from ouverture.surveys import services, subjects
from ouverture.surveys.forms import (
    AnswerForm,
    InviteForm,
    NewQuestionnaireForm,
    QuestionForm,
    QuestionnaireForm,
    SectionForm,
)
from ouverture.surveys.models import Invitation, Question, Questionnaire, Section
from ouverture.surveys.results import questions_in_order, response_rate


def _visible(request, pk, perm="surveys.view_results"):
    # Fetched through the user's scope: a holder gets a 404, then the rule says 403.
    questionnaire = get_object_or_404(Questionnaire.objects.visible_to(request.user), pk=pk)
    require(request.user, perm, questionnaire)
    return questionnaire


def _editable(request, pk):
    return _visible(request, pk, "surveys.change_questionnaire")


@require_GET
def questionnaire_list(request):
    require(request.user, "surveys.list_questionnaires")
    questionnaires = list(Questionnaire.objects.visible_to(request.user).with_counts())
    described = subjects.describe(q.subject_ref for q in questionnaires)
    for q in questionnaires:
        q.subject = described.get(q.subject_ref)
    return render(request, "surveys/list.html", {"questionnaires": questionnaires})


@require_http_methods(["GET", "POST"])
def questionnaire_create(request):
    require(request.user, "surveys.add_questionnaire")
    form = NewQuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        definition = data.pop("definition")
        try:
            if definition:
                # The model says what it is, whether it is public and how it reads.
                for name in ("kind", "is_public", "asks_identity"):
                    data.pop(name)
                data["title"] = data["title"] or None
                if not data["description"]:
                    data.pop("description")
                questionnaire = services.create_from_definition(
                    definition, actor=request.user, **data
                )
            else:
                questionnaire = services.create_questionnaire(actor=request.user, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Le questionnaire « {questionnaire} » a été créé.")
            return redirect(questionnaire)
    return render(request, "surveys/form.html", {"form": form})


def _detail_context(request, questionnaire):
    user = request.user
    context = {
        "questionnaire": questionnaire,
        "sections": questions_in_order(questionnaire),
        "rate": response_rate(questionnaire),
        "section_form": SectionForm(),
        "can_change": user.has_perm("surveys.change_questionnaire", questionnaire),
        "can_invite": user.has_perm("surveys.invite", questionnaire),
        "public_url": request.build_absolute_uri(questionnaire.public_path()),
        "subject": subjects.describe([questionnaire.subject_ref]).get(questionnaire.subject_ref),
    }
    if user.has_perm("surveys.view_respondents", questionnaire):
        invitations = list(questionnaire.invitations.select_related("response"))
        for invitation in invitations:
            invitation.reference_label = subjects.reference_label(invitation.reference)
        context["invitations"] = invitations
    if user.has_perm("surveys.view_history", questionnaire):
        context["history_entries"] = history.entries(questionnaire)
    return context


@require_GET
def questionnaire_detail(request, pk):
    questionnaire = _visible(request, pk)
    return render(request, "surveys/detail.html", _detail_context(request, questionnaire))


@require_http_methods(["GET", "POST"])
def questionnaire_update(request, pk):
    questionnaire = _editable(request, pk)
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_questionnaire(questionnaire, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Modifications enregistrées.")
            return redirect(questionnaire)
    return render(request, "surveys/form.html", {"form": form, "questionnaire": questionnaire})


def _run(request, questionnaire, action, success):
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(questionnaire)


@require_POST
def questionnaire_open(request, pk):
    questionnaire = _editable(request, pk)
    return _run(
        request,
        questionnaire,
        lambda: services.open_questionnaire(questionnaire, actor=request.user),
        "Le questionnaire est ouvert aux réponses.",
    )


@require_POST
def questionnaire_close(request, pk):
    questionnaire = _editable(request, pk)
    return _run(
        request,
        questionnaire,
        lambda: services.close_questionnaire(questionnaire, actor=request.user),
        "Le questionnaire est clos : il n'accepte plus de réponses.",
    )


@require_POST
def questionnaire_delete(request, pk):
    questionnaire = _editable(request, pk)
    try:
        services.delete_questionnaire(questionnaire, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(questionnaire)
    messages.success(request, f"Le questionnaire « {questionnaire.title} » a été supprimé.")
    return redirect("surveys:list")


# ---------------------------------------------------------------- sections and questions


def _structure(request, questionnaire):
    """After a change of the structure: the partial for htmx, else back to the page."""
    if request.htmx:
        return render(
            request, "surveys/detail.html#structure", _detail_context(request, questionnaire)
        )
    return redirect(questionnaire)


@require_POST
def section_add(request, pk):
    questionnaire = _editable(request, pk)
    form = SectionForm(request.POST)
    if form.is_valid():
        services.add_section(questionnaire, actor=request.user, **form.cleaned_data)
        messages.success(request, "Section ajoutée.")
        return redirect(questionnaire)
    context = _detail_context(request, questionnaire) | {"section_form": form}
    return render(request, "surveys/detail.html", context, status=200)


@require_http_methods(["GET", "POST"])
def section_update(request, pk, section_pk):
    questionnaire = _editable(request, pk)
    section = get_object_or_404(Section, pk=section_pk, questionnaire=questionnaire)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        services.update_section(section, actor=request.user, **form.cleaned_data)
        messages.success(request, "Section modifiée.")
        return redirect(questionnaire)
    return render(
        request,
        "surveys/section_form.html",
        {"form": form, "questionnaire": questionnaire, "section": section},
    )


@require_POST
def section_delete(request, pk, section_pk):
    questionnaire = _editable(request, pk)
    section = get_object_or_404(Section, pk=section_pk, questionnaire=questionnaire)
    return _run(
        request,
        questionnaire,
        lambda: services.delete_section(section, actor=request.user),
        f"Section « {section.title} » supprimée.",
    )


@require_POST
def section_move(request, pk, section_pk):
    questionnaire = _editable(request, pk)
    section = get_object_or_404(Section, pk=section_pk, questionnaire=questionnaire)
    try:
        services.move_section(section, actor=request.user, direction=request.POST.get("direction"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _structure(request, questionnaire)


@require_http_methods(["GET", "POST"])
def question_add(request, pk, section_pk):
    questionnaire = _editable(request, pk)
    section = get_object_or_404(Section, pk=section_pk, questionnaire=questionnaire)
    form = QuestionForm(request.POST or None, section=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_question(section, actor=request.user, **form.service_arguments())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Question ajoutée.")
            return redirect(questionnaire)
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "questionnaire": questionnaire, "section": section},
    )


@require_http_methods(["GET", "POST"])
def question_update(request, pk, question_pk):
    questionnaire = _editable(request, pk)
    question = get_object_or_404(Question, pk=question_pk, questionnaire=questionnaire)
    form = QuestionForm(request.POST or None, instance=question, section=question.section)
    if request.method == "POST" and form.is_valid():
        arguments = form.service_arguments()
        choices = arguments.pop("choices", None)
        try:
            services.update_question(question, actor=request.user, choices=choices, **arguments)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Question modifiée.")
            return redirect(questionnaire)
    return render(
        request,
        "surveys/question_form.html",
        {
            "form": form,
            "questionnaire": questionnaire,
            "section": question.section,
            "question": question,
        },
    )


@require_POST
def question_delete(request, pk, question_pk):
    questionnaire = _editable(request, pk)
    question = get_object_or_404(Question, pk=question_pk, questionnaire=questionnaire)
    return _run(
        request,
        questionnaire,
        lambda: services.delete_question(question, actor=request.user),
        f"Question « {question.text} » supprimée.",
    )


@require_POST
def question_move(request, pk, question_pk):
    questionnaire = _editable(request, pk)
    question = get_object_or_404(Question, pk=question_pk, questionnaire=questionnaire)
    try:
        services.move_question(
            question, actor=request.user, direction=request.POST.get("direction")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _structure(request, questionnaire)


# ---------------------------------------------------------------- invitations and transcription


@require_http_methods(["GET", "POST"])
def invite(request, pk):
    questionnaire = _visible(request, pk, "surveys.invite")
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.invite(
                questionnaire,
                form.cleaned_data["recipients"],
                actor=request.user,
                subject=form.cleaned_data["subject"] or None,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            skipped = len(form.cleaned_data["recipients"]) - len(created)
            text = f"{len(created)} {plural('invitation envoyée', len(created))}."
            if skipped:
                text += f" {skipped} {plural('personne', skipped)} déjà {plural('invitée', skipped)} : pas de second lien."
            messages.success(request, text)
            return redirect(questionnaire)
    return render(request, "surveys/invite.html", {"form": form, "questionnaire": questionnaire})


@require_POST
def invitation_resend(request, pk, invitation_pk):
    questionnaire = _visible(request, pk, "surveys.invite")
    invitation = get_object_or_404(Invitation, pk=invitation_pk, questionnaire=questionnaire)
    return _run(
        request,
        questionnaire,
        lambda: services.resend_invitation(invitation, actor=request.user),
        f"Invitation renvoyée à {invitation.email}.",
    )


@require_http_methods(["GET", "POST"])
def transcribe(request, pk):
    """Staff enter an answer received on paper or by another tool."""
    questionnaire = _visible(request, pk, "surveys.transcribe_response")
    form = AnswerForm(
        request.POST or None, sections=questions_in_order(questionnaire), ask_identity=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_response(
                questionnaire, form.answers(), entered_by=request.user, **form.identity()
            )
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, "Réponse enregistrée.")
            return redirect(questionnaire)
    return render(
        request,
        "surveys/answer.html",
        {"form": form, "questionnaire": questionnaire, "mode": "transcribe"},
    )


@require_GET
def preview(request, pk):
    questionnaire = _visible(request, pk)
    form = AnswerForm(
        sections=questions_in_order(questionnaire), ask_identity=questionnaire.asks_identity
    )
    return render(
        request,
        "surveys/answer.html",
        {"form": form, "questionnaire": questionnaire, "mode": "preview"},
    )
