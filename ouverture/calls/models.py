"""Funders, their schemes, the yearly calls, and the applications to them."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ouverture.calls.documents import private_storage, upload_path
from ouverture.calls.enums import ApplicationStatus, Opinion
from ouverture.core.workflow import Step

MONEY = dict(max_digits=12, decimal_places=2)


class FunderQuerySet(models.QuerySet):
    def default(self):
        """The funder of the single-département setting (OUVERTURE_DEPARTEMENT)."""
        return self.filter(territory=settings.OUVERTURE_DEPARTEMENT).order_by("pk").first()

    def default_organisations(self):
        """The default funder's organisation id, as a subquery (no query of its own)."""
        return (
            self.filter(territory=settings.OUVERTURE_DEPARTEMENT)
            .order_by("pk")
            .values_list("organisation_id", flat=True)[:1]
        )


class Funder(models.Model):
    """An organisation that runs schemes (a département, the region, a foundation) on its
    territory: one network may run the schemes of several funders in one instance."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name="structure",
        on_delete=models.PROTECT,
        related_name="funder_profile",
    )
    territory = models.ManyToManyField("geo.Departement", verbose_name="territoire")

    objects = FunderQuerySet.as_manager()

    class Meta:
        verbose_name = "financeur"

    def __str__(self):
        return str(self.organisation)


class Scheme(models.Model):
    """A funder's scheme (dispositif). `code` is what coaching's follow-ups target."""

    funder = models.ForeignKey(
        Funder, verbose_name="financeur", on_delete=models.PROTECT, related_name="schemes"
    )
    code = models.SlugField("code", max_length=20, unique=True)
    name = models.CharField("nom", max_length=200)
    acronym = models.CharField("sigle", max_length=20, blank=True)
    description = models.TextField("présentation", blank=True)
    active = models.BooleanField("en vigueur", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "dispositif"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class CallQuerySet(models.QuerySet):
    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class Call(models.Model):
    """One year of a scheme: its window, envelope and rules, published up front."""

    scheme = models.ForeignKey(
        Scheme, verbose_name="dispositif", on_delete=models.PROTECT, related_name="calls"
    )
    year = models.PositiveSmallIntegerField("année")
    opens_on = models.DateField("ouverture")
    closes_on = models.DateField("clôture")
    envelope = models.DecimalField("enveloppe", **MONEY)
    eligible_kinds = models.JSONField(
        "structures éligibles (formes juridiques)", default=list, blank=True
    )
    project_types = models.ManyToManyField(
        "organisations.ProjectType", verbose_name="types de projet", blank=True
    )
    max_rate = models.DecimalField(
        "taux maximal de financement (%)", max_digits=5, decimal_places=2, default=80
    )
    documents_asked = models.TextField(
        "pièces demandées", blank=True, help_text="Une pièce par ligne."
    )
    final_report_contents = models.TextField("contenu attendu du bilan", blank=True)
    coaching_offered = models.TextField("accompagnement proposé", blank=True)

    history = HistoricalRecords()
    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = "appel à projets"
        verbose_name_plural = "appels à projets"
        ordering = ["scheme", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "year"], name="one_call_per_scheme_year")
        ]

    def __str__(self):
        return f"{self.scheme.acronym or self.scheme.name} {self.year}"

    def is_open(self, day):
        return self.opens_on <= day <= self.closes_on

    def asked_documents(self):
        """The documents asked, one a line of `documents_asked` (a leading "-", "•" or "*" is a
        bullet, not part of the name), in order, without repeats."""
        out = []
        for line in (self.documents_asked or "").splitlines():
            label = line.strip().lstrip("-•*").strip()
            if label and label not in out:
                out.append(label)
        return out


class CallAlert(models.Model):
    """An e-mail left on a scheme's public page outside a window: told when the next call opens."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="alerts")
    email = models.EmailField("e-mail")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_for = models.ForeignKey(
        Call, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "email"], name="one_alert_per_email")
        ]

    def __str__(self):
        return self.email


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Institutional users see every application; a holder those of its organisations."""
        if not user.is_authenticated:
            return self.none()
        if user.is_network or user.is_administrator or user.role == "funder_officer":
            return self
        return self.filter(organisation__memberships__user=user)


class Application(models.Model):
    call = models.ForeignKey(
        Call, verbose_name="appel", on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="structure",
        on_delete=models.PROTECT,
        related_name="applications",
    )
    title = models.CharField("projet", max_length=255)
    project_type = models.ForeignKey(
        "organisations.ProjectType",
        verbose_name="type de projet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    summary = models.TextField("présentation", blank=True)
    partner_abroad = models.CharField("partenaire à l'étranger", max_length=255, blank=True)
    twinning = models.ForeignKey(
        "twinnings.Agreement",
        verbose_name="jumelage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    starts_on = models.DateField("début", null=True, blank=True)
    ends_on = models.DateField("fin", null=True, blank=True)
    participants = models.PositiveIntegerField("participants", default=0)
    # Counts by age range only: never a name, a birth date or any data on a minor.
    participants_by_age = models.JSONField(
        "participants par tranche d'âge", default=dict, blank=True
    )
    requested_amount = models.DecimalField("montant demandé", null=True, blank=True, **MONEY)
    follow_up = models.ForeignKey(
        "coaching.FollowUp",
        verbose_name="accompagnement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    entered_by_network = models.BooleanField("saisie par le réseau", default=False)
    holder_confirmed = models.BooleanField("confirmée par le porteur", default=True)
    status = models.CharField(
        "statut", max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    opinion = models.CharField(
        "avis de l'instructeur", max_length=20, choices=Opinion.choices, blank=True
    )
    opinion_text = models.TextField("motif de l'avis", blank=True)
    proposed_amount = models.DecimalField("montant proposé", null=True, blank=True, **MONEY)
    submitted_at = models.DateTimeField("déposée le", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "candidature"
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return f"{self.title} — {self.organisation}"


class ApplicationLine(models.Model):
    """A budget line: the total is primary, as in agreements; `base` says how it is computed
    ("3 × 300 €"); `strand` groups lines whose subtotal is checked."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="lines")
    strand = models.CharField("volet", max_length=100, blank=True)
    label = models.CharField("libellé", max_length=255)
    quantity = models.DecimalField("quantité", max_digits=10, decimal_places=2, default=1)
    total = models.DecimalField("total", **MONEY)
    base = models.CharField("base de calcul", max_length=255, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.label


class ApplicationResource(models.Model):
    """A resource of the financing plan. In kind: valued, shown apart, never counted as cash."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="resources")
    label = models.CharField("financeur ou ressource", max_length=255)
    amount = models.DecimalField("montant", **MONEY)
    in_kind = models.BooleanField("en nature", default=False)
    is_request = models.BooleanField("subvention demandée", default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.label


class ApplicationStep(Step):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")

    class Meta(Step.Meta):
        verbose_name = "étape d'instruction"


class ApplicationDocument(models.Model):
    """A document the call asks, uploaded on the application (`calls/documents.py`: private
    storage, accepted types, size); a new upload of the same document replaces it."""

    application = models.ForeignKey(
        "calls.Application",
        verbose_name="candidature",
        on_delete=models.CASCADE,
        related_name="documents",
    )
    asked = models.CharField("pièce demandée", max_length=255)
    file = models.FileField("fichier", upload_to=upload_path, storage=private_storage)
    original_name = models.CharField("nom du fichier déposé", max_length=255)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="déposé par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("déposé le", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "pièce d'une candidature"
        verbose_name_plural = "pièces des candidatures"
        ordering = ["application", "asked"]
        constraints = [
            models.UniqueConstraint(fields=["application", "asked"], name="one_file_per_asked")
        ]

    def __str__(self):
        return f"{self.asked} : {self.original_name}"
