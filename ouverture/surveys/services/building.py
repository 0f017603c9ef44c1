"""Building questionnaires: sections, questions, choices, conditions, opening and closing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from ouverture.core import history
from ouverture.core.wording import plural
from ouverture.surveys import subjects
from ouverture.surveys.enums import (
    CHOICE_KINDS,
    CLOSED_KINDS,
    SCALE_VALUES,
    Derivation,
    QuestionKind,
    QuestionnaireKind,
    QuestionnaireStatus,
)
from ouverture.surveys.models import (
    Choice,
    Question,
    Questionnaire,
    Section,
)

QUESTIONNAIRE_FIELDS = {
    "title", "kind", "description", "subject_ref", "is_public", "asks_identity", "closes_at",
}  # fmt: skip
QUESTION_FIELDS = {
    "text", "help_text", "kind", "required", "scale_min_label", "scale_max_label", "derive",
    "show_if", "show_if_values", "code",
}  # fmt: skip


# ---------------------------------------------------------------- questionnaires


@transaction.atomic
def create_questionnaire(
    *,
    actor,
    title,
    kind=QuestionnaireKind.OTHER,
    description="",
    subject_ref="",
    is_public=False,
    asks_identity=False,
    closes_at=None,
    definition="",
):
    return history.save(
        Questionnaire(
            title=title,
            kind=kind,
            description=description,
            subject_ref=subject_ref,
            is_public=is_public,
            asks_identity=asks_identity,
            closes_at=closes_at,
            definition=definition,
        ),
        actor,
    )


@transaction.atomic
def update_questionnaire(questionnaire, *, actor, **changes):
    unknown = set(changes) - QUESTIONNAIRE_FIELDS
    if unknown:
        raise ValueError(f"Unknown questionnaire fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(questionnaire, name, value)
    return history.save(questionnaire, actor)


@transaction.atomic
def attach(questionnaire, subject_ref, *, actor):
    """Attach the questionnaire to a record of another app ("events.workshop:7")."""
    questionnaire.subject_ref = subject_ref or ""
    # The history names the record ("Temps collectif « … »"), not its code.
    subject = subjects.describe([subject_ref]).get(subject_ref) if subject_ref else None
    reason = f"Rattaché à {subject['label']}" if subject else "Rattaché à rien"
    return history.save(questionnaire, actor, reason=reason)


def _check_ready(questionnaire):
    questions = list(questionnaire.questions.prefetch_related("choices"))
    if not questions:
        raise ValidationError("Ajoutez au moins une question avant d'ouvrir le questionnaire.")
    for question in questions:
        if question.kind in CHOICE_KINDS and len(question.choices.all()) < 2:
            raise ValidationError(
                f"La question « {question.text} » propose moins de deux choix : complétez-la."
            )


@transaction.atomic
def open_questionnaire(questionnaire, *, actor):
    if questionnaire.status == QuestionnaireStatus.OPEN:
        return questionnaire
    _check_ready(questionnaire)
    if questionnaire.closes_at and questionnaire.closes_at <= timezone.now():
        raise ValidationError(
            {"closes_at": "La date de clôture automatique est passée : changez-la ou effacez-la."}
        )
    questionnaire.status = QuestionnaireStatus.OPEN
    questionnaire.opened_at = timezone.now()
    questionnaire.closed_at = None
    return history.save(questionnaire, actor, reason="Ouverture aux réponses")


@transaction.atomic
def close_questionnaire(questionnaire, *, actor):
    if questionnaire.status != QuestionnaireStatus.OPEN:
        raise ValidationError("Seul un questionnaire ouvert peut être clos.")
    questionnaire.status = QuestionnaireStatus.CLOSED
    questionnaire.closed_at = timezone.now()
    return history.save(questionnaire, actor, reason="Clôture des réponses")


@transaction.atomic
def delete_questionnaire(questionnaire, *, actor):
    if questionnaire.responses.exists():
        raise ValidationError(
            "Ce questionnaire a reçu des réponses : il ne peut pas être supprimé."
        )
    # Conditions point to earlier questions: delete from the last one.
    for question in reversed(list(questionnaire.questions.in_order())):
        history.delete(question, actor)
    history.delete(questionnaire, actor)


# ---------------------------------------------------------------- sections


def _next_position(queryset):
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def add_section(questionnaire, *, actor, title, description=""):
    section = Section(
        questionnaire=questionnaire,
        title=title,
        description=description,
        position=_next_position(questionnaire.sections.all()),
    )
    return history.save(section, actor)


@transaction.atomic
def update_section(section, *, actor, title, description=""):
    section.title = title
    section.description = description
    return history.save(section, actor)


@transaction.atomic
def delete_section(section, *, actor):
    questions = list(section.questions.order_by("-position", "-pk"))
    for question in questions:
        delete_question(question, actor=actor)
    history.delete(section, actor)


def _swap(obj, siblings, direction, actor):
    siblings = list(siblings)
    index = next(i for i, s in enumerate(siblings) if s.pk == obj.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(siblings):
        return False
    # Renumber the whole list so that equal positions cannot hide a move.
    siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            history.save(sibling, actor, validate=False)
    return True


@transaction.atomic
def move_section(section, *, actor, direction):
    if _swap(section, section.questionnaire.sections.all(), direction, actor):
        _check_order(section.questionnaire)
    return section


# ---------------------------------------------------------------- questions


def _unique_code(questionnaire, text, exclude_pk=None):
    base = slugify(text).replace("-", "_")[:50].strip("_") or "question"
    taken = set(
        questionnaire.questions.exclude(pk=exclude_pk).values_list("code", flat=True)
        if questionnaire.pk
        else []
    )
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


def _normalise_choices(choices):
    """[(value, label)] from labels or (value, label) pairs; values are slugs."""
    out, seen = [], set()
    for item in choices:
        value, label = item if isinstance(item, list | tuple) else ("", item)
        label = str(label).strip()
        if not label:
            continue
        value = (str(value).strip() or slugify(label).replace("-", "_")[:50]) or "choix"
        base, n = value, 2
        while value in seen:
            value, n = f"{base}_{n}", n + 1
        seen.add(value)
        out.append((value, label))
    return out


def _set_choices(question, choices, actor):
    wanted = _normalise_choices(choices)
    existing = {c.value: c for c in question.choices.all()}
    wanted_values = {value for value, _ in wanted}
    for value, choice in existing.items():
        if value in wanted_values:
            continue
        used = choice.answers.count()
        if used:
            raise ValidationError(
                {
                    "choices": f"Le choix « {choice.label} » a été coché dans {used} {plural('réponse', used)} : "
                    "il ne peut pas être retiré (renommez-le plutôt)."
                }
            )
        if any(value in d.show_if_values for d in question.dependents.all()):
            raise ValidationError(
                {
                    "choices": f"Le choix « {choice.label} » commande l'affichage d'une autre "
                    "question : changez d'abord cette condition."
                }
            )
        history.delete(choice, actor)
    for position, (value, label) in enumerate(wanted, start=1):
        choice = existing.get(value) or Choice(question=question, value=value)
        if choice.pk is None or choice.label != label or choice.position != position:
            choice.label, choice.position = label, position
            history.save(choice, actor)


def _check_condition(question):
    source = question.show_if
    if source is None:
        question.show_if_values = []
        return
    if source.pk == question.pk or source.questionnaire_id != question.questionnaire_id:
        raise ValidationError({"show_if": "Une question ne peut dépendre que d'une autre question "
                               "du même questionnaire."})  # fmt: skip
    if source.kind not in CLOSED_KINDS:
        raise ValidationError(
            {"show_if": "Une condition porte sur une question à choix ou sur une échelle."}
        )
    values = [str(v) for v in question.show_if_values or []]
    if not values:
        raise ValidationError(
            {"show_if_values": "Indiquez la ou les réponses qui font apparaître la question."}
        )
    offered = (
        SCALE_VALUES
        if source.kind == QuestionKind.SCALE
        else list(source.choices.values_list("value", flat=True))
    )
    unknown = [v for v in values if v not in offered]
    if unknown:
        raise ValidationError(
            {
                "show_if_values": f"{plural('Réponse', len(unknown))} non {plural('proposée', len(unknown))} par « {source.text} » : "
                f"{', '.join(unknown)}."
            }  # fmt: skip
        )
    question.show_if_values = values


def _check_order(questionnaire):
    """Each conditional question comes after the question it depends on."""
    questions = list(questionnaire.questions.in_order())
    index = {q.pk: i for i, q in enumerate(questions)}
    for question in questions:
        if question.show_if_id and index[question.show_if_id] >= index[question.pk]:
            raise ValidationError(
                f"« {question.text} » dépend de « {question.show_if.text} » : "
                "elle doit venir après elle."
            )


def _check_question(question, choices):
    if question.derive and question.kind != QuestionKind.NUMBER:
        raise ValidationError({"derive": "Une donnée dérivée se calcule sur un nombre."})
    if question.kind in CHOICE_KINDS and choices is not None and len(choices) < 2:
        raise ValidationError({"choices": "Proposez au moins deux choix, un par ligne."})
    if question.kind != QuestionKind.SCALE:
        question.scale_min_label = question.scale_max_label = ""
    _check_condition(question)


@transaction.atomic
def add_question(
    section,
    *,
    actor,
    text,
    kind,
    required=False,
    help_text="",
    code="",
    choices=(),
    show_if=None,
    show_if_values=(),
    scale_min_label="",
    scale_max_label="",
    derive=Derivation.NONE,
):
    questionnaire = section.questionnaire
    question = Question(
        questionnaire=questionnaire,
        section=section,
        code=code or _unique_code(questionnaire, text),
        text=text,
        help_text=help_text,
        kind=kind,
        required=required,
        position=_next_position(section.questions.all()),
        scale_min_label=scale_min_label,
        scale_max_label=scale_max_label,
        derive=derive or "",
        show_if=show_if,
        show_if_values=list(show_if_values or []),
    )
    choices = _normalise_choices(choices or []) if kind in CHOICE_KINDS else None
    _check_question(question, choices)
    history.save(question, actor)
    if choices is not None:
        _set_choices(question, choices, actor)
    _check_order(questionnaire)
    return question


@transaction.atomic
def update_question(question, *, actor, choices=None, **changes):
    unknown = set(changes) - QUESTION_FIELDS
    if unknown:
        raise ValueError(f"Unknown question fields: {sorted(unknown)}")
    answered = question.answers.exists()
    if "kind" in changes and changes["kind"] != question.kind and answered:
        raise ValidationError(
            {"kind": "Cette question a déjà des réponses : son type ne peut plus changer."}
        )
    if "code" in changes and changes["code"] != question.code and answered:
        raise ValidationError({"code": "Cette question a déjà des réponses : gardez son code."})
    for name, value in changes.items():
        setattr(question, name, value)
    if question.kind in CHOICE_KINDS:
        wanted = _normalise_choices(choices) if choices is not None else None
        if wanted is None and question.choices.count() < 2:
            wanted = []
    else:
        wanted = None
    _check_question(question, wanted)
    history.save(question, actor)
    if wanted is not None:
        _set_choices(question, wanted, actor)
    elif question.kind not in CHOICE_KINDS:
        for choice in question.choices.all():
            history.delete(choice, actor)
    if question.kind not in CLOSED_KINDS and question.dependents.exists():
        raise ValidationError(
            {"kind": "D'autres questions dépendent de celle-ci : elle doit rester à choix."}
        )
    for dependent in question.dependents.all():
        _check_condition(dependent)
    _check_order(question.questionnaire)
    return question


@transaction.atomic
def delete_question(question, *, actor):
    used = question.answers.values("response").distinct().count()
    if used:
        raise ValidationError(
            f"« {question.text} » a reçu {used} {plural('réponse', used)} : elle ne peut pas être supprimée."
        )
    dependents = list(question.dependents.values_list("text", flat=True))
    if dependents:
        raise ValidationError(
            f"« {question.text} » commande l'affichage de « {dependents[0]} » : "
            "retirez d'abord cette condition."
        )
    for choice in question.choices.all():
        history.delete(choice, actor)
    history.delete(question, actor)


@transaction.atomic
def move_question(question, *, actor, direction):
    if _swap(question, question.section.questions.all(), direction, actor):
        _check_order(question.questionnaire)
    return question


# ---------------------------------------------------------------- shipped definitions


@transaction.atomic
def create_from_definition(
    key, *, actor, title=None, subject_ref="", choices=None, closes_at=None, **fields
):
    """A new draft questionnaire from a shipped definition (definitions.DEFINITIONS).

    `choices` replaces the choices of some questions, e.g. {"sessions": [...]} for
    the agenda of another workshop; `fields` override questionnaire fields."""
    from ouverture.surveys.definitions import DEFINITIONS

    if key not in DEFINITIONS:
        raise ValidationError({"definition": f"Modèle de questionnaire inconnu : {key}."})
    definition = DEFINITIONS[key]
    overrides = dict(choices or {})
    questionnaire = create_questionnaire(
        actor=actor,
        title=title or definition["title"],
        kind=definition["kind"],
        description=definition.get("description", ""),
        subject_ref=subject_ref,
        is_public=fields.pop("is_public", definition.get("is_public", False)),
        asks_identity=fields.pop("asks_identity", definition.get("asks_identity", False)),
        closes_at=closes_at,
        definition=key,
    )
    if fields:
        update_questionnaire(questionnaire, actor=actor, **fields)
    created = {}
    for section_data in definition["sections"]:
        section = add_section(
            questionnaire,
            actor=actor,
            title=section_data["title"],
            description=section_data.get("description", ""),
        )
        for data in section_data["questions"]:
            data = dict(data)
            show_if = data.pop("show_if")
            code = data["code"]
            created[code] = add_question(
                section,
                actor=actor,
                choices=overrides.pop(code, data.pop("choices")),
                show_if=created[show_if[0]] if show_if else None,
                show_if_values=show_if[1] if show_if else (),
                **{k: v for k, v in data.items() if k != "choices"},
            )
    if overrides:
        raise ValidationError(
            {
                "choices": f"{plural('Question inconnue', len(overrides))} du modèle : {', '.join(sorted(overrides))}."
            }
        )
    return questionnaire
