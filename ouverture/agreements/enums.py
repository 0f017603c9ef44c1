from django.db import models


class AgreementStatus(models.TextChoices):
    """The life of an agreement, in order; a status only moves to the next one."""

    DRAFT = "draft", "Projet"
    SIGNED = "signed", "Signée"
    RUNNING = "running", "En cours d'exécution"
    REPORT_RECEIVED = "report_received", "Bilan reçu"
    SETTLED = "settled", "Soldée"
    CLOSED = "closed", "Clôturée"


STATUS_ORDER = list(AgreementStatus)
# Once settled, the budget and the expenses are frozen; once closed, payments too.
FROZEN_BUDGET_STATUSES = {AgreementStatus.SETTLED, AgreementStatus.CLOSED}


class ExpenseCategory(models.TextChoices):
    """The expense categories of a financing plan (the source document's four rows)."""

    STAFF = "staff", "Coûts RH"
    TRAVEL_SUPPLIES = "travel_supplies", "Frais de transport et fournitures"
    EXTERNAL_SERVICES = "external_services", "Prestations externes"
    OVERHEADS = "overheads", "Administratif et coûts indirects"


class MeasureKind(models.TextChoices):
    INDICATOR = "indicator", "Indicateur calculé"
    MANUAL = "manual", "Chiffre saisi avec justificatif"
    DELIVERABLES = "deliverables", "Livrables enregistrés sur l'engagement"


class PaymentKind(models.TextChoices):
    ADVANCE = "advance", "Avance"
    BALANCE = "balance", "Solde"
    RECOVERY = "recovery", "Reversement (trop-perçu)"


class InstalmentKind(models.TextChoices):
    """An instalment of the payment schedule (échéancier) the convention states."""

    ADVANCE = "advance", "Avance"
    INTERIM = "interim", "Acompte"
    BALANCE = "balance", "Solde"


class CreditStatus(models.TextChoices):
    """A line against the funder's credits: proposed to the assembly, then committed."""

    PROPOSED = "proposed", "Proposition"
    COMMITTED = "committed", "Engagé"
    CANCELLED = "cancelled", "Annulé"


class DeadlineKind(models.TextChoices):
    ELIGIBILITY_END = "eligibility_end", "Fin de la période d'éligibilité des dépenses"
    ACTION_END = "action_end", "Fin de la période d'action"
    REPORT_DUE = "report_due", "Remise du bilan"
