"""The single write path for answers: every check, nothing written on any error."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from ouverture.core import history
from ouverture.core.formats import format_date, parse_decimal_fr
from ouverture.core.wording import plural
from ouverture.surveys.enums import (
    CHOICE_KINDS,
    SCALE_VALUES,
    QuestionKind,
    QuestionnaireStatus,
    ResponseSource,
)
from ouverture.surveys.models import (
    Answer,
    Invitation,
    Questionnaire,
    Response,
)

MAX_LENGTH = {QuestionKind.SHORT_TEXT: 300, QuestionKind.LONG_TEXT: 10_000}

# ---------------------------------------------------------------- answers


def _is_empty(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | set):
        return all(_is_empty(v) for v in value)
    return False


def _as_list(value):
    if isinstance(value, list | tuple | set):
        return [str(v).strip() for v in value if not _is_empty(v)]
    return [str(value).strip()]


def _parse(question, raw):
    """(values for conditions, Answer rows without response) or a ValidationError."""
    kind = question.kind
    if kind in CHOICE_KINDS:
        values = _as_list(raw)
        if kind == QuestionKind.SINGLE_CHOICE and len(values) > 1:
            raise ValidationError("Une seule réponse est possible.")
        by_value = {c.value: c for c in question.choices.all()}
        for value in values:
            if value not in by_value:
                raise ValidationError(f"« {value} » ne fait pas partie des choix proposés.")
        values = list(dict.fromkeys(values))
        return set(values), [Answer(question=question, choice=by_value[v]) for v in values]
    if kind == QuestionKind.SCALE:
        text = str(raw).strip()
        if text not in SCALE_VALUES:
            raise ValidationError(f"La note doit être un nombre entier de 1 à 5 (« {text} » reçu).")
        return {text}, [Answer(question=question, number=Decimal(text))]
    if kind == QuestionKind.NUMBER:
        try:
            number = (
                raw
                if isinstance(raw, Decimal | int)
                else parse_decimal_fr(str(raw), places=20, allow_negative=True)
            )
        except ValueError:
            raise ValidationError(
                f"« {raw} » n'est pas un nombre : écrivez par exemple « 12 500 » ou « 3,5 »."
            ) from None
        number = Decimal(number)
        if number < 0:
            raise ValidationError("Le nombre ne peut pas être négatif.")
        if abs(number) >= Decimal("1e12") or -number.as_tuple().exponent > 2:
            raise ValidationError(f"« {raw} » : au plus 12 chiffres et 2 après la virgule.")
        return set(), [Answer(question=question, number=number)]
    text = str(raw).strip()
    if len(text) > MAX_LENGTH[kind]:
        raise ValidationError(f"Réponse trop longue : {MAX_LENGTH[kind]} caractères au plus.")
    return set(), [Answer(question=question, text=text)]


def check_access(questionnaire, invitation=None, entered_by=None):
    """Whether answers are accepted now through this path; a ValidationError says why not."""
    if invitation is not None:
        if invitation.questionnaire_id != questionnaire.pk:
            raise ValidationError("Ce lien personnel ne correspond pas à ce questionnaire.")
        previous = Response.objects.filter(invitation=invitation).first()
        if previous is not None:
            when = timezone.localtime(previous.submitted_at)
            raise ValidationError(
                f"Ce lien personnel a déjà servi : une réponse a été enregistrée le "
                f"{format_date(when.date())} à {when:%H:%M}."
            )
        if invitation.is_expired():
            raise ValidationError(
                f"Ce lien personnel a expiré le "
                f"{format_date(timezone.localtime(invitation.expires_at).date())}."
            )
    elif entered_by is None and not questionnaire.is_public:
        raise ValidationError("Ce questionnaire se remplit uniquement par un lien personnel.")
    if not questionnaire.is_accepting_answers():
        if questionnaire.status == QuestionnaireStatus.DRAFT:
            raise ValidationError("Ce questionnaire n'est pas encore ouvert aux réponses.")
        raise ValidationError("Ce questionnaire est clos : il n'accepte plus de réponses.")


@transaction.atomic
def submit_response(
    questionnaire,
    answers,
    *,
    invitation=None,
    respondent=None,
    respondent_name="",
    respondent_email="",
    reference="",
    entered_by=None,
):
    """The single write path for answers. `answers` maps question codes to values:
    a choice value, a list of choice values, 1 to 5, a number (Decimal or French
    text), or text. A question hidden by its condition is neither required nor
    stored. `entered_by` (staff) transcribes an answer received elsewhere: required
    questions may then be left empty, every other check applies.
    Raises ValidationError({code: message, ...}) and writes nothing on any error."""
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    questionnaire = Questionnaire.objects.get(pk=questionnaire.pk)
    check_access(questionnaire, invitation, entered_by)
    questions = list(
        questionnaire.questions.in_order().select_related("section").prefetch_related("choices")
    )
    codes = {q.code for q in questions}
    unknown = [str(code) for code in answers if code not in codes]
    if unknown:
        raise ValidationError(
            f"{plural('Question inconnue', len(unknown))} : {', '.join(sorted(unknown))}."
        )
    errors, values, rows, shown = {}, {}, [], set()
    by_pk = {q.pk: q for q in questions}
    for question in questions:
        # Conditions depend on earlier answers only: evaluate in reading order.
        source = by_pk.get(question.show_if_id)
        if question.show_if_id is not None and not (
            source.code in shown and values.get(source.code, set()) & set(question.show_if_values)
        ):
            continue
        shown.add(question.code)
        raw = answers.get(question.code)
        if _is_empty(raw):
            if question.required and entered_by is None:
                errors[question.code] = "Cette question est obligatoire."
            continue
        try:
            values[question.code], parsed = _parse(question, raw)
        except ValidationError as error:
            errors[question.code] = error.messages[0]
            continue
        rows.extend(parsed)
    source = ResponseSource.TRANSCRIBED if entered_by else ResponseSource.PUBLIC
    if invitation is not None:
        source = ResponseSource.INVITATION
        respondent_name = respondent_name or invitation.name
        respondent_email = respondent_email or invitation.email
        reference = reference or invitation.reference
    elif respondent is not None:
        respondent_name = respondent_name or respondent.get_full_name()
        respondent_email = respondent_email or respondent.email
    if source == ResponseSource.PUBLIC and questionnaire.asks_identity:
        if not respondent_name.strip():
            errors["respondent_name"] = "Indiquez votre nom."
        if not respondent_email.strip():
            errors["respondent_email"] = "Indiquez votre adresse e-mail."
    if respondent_email.strip():
        try:
            validate_email(respondent_email.strip())
        except ValidationError:
            errors["respondent_email"] = f"« {respondent_email} » n'est pas une adresse e-mail."
    if not rows and not errors:
        errors["__all__"] = "Aucune réponse : répondez au moins à une question."
    if errors:
        raise ValidationError(errors)
    response = history.save(
        Response(
            questionnaire=questionnaire,
            invitation=invitation,
            source=source,
            respondent=respondent if respondent and respondent.is_authenticated else None,
            respondent_name=respondent_name.strip()[:150],
            respondent_email=respondent_email.strip(),
            reference=reference,
            entered_by=entered_by,
        ),
        entered_by or (respondent if respondent and respondent.is_authenticated else None),
    )
    for row in rows:
        row.response = response
    actor = entered_by or (respondent if respondent and respondent.is_authenticated else None)
    bulk_create_with_history(
        rows, Answer, default_user=actor, default_change_reason="Réponse reçue"
    )
    return response
