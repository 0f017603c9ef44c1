from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from ouverture.agreements.enums import STATUS_ORDER, AgreementStatus, MeasureKind
from ouverture.agreements.models._common import document, money, require_positive
from ouverture.agreements.scope import restrict_to_funder
from ouverture.core.indicators import describe_any_params


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Network and administrators see every agreement; a funder officer its funder's
        (agreements.scope); a project holder none."""
        return restrict_to_funder(self, user)

    def with_parties(self):
        return self.select_related("funder", "beneficiary")

    def for_year(self, year):
        return self.filter(year=year)

    def not_closed(self):
        return self.exclude(status=AgreementStatus.CLOSED)

    def by_reference(self, reference):
        """The agreement with this reference (case ignored), or DoesNotExist."""
        return self.get(reference__iexact=(reference or "").strip())


class Agreement(models.Model):
    """A grant agreement (convention) between a funder and a beneficiary for one programme."""

    reference = models.CharField(
        "référence",
        max_length=40,
        unique=True,
        help_text="Identifiant court et unique, par exemple « CD62-LIANES-2024 ».",
    )
    title = models.CharField("objet", max_length=255)
    funder = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="financeur",
        on_delete=models.PROTECT,
        related_name="agreements_funded",
    )
    funder_representative = models.CharField("représentant·e du financeur", max_length=150)
    funder_representative_title = models.CharField(
        "qualité (financeur)", max_length=150, blank=True
    )
    beneficiary = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="bénéficiaire",
        on_delete=models.PROTECT,
        related_name="agreements_received",
    )
    beneficiary_representative = models.CharField("représentant·e du bénéficiaire", max_length=150)
    beneficiary_representative_title = models.CharField(
        "qualité (bénéficiaire)", max_length=150, blank=True
    )
    # The act that grants the agreement is a record that links it
    # (`assemblies.Deliberation.agreements`, read through `agreements.hooks`): its number,
    # date and body are written there once.
    year = models.PositiveSmallIntegerField("exercice")
    action_start = models.DateField("début de l'action")
    action_end = models.DateField("fin de l'action")
    eligibility_start = models.DateField("début d'éligibilité des dépenses")
    eligibility_end = models.DateField("fin d'éligibilité des dépenses")
    report_due = models.DateField("bilan à remettre au plus tard le")
    # Empty while the money is not known yet (the 2023 programme: the source gives no amount).
    subsidy = money("subvention", null=True, blank=True)
    forecast_cost = money("coût total prévisionnel", null=True, blank=True)
    status = models.CharField(
        "statut", max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    signed_on = models.DateField("signée le", null=True, blank=True)
    articles = models.TextField("articles", blank=True)
    notes = models.TextField("notes", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = "convention"
        ordering = ["-year", "reference"]

    def __str__(self):
        return f"{self.reference} — {self.title}"

    def clean(self):
        errors = {}
        self.reference = (self.reference or "").strip()
        if self.funder_id and self.funder_id == self.beneficiary_id:
            errors["beneficiary"] = (
                "Le bénéficiaire doit être une autre structure que le financeur."
            )
        require_positive(errors, "subsidy", self.subsidy, "La subvention")
        require_positive(errors, "forecast_cost", self.forecast_cost, "Le coût total prévisionnel")
        if (
            "subsidy" not in errors
            and "forecast_cost" not in errors
            and self.subsidy is not None
            and self.forecast_cost is not None
            and self.subsidy > self.forecast_cost
        ):
            errors["subsidy"] = "La subvention ne peut pas dépasser le coût total prévisionnel."
        if self.action_start and self.action_end and self.action_start > self.action_end:
            errors["action_end"] = "La fin de l'action précède son début."
        if (
            self.eligibility_start
            and self.eligibility_end
            and self.eligibility_start > self.eligibility_end
        ):
            errors["eligibility_end"] = "La fin de la période d'éligibilité précède son début."
        if self.report_due and self.action_end and self.report_due < self.action_end:
            errors["report_due"] = "Le bilan ne peut pas être dû avant la fin de l'action."
        if self.status != AgreementStatus.DRAFT and not self.signed_on:
            errors["signed_on"] = "Indiquez la date de signature."
        if errors:
            raise ValidationError(errors)

    @property
    def status_index(self):
        return STATUS_ORDER.index(self.status)

    @property
    def next_status(self):
        index = self.status_index
        return STATUS_ORDER[index + 1] if index + 1 < len(STATUS_ORDER) else None

    def is_at_least(self, status):
        return self.status_index >= STATUS_ORDER.index(status)


class CommitmentQuerySet(models.QuerySet):
    def for_agreement(self, agreement):
        return self.filter(agreement=agreement)

    def in_order(self):
        return self.order_by("position", "pk")


class Commitment(models.Model):
    """A measurable promise of the agreement (Article 2): a target in a stated unit over a period,
    measured by an indicator computed from records or by a manual figure with its evidence."""

    agreement = models.ForeignKey(
        Agreement, verbose_name="convention", on_delete=models.CASCADE, related_name="commitments"
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    label = models.CharField("engagement", max_length=255)
    # Empty for a commitment without a figure ("sans cible chiffrée").
    target = models.DecimalField("objectif", max_digits=10, decimal_places=2, null=True, blank=True)
    unit = models.CharField("unité", max_length=80, help_text="Ce que l'on compte.")
    period_start = models.DateField("début de la période")
    period_end = models.DateField("fin de la période")
    measure_kind = models.CharField(
        "mesure", max_length=20, choices=MeasureKind.choices, default=MeasureKind.INDICATOR
    )
    # The code stays text: an indicator registered by an app not installed yet is shown
    # as unavailable, never a crash.
    indicator_code = models.CharField("indicateur", max_length=100, blank=True)
    indicator_params = models.JSONField("paramètres de l'indicateur", default=dict, blank=True)
    manual_value = models.DecimalField(
        "réalisé (saisi)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    evidence_file = document("justificatif (fichier)", "agreements/evidence/%Y/")
    evidence_url = models.URLField("justificatif (lien)", blank=True)
    budget_line = models.ForeignKey(
        "agreements.BudgetLine",
        verbose_name="ligne budgétaire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
    )
    notes = models.TextField("notes", blank=True)

    history = HistoricalRecords()
    objects = CommitmentQuerySet.as_manager()
    # The history reads the parameters in words ("nature : Accompagnement"), not codes.
    history_labels = {"indicator_params": describe_any_params}

    class Meta:
        verbose_name = "engagement"
        ordering = ["agreement", "position", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        errors = {}
        if self.target is not None and self.target <= 0:
            errors["target"] = "L'objectif doit être supérieur à zéro."
        if not (self.unit or "").strip():
            errors["unit"] = "Indiquez l'unité de l'objectif (ce que l'on compte)."
        if self.period_start and self.period_end and self.period_start > self.period_end:
            errors["period_end"] = "La fin de la période précède son début."
        if self.measure_kind == MeasureKind.INDICATOR:
            if not self.indicator_code:
                errors["indicator_code"] = "Choisissez l'indicateur qui mesure cet engagement."
            if self.manual_value is not None:
                errors["manual_value"] = (
                    "Un engagement mesuré par un indicateur ne prend pas de chiffre saisi."
                )
        elif self.measure_kind == MeasureKind.DELIVERABLES:
            self.indicator_code = ""
            self.indicator_params = {}
            if self.manual_value is not None:
                errors["manual_value"] = (
                    "Un engagement mesuré par ses livrables ne prend pas de chiffre saisi."
                )
        else:
            self.indicator_code = ""
            self.indicator_params = {}
            if self.manual_value is not None and self.manual_value < 0:
                errors["manual_value"] = "Le réalisé ne peut pas être négatif."
            if self.manual_value and not (self.evidence_file or self.evidence_url):
                errors["evidence_url"] = (
                    "Un chiffre saisi se justifie : joignez un fichier ou indiquez un lien."
                )
        if errors:
            raise ValidationError(errors)
