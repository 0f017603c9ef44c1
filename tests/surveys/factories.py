"""Questionnaires built through the services, as staff would."""

from ouverture.accounts.services import system_user
from ouverture.surveys import services
from ouverture.surveys.enums import QuestionKind


def questionnaire(
    *, title="Satisfaction", open=True, is_public=False, asks_identity=False, **fields
):
    """Three sections' worth of every question kind, with Q3 shown only if Q2 = "Oui"."""
    actor = system_user()
    q = services.create_questionnaire(
        actor=actor, title=title, is_public=is_public, asks_identity=asks_identity, **fields
    )
    first = services.add_section(q, actor=actor, title="La rencontre")
    services.add_question(
        first,
        actor=actor,
        code="expectations",
        text="Quelles étaient vos attentes ?",
        kind=QuestionKind.MULTIPLE_CHOICE,
        required=True,
        choices=[("criteria", "Les critères"), ("budget", "Le budget"), ("network", "Le réseau")],
    )
    other = services.add_question(
        first,
        actor=actor,
        code="other_workshop",
        text="Un autre atelier aurait-il été nécessaire ?",
        kind=QuestionKind.SINGLE_CHOICE,
        required=True,
        choices=[("yes", "Oui"), ("no", "Non")],
    )
    services.add_question(
        first,
        actor=actor,
        code="which",
        text="Sur quel sujet ?",
        kind=QuestionKind.SHORT_TEXT,
        required=True,
        show_if=other,
        show_if_values=["yes"],
    )
    second = services.add_section(q, actor=actor, title="Votre avis")
    services.add_question(
        second,
        actor=actor,
        code="satisfaction",
        text="Êtes-vous satisfait ?",
        kind=QuestionKind.SCALE,
        required=True,
        scale_min_label="Pas du tout",
        scale_max_label="Très",
    )
    services.add_question(
        second,
        actor=actor,
        code="participants",
        text="Combien étiez-vous ?",
        kind=QuestionKind.NUMBER,
    )
    services.add_question(
        second,
        actor=actor,
        code="lessons",
        text="Quels enseignements en retirez-vous ?",
        kind=QuestionKind.LONG_TEXT,
    )
    if open:
        services.open_questionnaire(q, actor=actor)
    return q


VALID = {
    "expectations": ["criteria", "budget"],
    "other_workshop": "no",
    "satisfaction": "4",
    "participants": "3",
    "lessons": "La méthodologie",
}


def answer(q, **changes):
    """A valid transcribed response (no invitation needed)."""
    answers = {**VALID, **changes}
    return services.submit_response(q, answers, entered_by=system_user())


def invitation(q, name="Camille Martin", email="camille@example.org", reference=""):
    (created,) = services.invite(
        q, [services.Recipient(name, email, reference)], actor=system_user()
    )
    return created
