"""Consistency checks of an agreement, shown on its page and by `ouverture agreement check REF`.

Each check says what was compared and what was found. Levels: "ok"; "warn" when the figure
is explained but worth a look (a unit cost rounded from the total); "ko" when something must
be corrected (categories that do not make the line's total, revenues that do not balance
expenses, a subsidy above the cost, dates outside the period).
"""

from dataclasses import dataclass

from ouverture.agreements import finance
from ouverture.agreements.finance import money_text
from ouverture.agreements.services._common import period_text
from ouverture.core.formats import format_decimal, format_money
from ouverture.core.wording import plural

OK, WARN, KO = "ok", "warn", "ko"
LEVEL_LABELS = {OK: "conforme", WARN: "à vérifier", KO: "à corriger"}


@dataclass
class Check:
    code: str
    label: str
    level: str
    detail: str

    @property
    def level_label(self):
        return LEVEL_LABELS[self.level]

    @property
    def badge(self):
        return self.level


def _lines(overview):
    for line in overview.lines:
        quantity = format_decimal(line.quantity, 0 if line.quantity == int(line.quantity) else 2)
        product = finance.round_cents(line.quantity * line.unit_cost)
        gap = line.rounding_gap
        yield Check(
            "unit_cost",
            f"« {line.label} » : quantité × coût unitaire = total",
            OK if gap == 0 else WARN,
            f"{quantity} × {format_money(line.unit_cost)} = {format_money(product)}"
            + (
                ""
                if gap == 0
                else f" pour un total de {format_money(line.total)} : écart "
                f"de {_cents_text(gap)}, dû au coût unitaire arrondi (le total fait foi)."
            ),  # fmt: skip
        )
    bad = [line for line in overview.lines if _split_total(line) != line.total]
    for line in bad:
        yield Check(
            "categories",
            f"« {line.label} » : répartition par catégorie",
            KO,
            f"Les catégories font {format_money(_split_total(line))} pour un total de "
            f"{format_money(line.total)}.",
        )
    if not bad:
        yield Check(
            "categories",
            "Chaque ligne est répartie par catégorie pour son total",
            OK,
            f"{len(overview.lines)} ligne(s) budgétaire(s).",
        )


def _cents_text(gap):
    n = int(gap * 100)
    return f"{n} centime{'s' if abs(n) > 1 else ''}"


def _split_total(line):
    return sum(line.split_amounts().values(), finance.ZERO)


def run_checks(overview):
    a = overview.agreement
    checks = list(_lines(overview))
    total = overview.budget_total
    checks.append(
        Check(
            "budget_total",
            "Total du budget = coût total prévisionnel (article 4)",
            WARN if a.forecast_cost is None else OK if total == a.forecast_cost else KO,
            f"Lignes : {format_money(total)} ; convention : {money_text(a.forecast_cost)}.",
        )
    )
    revenues = overview.revenue_shares.total
    checks.append(
        Check(
            "balance",
            "Recettes = dépenses",
            OK if revenues == total else KO,
            f"Recettes {format_money(revenues)}, dépenses {format_money(total)}"
            + (f" : écart {format_money(revenues - total)}." if revenues != total else "."),
        )
    )
    checks.append(
        Check(
            "subsidy_cap",
            "Subvention ≤ coût total",
            WARN
            if a.subsidy is None or a.forecast_cost is None
            else OK
            if a.subsidy <= a.forecast_cost
            else KO,
            f"{money_text(a.subsidy)} sur {money_text(a.forecast_cost)}.",
        )
    )
    outside = overview.expenses_outside_period
    checks.append(
        Check(
            "expense_dates",
            "Dépenses datées dans la période d'éligibilité",
            OK if outside == 0 else KO,
            f"{outside} dépense(s) hors de la période {period_text(a.eligibility_start, a.eligibility_end)}."
            if outside
            else f"Période {period_text(a.eligibility_start, a.eligibility_end)}.",
        )
    )
    stray = [
        p.commitment.label
        for p in overview.commitments
        if p.commitment.period_start < a.action_start or p.commitment.period_end > a.action_end
    ]
    checks.append(
        Check(
            "commitment_dates",
            "Engagements dans la période d'action",
            KO if stray else OK,
            ("Hors période : " + " ; ".join(stray))
            if stray
            else f"Période {period_text(a.action_start, a.action_end)}.",
        )
    )
    checks.append(
        Check(
            "report_date",
            "Bilan dû après la fin de l'action",
            OK if a.report_due >= a.action_end else KO,
            f"Fin de l'action : {a.action_end:%d/%m/%Y} ; bilan : {a.report_due:%d/%m/%Y}.",
        )
    )
    missing = [
        name
        for name, organisation, representative in (
            ("financeur", a.funder, a.funder_representative),
            ("bénéficiaire", a.beneficiary, a.beneficiary_representative),
        )
        if not organisation.siret or not representative
    ]
    checks.append(
        Check(
            "parties",
            "Parties identifiées (SIRET et représentant·e)",
            WARN if missing else OK,
            ("Incomplet pour : " + ", ".join(missing))
            if missing
            else "SIRET et représentants renseignés.",
        )
    )
    checks.extend(_document_checks(overview))
    credit = overview.credit_line
    if credit is not None:
        checks.append(
            Check(
                "credit",
                "Crédits du financeur : proposition = subvention, dans le disponible",
                OK if credit.proposal == a.subsidy and credit.balance >= 0 else KO,
                f"Opération {credit.operation.code} : disponible {format_money(credit.available)}, "
                f"proposition {format_money(credit.proposal)}, solde {format_money(credit.balance)}.",
            )
        )
    return checks


def _document_checks(overview):
    """What a document built from the agreement must not print: a unit-cost column summed as a
    total, rounded percentages that do not add to 100 without a word, a line spent beyond its
    amount, a commitment behind its target."""
    if overview.lines:
        unit_sum = sum((line.unit_cost for line in overview.lines), finance.ZERO)
        yield Check(
            "unit_cost_sum",
            "La colonne « coût unitaire » n'est pas additionnée",
            OK,
            f"Sa somme ({format_money(unit_sum)}) ne veut rien dire : les documents n'impriment "
            f"que le total des lignes ({format_money(overview.budget_total)}).",
        )
    for name, shares in (
        ("dépenses par catégorie", overview.expense_shares),
        ("recettes par financeur", overview.revenue_shares),
    ):
        if shares.rows and shares.total and shares.rounded_sum != 100:
            yield Check(
                "rounded_percentages",
                f"Pourcentages arrondis du plan de financement ({name})",
                WARN,
                shares.rounding_note + " Les documents impriment cette note sous le tableau.",
            )
    over = [e for e in overview.line_execution if e.planned and e.spent > e.planned]
    for execution in over:
        yield Check(
            "line_overspent",
            f"« {execution.line.label} » : dépensé au-delà du montant de la ligne",
            KO,
            f"{format_money(execution.spent)} dépensés pour {format_money(execution.planned)} "
            f"prévus ({format_decimal(execution.rate, 0)} %) : corrigez la dépense ou le budget.",
        )
    behind = [p for p in overview.commitments if p.behind]
    for item in behind:
        value = "non mesuré" if item.value is None else format_decimal(item.value, 0)
        yield Check(
            "commitment_behind",
            f"Engagement « {item.commitment.label} » en retard sur son objectif",
            WARN,
            f"Réalisé {value} pour un objectif de {format_decimal(item.target, 0)} "
            f"{plural(item.commitment.unit, item.target)} ({item.state_label}).",
        )


def failures(checks):
    return [c for c in checks if c.level == KO]
