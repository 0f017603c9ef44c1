"""The PAM (parcours d'accompagnement aux projets de mobilité): the catalogue of its
modules, cohorts, each module scheduled for a cohort as a session (an events
Workshop of kind `pam_module`), candidates from the intake questionnaire, and the
scores each side (network, funder) gives them on the selection criteria."""

import calendar
import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ouverture.events.enums import Audience
from ouverture.pathways.enums import (
    SCORE_MAX,
    SCORE_MIN,
    CandidateStatus,
    CohortStatus,
    Criterion,
    ModuleFormat,
    OrganisationReview,
    Side,
)


def _is_institutional(user):
    from ouverture.accounts.permissions import is_institutional

    return is_institutional(user)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ModuleQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("number")


class Module(models.Model):
    """One of the PAM's modules, as the source document describes it."""

    history_labels = {"formats": ModuleFormat.choices}  # the history shows labels, not codes

    number = models.PositiveSmallIntegerField("numéro", unique=True)
    title = models.CharField("intitulé", max_length=200)
    objectives = models.TextField("objectifs")
    practical_info = models.TextField("informations pratiques", blank=True)
    # One or more of ModuleFormat (module 2: an online resource and a video Q&A).
    formats = models.JSONField("format", default=list)
    duration_minutes = models.PositiveIntegerField(
        "durée (minutes)", null=True, blank=True, help_text="Vide : non précisée."
    )
    audience = models.CharField("public", max_length=20, choices=Audience.choices)

    history = HistoricalRecords()
    objects = ModuleQuerySet.as_manager()

    class Meta:
        verbose_name = "module du PAM"
        verbose_name_plural = "modules du PAM"
        ordering = ["number"]

    def __str__(self):
        return f"Module {self.number} : {self.title}"

    def clean(self):
        formats = self.formats if isinstance(self.formats, list) else []
        unknown = [f for f in formats if f not in ModuleFormat.values]
        if not formats or unknown:
            raise ValidationError(
                {
                    "formats": "Choisissez au moins un format : visioconférence, présentiel, "
                    "rendez-vous individuel ou ressource en ligne."
                }
            )

    @property
    def formats_display(self):
        labels = dict(ModuleFormat.choices)
        return " + ".join(labels.get(f, f) for f in self.formats)

    @property
    def is_cohort_only(self):
        return self.audience == Audience.COHORT_ONLY


class CohortQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A cohort's description and calendar are public (its intake page); rules say
        who sees candidates and scores."""
        if not user.is_authenticated:
            return self.none()
        return self

    def accepting_candidates(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status=CohortStatus.INTAKE, intake_deadline__gte=today)

    def current(self):
        return self.exclude(status=CohortStatus.COMPLETED)

    def with_counts(self):
        from django.db.models import Count

        return self.annotate(
            candidate_count=Count("candidates", filter=~Q(candidates__status="withdrawn")),
            admitted_count=Count("candidates", filter=Q(candidates__status="admitted")),
            waiting_count=Count("candidates", filter=Q(candidates__status="waiting_list")),
        )


class Cohort(models.Model):
    """A session of the PAM: 7 modules over 6 months for at most 8 holders."""

    public_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("présentation", blank=True)
    start_date = models.DateField("début du parcours")
    months = models.PositiveSmallIntegerField("durée (mois)", default=6)
    capacity = models.PositiveSmallIntegerField("porteurs accueillis (au plus)", default=8)
    intake_deadline = models.DateField(
        "date limite des candidatures",
        help_text="Incluse. Début décembre pour un début en janvier.",
    )
    status = models.CharField(
        "statut", max_length=20, choices=CohortStatus.choices, default=CohortStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = "cohorte du PAM"
        verbose_name_plural = "cohortes du PAM"
        ordering = ["-start_date", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pathways:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.months is not None and not 1 <= self.months <= 24:
            errors["months"] = "Un parcours dure de 1 à 24 mois."
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = "Accueillez au moins un porteur."
        if self.intake_deadline and self.start_date and self.intake_deadline >= self.start_date:
            errors["intake_deadline"] = (
                "La date limite des candidatures doit précéder le début du parcours "
                "(la sélection a lieu entre les deux)."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def end_date(self) -> dt.date:
        return add_months(self.start_date, self.months)

    @property
    def subject_ref(self) -> str:
        """How the intake questionnaire is attached to the cohort (surveys' subject_ref)."""
        return f"pathways.cohort:{self.pk}"

    def intake_closes_at(self) -> dt.datetime:
        """The end of the deadline day, Europe/Paris."""
        tz = timezone.get_current_timezone()
        return dt.datetime.combine(self.intake_deadline + dt.timedelta(days=1), dt.time(0), tz)

    def intake_questionnaire(self):
        """The intake questionnaire attached to the cohort (surveys), or None."""
        from ouverture.surveys.enums import QuestionnaireKind
        from ouverture.surveys.models import Questionnaire

        return (
            Questionnaire.objects.for_subject(self.subject_ref)
            .filter(kind=QuestionnaireKind.INTAKE)
            .order_by("-created_at", "-pk")
            .first()
        )

    def is_accepting_candidates(self, today=None):
        today = today or timezone.localdate()
        return self.status == CohortStatus.INTAKE and today <= self.intake_deadline


class ModuleSessionQuerySet(models.QuerySet):
    def in_order(self):
        return self.select_related("module", "workshop").order_by("module__number", "pk")


class ModuleSession(models.Model):
    """A module scheduled for a cohort: its date, place and attendance are the workshop's."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="sessions")
    workshop = models.OneToOneField(
        "events.Workshop", on_delete=models.PROTECT, related_name="pam_session"
    )

    history = HistoricalRecords()
    objects = ModuleSessionQuerySet.as_manager()

    class Meta:
        verbose_name = "séance d'un module"
        verbose_name_plural = "séances des modules"
        constraints = [
            models.UniqueConstraint(fields=["cohort", "module"], name="pathways_one_session")
        ]

    def __str__(self):
        return f"{self.cohort} — {self.module}"


class CandidateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The institutional side sees every candidate; a holder its own organisation's."""
        if not user.is_authenticated:
            return self.none()
        if _is_institutional(user):
            return self
        membership = getattr(user, "membership", None)
        if membership is None:
            return self.none()
        return self.filter(organisation_id=membership.organisation_id)

    def admitted(self):
        return self.filter(status=CandidateStatus.ADMITTED)

    def waiting_list(self):
        return self.filter(status=CandidateStatus.WAITING_LIST)

    def active(self):
        return self.exclude(status=CandidateStatus.WITHDRAWN)

    def pending_review(self):
        return self.filter(organisation_review=OrganisationReview.PENDING).active()

    def with_scores(self):
        return self.select_related("organisation__commune", "cohort").prefetch_related("scores")


class Candidate(models.Model):
    """A holder's application to a cohort: one response to the intake questionnaire."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="candidates")
    response = models.OneToOneField(
        "surveys.Response",
        verbose_name="réponse au questionnaire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pam_candidate",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="structure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pam_candidacies",
    )
    organisation_name = models.CharField("structure (saisie)", max_length=200)
    organisation_review = models.CharField(
        "rattachement de la structure", max_length=10, choices=OrganisationReview.choices
    )
    contact_name = models.CharField("contact", max_length=150)
    contact_email = models.EmailField("e-mail du contact")
    contact_role = models.CharField("fonction", max_length=150, blank=True)
    submitted_at = models.DateTimeField("déposée le", default=timezone.now)
    status = models.CharField(
        "décision",
        max_length=20,
        choices=CandidateStatus.choices,
        default=CandidateStatus.CANDIDATE,
    )
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)

    history = HistoricalRecords()
    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = "candidature au PAM"
        verbose_name_plural = "candidatures au PAM"
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "contact_email"], name="pathways_one_candidacy_per_email"
            )
        ]

    def __str__(self):
        return f"{self.display_name} — {self.cohort}"

    @property
    def display_name(self):
        if self.organisation_id:
            return self.organisation.usual_name or self.organisation.name
        return self.organisation_name

    @property
    def is_admitted(self):
        return self.status == CandidateStatus.ADMITTED


class Score(models.Model):
    """One side's score of a candidate on one criterion."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    side = models.CharField("partie", max_length=10, choices=Side.choices)
    criterion = models.CharField("critère", max_length=20, choices=Criterion.choices)
    value = models.PositiveSmallIntegerField(f"note ({SCORE_MIN} à {SCORE_MAX})")
    comment = models.TextField("commentaire", blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="noté par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    scored_at = models.DateTimeField("noté le", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "note"
        ordering = ["candidate_id", "side", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "side", "criterion"], name="pathways_one_score"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=SCORE_MIN, value__lte=SCORE_MAX),
                name="pathways_score_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.get_side_display()} — {self.get_criterion_display()} : {self.value}"

    def clean(self):
        if self.value is not None and not SCORE_MIN <= self.value <= SCORE_MAX:
            raise ValidationError(
                {"value": f"Une note va de {SCORE_MIN} à {SCORE_MAX} ({self.value} reçu)."}
            )
