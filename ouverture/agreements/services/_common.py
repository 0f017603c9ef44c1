"""Helpers shared by the agreements' write operations."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError

from ouverture.agreements.enums import FROZEN_BUDGET_STATUSES
from ouverture.core.formats import format_date, format_decimal, parse_decimal_fr

# Plausibility: no agreement, expense, budget or target of the schemes comes near it.
MAX_AMOUNT = Decimal("100000000")


def amount(value, field, *, label="Le montant", allow_zero=False, places=2) -> Decimal:
    """A money figure from a Decimal, an int or French text ('1 234,50'); refuses negatives,
    more than two decimals, and zero unless allowed. Raises ValidationError on `field`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError({field: f"{label} est obligatoire."})
    if isinstance(value, float):
        raise ValidationError({field: f"{label} doit être un nombre décimal exact."})
    try:
        number = parse_decimal_fr(value if isinstance(value, str) else str(value), places=places)
    except ValueError as error:
        raise ValidationError({field: str(error)}) from None
    if number == 0 and not allow_zero:
        raise ValidationError({field: f"{label} doit être supérieur à zéro."})
    if abs(number) > MAX_AMOUNT:
        raise ValidationError(
            {
                field: f"{label} ({format_decimal(number)}) dépasse {format_decimal(MAX_AMOUNT, 0)} : "
                "ce n'est pas plausible pour une convention, vérifiez la saisie."
            }
        )
    return number


def ensure_budget_open(agreement):
    if agreement.status in FROZEN_BUDGET_STATUSES:
        raise ValidationError(
            f"La convention est « {agreement.get_status_display()} » : son budget et ses dépenses "
            "ne se modifient plus."
        )


def period_text(start, end):
    return f"du {format_date(start)} au {format_date(end)}"


def inside(date, start, end):
    return date is not None and start <= date <= end


_CODE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


def indicator_code(code, field="indicator_code"):
    code = (code or "").strip()
    if not _CODE.match(code):
        raise ValidationError({field: f"« {code} » n'est pas un code d'indicateur (app.nom)."})
    return code
