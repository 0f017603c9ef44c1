"""The arithmetic of an agreement's money, exact until it is shown.

Pure functions on Decimals: no database. The total of a budget line is primary;
its unit cost is derived and rounded half-up to the cent, and the gap between
quantity × rounded unit cost and the total is shown in cents rather than hidden.
Percentages are exact; `shares` adds the figures rounded for display and says
when those do not add up to 100.
"""

from dataclasses import dataclass
from decimal import Decimal

from ouverture.core.formats import format_money, format_percent, percent, round_cents, round_half_up

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def unit_cost(total, quantity) -> Decimal:
    """The exact unit cost (total / quantity)."""
    return Decimal(total) / Decimal(quantity)


def rounded_unit_cost(total, quantity) -> Decimal:
    """The unit cost as a person reads it: half-up to the cent."""
    return round_cents(unit_cost(total, quantity))


def rounding_gap(total, quantity) -> Decimal:
    """quantity × rounded unit cost − total, to the cent: 8 × 133,32 − 1 066,52 = 0,04."""
    return round_cents(Decimal(quantity) * rounded_unit_cost(total, quantity)) - Decimal(total)


def execution_rate(realised, planned) -> Decimal | None:
    """Exact percentage of a planned amount that has been spent (None when nothing was planned)."""
    return percent(realised, planned)


def pro_rata(subsidy, forecast_cost, realised) -> Decimal:
    """Article 5: subsidy × min(1, realised / forecast), half-up to the cent; None while the
    subsidy or the cost is not known."""
    if subsidy is None or forecast_cost is None:
        return None
    subsidy, forecast_cost, realised = Decimal(subsidy), Decimal(forecast_cost), Decimal(realised)
    if forecast_cost <= 0:
        raise ValueError("Le coût total prévisionnel doit être positif.")
    if realised < 0:
        raise ValueError("Le montant réalisé ne peut pas être négatif.")
    if realised >= forecast_cost:
        return round_cents(subsidy)
    return round_cents(subsidy * realised / forecast_cost)


@dataclass
class Share:
    key: str
    label: str
    amount: Decimal
    percent: Decimal | None  # exact
    places: int = 0

    @property
    def percent_rounded(self) -> Decimal | None:
        return None if self.percent is None else round_half_up(self.percent, self.places)


@dataclass
class Shares:
    rows: list[Share]
    total: Decimal
    places: int = 0

    @property
    def rounded_sum(self) -> Decimal:
        return sum((r.percent_rounded or 0 for r in self.rows), Decimal(0))

    @property
    def rounding_note(self) -> str:
        """A sentence for the reader when the rounded percentages do not add to 100."""
        if not self.rows or self.total == 0 or self.rounded_sum == HUNDRED:
            return ""
        return (
            f"Les pourcentages arrondis totalisent {format_percent(self.rounded_sum, self.places)} : "
            "l'écart vient de l'arrondi à l'affichage, les montants font bien "
            f"{format_percent(HUNDRED)}."
        )


def shares(items, *, places=0) -> Shares:
    """items: (key, label, amount) -> each amount's exact share of their total."""
    items = list(items)
    # An amount not known yet (None) counts as nothing.
    items = [(key, label, amount or ZERO) for key, label, amount in items]
    total = sum((Decimal(amount) for _, _, amount in items), ZERO)
    rows = [
        Share(key, label, Decimal(amount), percent(amount, total), places)
        for key, label, amount in items
    ]
    return Shares(rows=rows, total=total, places=places)


def schedule_amounts(subsidy, terms) -> list[Decimal]:
    """Amounts of a payment schedule. `terms` are (share, amount) pairs in order: a share is a
    percentage of the subsidy, rounded half-up to the cent; an amount is taken as it is; a pair
    (None, None) is the rest (subsidy minus the others; at most one). Their sum may differ from
    the subsidy by the rounding of the shares when no instalment takes the rest: the checks
    say so."""
    amounts = [
        round_cents(subsidy * share / 100) if share is not None else amount
        for share, amount in terms
    ]
    fixed = sum((a for a in amounts if a is not None), ZERO)
    return [subsidy - fixed if a is None else a for a in amounts]


UNKNOWN_AMOUNT = "montant non connu"


def money_text(value) -> str:
    """An amount as read ('1 234,50 €'), or 'montant non connu' while it is empty."""
    return UNKNOWN_AMOUNT if value is None else format_money(value)
