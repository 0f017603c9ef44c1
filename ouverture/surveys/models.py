"""Questionnaires (sections, questions, choices), invitations by personal link, responses.

A questionnaire may be attached to any record by an opaque `subject_ref` string
("events.workshop:7"), so this app never imports the apps that use it.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ouverture.accounts.permissions import is_institutional
from ouverture.surveys.enums import (
    CHOICE_KINDS,
    CLOSED_KINDS,
    SCALE_VALUES,
    Derivation,
    QuestionKind,
    QuestionnaireKind,
    QuestionnaireStatus,
    ResponseSource,
)
from ouverture.surveys.subjects import subject_label


def new_key():
    return secrets.token_urlsafe(24)


def _count(model, **filters):
    """A correlated COUNT(*) subquery: counts without multiplying joined rows."""
    rows = (
        model.objects.filter(questionnaire=OuterRef("pk"), **filters)
        .order_by()
        .values("questionnaire")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=models.IntegerField()), 0)


class QuestionnaireQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The institutional side sees every questionnaire; holders answer by link only."""
        if not user.is_authenticated or not is_institutional(user):
            return self.none()
        return self

    def for_subject(self, subject_ref):
        return self.filter(subject_ref=subject_ref)

    def accepting_answers(self):
        now = timezone.now()
        return self.filter(status=QuestionnaireStatus.OPEN).filter(
            Q(closes_at__isnull=True) | Q(closes_at__gt=now)
        )

    def with_counts(self):
        return self.annotate(
            response_count=_count(Response),
            invitation_count=_count(Invitation),
            answered_invitation_count=_count(Invitation, response__isnull=False),
        )


class Questionnaire(models.Model):
    title = models.CharField("titre", max_length=200)
    kind = models.CharField(
        "usage", max_length=20, choices=QuestionnaireKind.choices, default=QuestionnaireKind.OTHER
    )
    description = models.TextField("présentation", blank=True)
    status = models.CharField(
        "statut",
        max_length=10,
        choices=QuestionnaireStatus.choices,
        default=QuestionnaireStatus.DRAFT,
    )
    # Key of the shipped definition it was made from (definitions.py), if any.
    definition = models.CharField("modèle", max_length=40, blank=True, db_index=True)
    # Opaque reference to what it is about, e.g. "events.workshop:7".
    subject_ref = models.CharField("objet", max_length=100, blank=True, db_index=True)
    is_public = models.BooleanField(
        "lien public",
        default=False,
        help_text="Tout le monde peut répondre par le lien public, sans invitation.",
    )
    asks_identity = models.BooleanField(
        "demander nom et e-mail",
        default=False,
        help_text="Sur le lien public, la personne indique son nom et son e-mail.",
    )
    public_key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    closes_at = models.DateTimeField("clôture automatique le", null=True, blank=True)
    opened_at = models.DateTimeField("ouvert le", null=True, blank=True, editable=False)
    closed_at = models.DateTimeField("clos le", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["public_key"])
    history_labels = {"subject_ref": subject_label}  # the history names the record
    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        verbose_name = "questionnaire"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:detail", args=[self.pk])

    def public_path(self):
        return reverse("surveys:public", args=[self.public_key])

    def is_accepting_answers(self, now=None):
        if self.status != QuestionnaireStatus.OPEN:
            return False
        return self.closes_at is None or (now or timezone.now()) < self.closes_at

    def ordered_questions(self):
        """Questions in reading order (section, then position); uses prefetched rows if any."""
        return [q for section in self.sections.all() for q in section.questions.all()]


class Section(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField("titre", max_length=200)
    description = models.TextField("présentation", blank=True)
    position = models.PositiveIntegerField("ordre", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "section"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class QuestionQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("section__position", "section__pk", "position", "pk")


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    # Stable key within the questionnaire: answers, conditions and exports refer to it.
    code = models.SlugField("code", max_length=60)
    text = models.CharField("question", max_length=300)
    help_text = models.CharField("aide", max_length=300, blank=True)
    kind = models.CharField("type", max_length=20, choices=QuestionKind.choices)
    required = models.BooleanField("réponse obligatoire", default=False)
    position = models.PositiveIntegerField("ordre", default=0)
    scale_min_label = models.CharField("libellé du 1", max_length=60, blank=True)
    scale_max_label = models.CharField("libellé du 5", max_length=60, blank=True)
    derive = models.CharField(
        "donnée dérivée", max_length=20, choices=Derivation.choices, blank=True, default=""
    )
    # Shown only if the answer to `show_if` (an earlier closed question) is among these values.
    show_if = models.ForeignKey(
        "self",
        verbose_name="affichée si la question",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dependents",
    )
    show_if_values = models.JSONField("a pour réponse", default=list, blank=True)

    history = HistoricalRecords()
    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = "question"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="surveys_question_unique_code"
            )
        ]

    def __str__(self):
        return self.text

    @property
    def is_closed(self):
        return self.kind in CLOSED_KINDS

    @property
    def has_choices(self):
        return self.kind in CHOICE_KINDS

    def option_values(self):
        """The values an answer may take, with their labels (choices, or 1 to 5)."""
        if self.kind == QuestionKind.SCALE:
            labels = {"1": self.scale_min_label, "5": self.scale_max_label}
            return [(v, f"{v} — {labels[v]}" if labels.get(v) else v) for v in SCALE_VALUES]
        return [(c.value, c.label) for c in self.choices.all()]

    def condition_text(self):
        if self.show_if_id is None:
            return ""
        labels = dict(self.show_if.option_values())
        values = " ou ".join(f"« {labels.get(v, v)} »" for v in self.show_if_values)
        return f"si « {self.show_if.text} » = {values}"


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    value = models.SlugField("valeur", max_length=60)
    label = models.CharField("libellé", max_length=255)
    position = models.PositiveIntegerField("ordre", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "choix"
        verbose_name_plural = "choix"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="surveys_choice_unique")
        ]

    def __str__(self):
        return self.label


class InvitationQuerySet(models.QuerySet):
    def answered(self):
        return self.filter(response__isnull=False)

    def pending(self):
        return self.filter(response__isnull=True)


class Invitation(models.Model):
    """A personal link: no account, expires, serves for one submission."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="invitations"
    )
    name = models.CharField("nom", max_length=150)
    email = models.EmailField("e-mail")
    # Opaque reference of the caller, e.g. "events.registration:42".
    reference = models.CharField("référence", max_length=100, blank=True, db_index=True)
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    expires_at = models.DateTimeField("expire le")
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["key"])
    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "reference"],
                condition=~Q(reference=""),
                name="surveys_invitation_unique_reference",
            )
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def received(self):
        """The response given through this link, or None."""
        return getattr(self, "response", None)

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at


class ResponseQuerySet(models.QuerySet):
    def for_subject(self, subject_ref):
        return self.filter(questionnaire__subject_ref=subject_ref)

    def of(self, questionnaire):
        return self.filter(questionnaire=questionnaire)


class Response(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses"
    )
    invitation = models.OneToOneField(
        Invitation, on_delete=models.PROTECT, null=True, blank=True, related_name="response"
    )
    source = models.CharField("origine", max_length=20, choices=ResponseSource.choices)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte du répondant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    respondent_name = models.CharField("nom", max_length=150, blank=True)
    respondent_email = models.EmailField("e-mail", blank=True)
    reference = models.CharField("référence", max_length=100, blank=True, db_index=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="retranscrite par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField("reçue le", default=timezone.now)

    history = HistoricalRecords()
    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = "réponse"
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return f"Réponse n° {self.pk} à « {self.questionnaire} »"


class Answer(models.Model):
    """One answer to one question; a multiple choice has one row per ticked choice.

    Written once with its response; its history keeps who sent it (and, after an erasure
    or a retention run, that its text was wiped)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choice = models.ForeignKey(
        Choice, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "réponse à une question"
        ordering = ["pk"]
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self):
        return f"{self.question.code} : {self.choice_id or self.number or self.text}"


# Campaigns live in their own module; imported here so Django registers their models.
from ouverture.surveys.campaign import Campaign, ResponseExclusion  # noqa: E402, F401
