"""French formats and exact money arithmetic, shared by screens, exports and documents.

Money is Decimal, rounded half-up to the cent where it is shown. Percentages are
computed exactly and rounded only for display.
"""

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NBSP = "\u00a0"  # French thousands separator and the space before "€" or "%"
CENT = Decimal("0.01")

MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip


def round_cents(value) -> Decimal:
    """Half-up rounding to the cent (the rule French public accounts use)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def round_half_up(value, places=0) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def group_thousands(digits: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return NBSP.join(out)


def format_decimal(value, places=2) -> str:
    """12345.6 -> '12 345,60' (no-break space, decimal comma)."""
    if value is None:
        return ""
    q = round_half_up(value, places)
    sign = "-" if q < 0 else ""
    text = f"{abs(q):.{places}f}"
    whole, _, frac = text.partition(".")
    return sign + group_thousands(whole) + ("," + frac if frac else "")


def format_money(value) -> str:
    """Decimal('9879.54') -> '9 879,54 €'."""
    if value is None:
        return ""
    return f"{format_decimal(value, 2)}{NBSP}€"


def format_percent(value, places=0) -> str:
    """A ratio already multiplied by 100: Decimal('69.4') -> '69 %'."""
    if value is None:
        return ""
    return f"{format_decimal(value, places)}{NBSP}%"


def format_date(value) -> str:
    """date(2024, 10, 14) -> '14 octobre 2024'; the 1st is written '1er'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def format_hours(minutes) -> str:
    """Minutes as the source document writes durations: 210 -> '3h30', 120 -> '2h', 45 -> '45 min'."""
    if minutes is None:
        return ""
    minutes = int(minutes)
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return f"{rest} min"
    return f"{hours}h{rest:02d}" if rest else f"{hours}h"


def hours_decimal(minutes) -> Decimal:
    """Minutes as decimal hours with one decimal place: 2940 -> Decimal('49.0')."""
    return round_half_up(Decimal(int(minutes or 0)) / 60, 1)


_DURATION = re.compile(
    r"^\s*(?:(?P<h>\d{1,3})\s*(?:h|heures?)\s*(?P<m>\d{1,2})?\s*(?:min)?"
    r"|(?P<only_h>\d{1,3}(?:[.,]\d+)?)"
    r"|(?P<only_m>\d{1,4})\s*(?:min|minutes?|mn))\s*$",
    re.IGNORECASE,
)


def parse_duration(text, *, max_minutes=24 * 60) -> int:
    """'3h30', '2h', '2', '1h45', '90 min', '1,5' -> minutes. Raises ValueError in French."""
    raw = str(text or "").strip()
    if not raw:
        raise ValueError("La durée est vide.")
    if raw.startswith("-"):
        raise ValueError(f"Durée « {raw} » : elle doit être positive.")
    match = _DURATION.match(raw)
    if not match:
        raise ValueError(
            f"Durée « {raw} » illisible : écrivez par exemple « 3h30 », « 2h », « 2 » ou « 90 min »."
        )
    if match["h"] is not None:
        minutes_part = int(match["m"] or 0)
        if minutes_part >= 60:
            raise ValueError(f"Durée « {raw} » : les minutes doivent être inférieures à 60.")
        minutes = int(match["h"]) * 60 + minutes_part
    elif match["only_h"] is not None:
        minutes = int(
            (Decimal(match["only_h"].replace(",", ".")) * 60).to_integral_value(ROUND_HALF_UP)
        )
    else:
        minutes = int(match["only_m"])
    if minutes <= 0:
        raise ValueError(f"Durée « {raw} » : elle doit être positive.")
    if minutes > max_minutes:
        raise ValueError(
            f"Durée « {raw} » : plus de {format_hours(max_minutes)}, ce n'est pas une durée de rendez-vous."
        )
    return minutes


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def parse_decimal_fr(text, *, places=2, allow_negative=False) -> Decimal:
    """'9 879,54', '9879.54', '9\u00a0879,54 €' -> Decimal('9879.54').

    Refuses more decimals than `places` rather than rounding silently, and negatives
    unless allowed. Messages are in French for the person who typed the figure.
    """
    raw = str(text) if isinstance(text, Decimal) else str(text if text is not None else "").strip()
    cleaned = _SPACES.sub("", raw).removesuffix("€").removesuffix("EUR")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(
            f"« {raw} » n'est pas un montant : écrivez par exemple « 9 879,54 »."
        ) from None
    if not value.is_finite():
        raise ValueError(f"« {raw} » n'est pas un montant.")
    if value < 0 and not allow_negative:
        raise ValueError(f"« {raw} » : le montant ne peut pas être négatif.")
    if -value.as_tuple().exponent > places:
        raise ValueError(f"« {raw} » : pas plus de {places} chiffres après la virgule.")
    return value


def percent(part, whole) -> Decimal | None:
    """Exact percentage (Decimal); round only when displaying."""
    if not whole:
        return None
    return Decimal(part) * 100 / Decimal(whole)
