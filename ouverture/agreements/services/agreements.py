"""Write operations on agreements and their commitments."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.agreements.enums import AgreementStatus, MeasureKind
from ouverture.agreements.models import Agreement, Commitment
from ouverture.agreements.services._common import (
    amount,
    ensure_budget_open,
    indicator_code,
    period_text,
)
from ouverture.core import history, indicators
from ouverture.core.wording import plural

AGREEMENT_FIELDS = {
    "reference", "title", "funder", "funder_representative", "funder_representative_title",
    "beneficiary", "beneficiary_representative", "beneficiary_representative_title",
    "year", "action_start", "action_end", "eligibility_start",
    "eligibility_end", "report_due", "subsidy", "forecast_cost", "articles", "notes",
}  # fmt: skip
MONEY_TERMS = {"subsidy", "forecast_cost"}


def optional_amount(value, field, *, label="Le montant"):
    """An amount of Article 4, or None while the money is not known yet (empty)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return amount(value, field, label=label)


def _check_reference(reference, exclude=None):
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": "Indiquez une référence."})
    clash = Agreement.objects.filter(reference__iexact=reference)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if clash.exists():
        raise ValidationError({"reference": f"La référence « {reference} » est déjà prise."})
    return reference


def _fill_defaults(agreement):
    if not agreement.funder_representative and agreement.funder_id:
        agreement.funder_representative = agreement.funder.representative_name
        agreement.funder_representative_title = (
            agreement.funder_representative_title or agreement.funder.representative_title
        )
    if not agreement.beneficiary_representative and agreement.beneficiary_id:
        agreement.beneficiary_representative = agreement.beneficiary.representative_name
        agreement.beneficiary_representative_title = (
            agreement.beneficiary_representative_title or agreement.beneficiary.representative_title
        )
    if agreement.year is None and agreement.action_start:
        agreement.year = agreement.action_start.year
    agreement.eligibility_start = agreement.eligibility_start or agreement.action_start
    agreement.eligibility_end = agreement.eligibility_end or agreement.action_end


@transaction.atomic
def create_agreement(*, actor, **fields):
    """A new agreement in draft. Representatives default to the parties' own; the eligibility
    period defaults to the action period; the year to the start of the action."""
    unknown = set(fields) - AGREEMENT_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    fields["reference"] = _check_reference(fields.get("reference"))
    for name, label in (("subsidy", "La subvention"), ("forecast_cost", "Le coût prévisionnel")):
        fields[name] = optional_amount(fields.get(name), name, label=label)
    agreement = Agreement(**fields)
    _fill_defaults(agreement)
    return history.save(agreement, actor)


@transaction.atomic
def update_agreement(agreement, *, actor, **changes):
    unknown = set(changes) - AGREEMENT_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if "reference" in changes:
        changes["reference"] = _check_reference(changes["reference"], exclude=agreement)
    for name in MONEY_TERMS & set(changes):
        changes[name] = optional_amount(changes[name], name)
        if changes[name] != getattr(agreement, name):
            ensure_budget_open(agreement)
    for name, value in changes.items():
        setattr(agreement, name, value)
    _fill_defaults(agreement)
    outside = agreement.expenses.outside(agreement.eligibility_start, agreement.eligibility_end)
    if outside.exists():
        n = outside.count()
        raise ValidationError(
            {
                "eligibility_end": f"{n} {plural('dépense enregistrée', n)} "
                f"{'tomberaient' if n > 1 else 'tomberait'} hors de la "
                f"période d'éligibilité {period_text(agreement.eligibility_start, agreement.eligibility_end)}."
            }
        )
    return history.save(agreement, actor)


@transaction.atomic
def advance_status(agreement, *, actor, status, signed_on=None):
    """Move the agreement to the next status (draft → signed → running → report received →
    settled → closed). Signing needs the signature date."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if status not in AgreementStatus.values:
        raise ValidationError({"status": f"Statut « {status} » inconnu."})
    expected = agreement.next_status
    if status != expected:
        if expected is None:
            raise ValidationError("La convention est clôturée : son statut ne change plus.")
        raise ValidationError(
            {
                "status": f"La convention est « {agreement.get_status_display()} » : l'étape suivante "
                f"est « {AgreementStatus(expected).label} », pas « {AgreementStatus(status).label} »."
            }
        )
    if status == AgreementStatus.SIGNED:
        if signed_on is None:
            raise ValidationError({"signed_on": "Indiquez la date de signature."})
        agreement.signed_on = signed_on
    before = agreement.get_status_display()
    agreement.status = status
    return history.save(
        agreement, actor, reason=f"Statut : {before} → {agreement.get_status_display()}"
    )


# Commitments ---------------------------------------------------------------

COMMITMENT_FIELDS = {
    "label", "target", "unit", "period_start", "period_end", "measure_kind", "indicator_code",
    "indicator_params", "manual_value", "evidence_file", "evidence_url", "budget_line", "notes",
    "position",
}  # fmt: skip


def _check_indicator(commitment):
    """A registered indicator's parameters must be known and take one of their values. An
    indicator not registered (its app not installed yet) is kept as text and shown as unavailable."""
    if commitment.measure_kind != MeasureKind.INDICATOR:
        return
    commitment.indicator_code = indicator_code(commitment.indicator_code)
    params = dict(commitment.indicator_params or {})
    try:
        indicator = indicators.get(commitment.indicator_code)
    except LookupError:
        commitment.indicator_params = params
        return
    unknown = set(params) - set(indicator.params)
    if unknown:
        raise ValidationError(
            {
                "indicator_params": f"{plural('Paramètre inconnu', len(unknown))} pour « {indicator.label} » : "
                f"{', '.join(sorted(unknown))}."
            }
        )
    for name, value in params.items():
        allowed = [choice for choice, _ in indicator.params[name]]
        if value not in allowed:
            raise ValidationError(
                {"indicator_params": f"« {value} » n'est pas une valeur possible de « {name} »."}
            )
    commitment.indicator_params = params


def _validate_commitment(commitment):
    agreement = commitment.agreement
    if commitment.target is None or (
        isinstance(commitment.target, str) and not commitment.target.strip()
    ):
        commitment.target = None  # "sans cible chiffrée"
    else:
        commitment.target = amount(commitment.target, "target", label="L'objectif", allow_zero=True)
        if commitment.target <= 0:
            raise ValidationError({"target": "L'objectif doit être supérieur à zéro."})
    if commitment.manual_value is not None:
        commitment.manual_value = amount(
            commitment.manual_value, "manual_value", label="Le réalisé", allow_zero=True
        )
    commitment.period_start = commitment.period_start or agreement.action_start
    commitment.period_end = commitment.period_end or agreement.action_end
    if (
        commitment.period_start < agreement.action_start
        or commitment.period_end > agreement.action_end
    ):
        raise ValidationError(
            {
                "period_start": "La période de l'engagement doit rester dans celle de l'action "
                f"({period_text(agreement.action_start, agreement.action_end)})."
            }
        )
    if commitment.budget_line is not None and commitment.budget_line.agreement_id != agreement.pk:
        raise ValidationError(
            {"budget_line": "Cette ligne budgétaire est celle d'une autre convention."}
        )
    _check_indicator(commitment)


@transaction.atomic
def add_commitment(agreement, *, actor, **fields):
    unknown = set(fields) - COMMITMENT_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if fields.get("position") is None:
        fields["position"] = agreement.commitments.count() + 1
    commitment = Commitment(agreement=agreement, **fields)
    _validate_commitment(commitment)
    return history.save(commitment, actor)


@transaction.atomic
def update_commitment(commitment, *, actor, **changes):
    unknown = set(changes) - COMMITMENT_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(commitment, name, value)
    _validate_commitment(commitment)
    return history.save(commitment, actor)


@transaction.atomic
def remove_commitment(commitment, *, actor):
    history.delete(commitment, actor)
