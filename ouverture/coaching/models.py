from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from simple_history.models import HistoricalRecords

from ouverture.coaching.enums import (
    MEETING_CHANNELS,
    Channel,
    FollowUpKind,
    FollowUpStatus,
    Topic,
    scheme_choices,
)
from ouverture.core.formats import format_date


class FollowUpQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Institutional users see every follow-up; a holder only its organisation's."""
        from ouverture.organisations.models import Organisation

        organisations = Organisation.objects.visible_to(user)
        if not organisations.query.where:
            # Every organisation: no "IN (SELECT every organisation)", which makes the
            # database sort all follow-ups before a LIMIT (the dashboard's picker).
            return self.all()
        return self.filter(organisation__in=organisations)

    def opened_between(self, start, end):
        return self.filter(opened_on__gte=start, opened_on__lte=end)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def with_counts(self):
        return self.annotate(
            meeting_count=Count(
                "interactions", filter=Q(interactions__channel__in=MEETING_CHANNELS)
            ),
            total_minutes=Sum("interactions__duration_minutes"),
        )


class FollowUp(models.Model):
    """The network follows an organisation toward a call: long-term coaching or one-off advice."""

    history_labels = {"topics": Topic.choices}  # the history shows labels, not codes

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="structure",
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    kind = models.CharField(
        "type de suivi", max_length=10, choices=FollowUpKind.choices, default=FollowUpKind.COACHING
    )
    project_types = models.ManyToManyField(
        "organisations.ProjectType", verbose_name="types de projet", blank=True
    )
    # The code of a calls.Scheme record (see enums.scheme_choices).
    target_scheme = models.CharField("dispositif visé", max_length=20, blank=True)
    target_year = models.PositiveSmallIntegerField("appel à projets (année)", null=True, blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="chargé·e de mission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    status = models.CharField(
        "statut", max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    topics = models.JSONField("sujets", default=list, blank=True)
    opened_on = models.DateField("ouvert le")
    closed_on = models.DateField("clos le", null=True, blank=True)
    notes = models.TextField("notes", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[project_types])
    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = "suivi"
        ordering = ["-opened_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.organisation}"

    @property
    def target_scheme_name(self):
        """The targeted scheme's name from its record, else its code."""
        return dict(scheme_choices()).get(self.target_scheme, self.target_scheme)

    def meeting_count(self):
        return self.interactions.filter(channel__in=MEETING_CHANNELS).count()


class InteractionQuerySet(models.QuerySet):
    def meetings(self):
        return self.filter(channel__in=MEETING_CHANNELS)

    def between(self, start, end):
        return self.filter(date__gte=start, date__lte=end)

    def figures(self):
        """Organisations reached, sessions held and minutes spent, in one query."""
        return self.order_by().aggregate(
            organisations=Count("follow_up__organisation", distinct=True),
            sessions=Count("pk", filter=Q(channel__in=MEETING_CHANNELS)),
            minutes=Sum("duration_minutes"),
        )


class Interaction(models.Model):
    """One contact inside a follow-up. Phone, video and in-person meetings are
    sessions; an e-mail exchange is a contact but not a session."""

    history_labels = {"topics": Topic.choices}  # the history shows labels, not codes

    follow_up = models.ForeignKey(
        FollowUp, verbose_name="suivi", on_delete=models.CASCADE, related_name="interactions"
    )
    date = models.DateField("date")
    channel = models.CharField("canal", max_length=10, choices=Channel.choices)
    # Required for meetings; an e-mail may be logged without a duration.
    duration_minutes = models.PositiveIntegerField("durée (minutes)", null=True, blank=True)
    topics = models.JSONField("sujets", default=list, blank=True)
    note = models.CharField("note", max_length=500, blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="chargé·e de mission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interactions",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = InteractionQuerySet.as_manager()

    class Meta:
        verbose_name = "contact"
        ordering = ["-date", "-pk"]
        indexes = [
            # The recap reads a period's contacts from this index alone (no table lookups):
            # its totals, its GROUP BY and the project types' semi-join (coaching/recap.py).
            models.Index(
                fields=["date", "follow_up", "channel", "duration_minutes", "staff"],
                name="coaching_contact_period_idx",
            ),
            # "Has this follow-up a contact in the period?" (EXISTS), probed per follow-up.
            models.Index(fields=["follow_up", "date"], name="coaching_contact_follow_up_idx"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} du {format_date(self.date)}"

    @property
    def is_session(self):
        return self.channel in MEETING_CHANNELS

    def get_topics_display(self):
        labels = dict(Topic.choices)
        return ", ".join(labels.get(t, t) for t in self.topics)


class DocumentReview(models.Model):
    """Time spent reading and annotating application files, recorded apart from sessions."""

    follow_up = models.ForeignKey(
        FollowUp,
        verbose_name="suivi",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reviews",
    )
    date = models.DateField("date")
    duration_minutes = models.PositiveIntegerField("durée (minutes)")
    note = models.CharField("note", max_length=500, blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="chargé·e de mission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "relecture de dossier"
        verbose_name_plural = "relectures de dossiers"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"Relecture du {format_date(self.date)}"


__all__ = ["Channel", "FollowUp", "FollowUpKind", "FollowUpStatus", "Interaction", "DocumentReview"]
