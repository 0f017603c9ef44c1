"""Consistency checks of an agreement, shown on its page and by `ouverture agreement check REF`.

Each check says what was compared and what was found. Levels: "ok"; "warn" when the figure
is explained but worth a look (a unit cost rounded from the total); "ko" when something must
be corrected (categories that do not make the line's total, revenues that do not balance
expenses, a subsidy above the cost, dates outside the period).
"""

from dataclasses import dataclass

from ouverture.agreements import finance
from ouverture.agreements.finance import money_text
from ouverture.agreements.models.strands import StatedKind
from ouverture.agreements.services._common import period_text
from ouverture.core.formats import format_date, format_decimal, format_money
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
            f"{len(overview.lines)} {plural('ligne budgétaire', len(overview.lines))}.",
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
    checks.extend(_rate_checks(overview))
    outside = overview.expenses_outside_period
    checks.append(
        Check(
            "expense_dates",
            "Dépenses datées dans la période d'éligibilité",
            OK if outside == 0 else KO,
            f"{outside} {plural('dépense', outside)} hors de la période {period_text(a.eligibility_start, a.eligibility_end)}."
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
            f"Fin de l'action : {format_date(a.action_end)} ; bilan : {format_date(a.report_due)}.",
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
    checks.extend(_strand_checks(overview))
    checks.extend(_schedule_checks(overview))
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


def _its_lines(count):
    """How a strand's lines are named beside their total: "sa ligne", "ses 3 lignes"."""
    if count == 0:
        return "aucune ligne"
    if count == 1:
        return "sa ligne"
    return f"ses {count} {plural('ligne', count)}"


def _stated_computed(overview, stated):
    """What the lines give for a subtotal a document printed, and how it is named."""
    if stated.kind == StatedKind.STRAND:
        lines = [line for line in overview.lines if line.strand_id == stated.strand_id]
        return sum((line.total for line in lines), finance.ZERO), _its_lines(len(lines))
    if stated.kind == StatedKind.CATEGORY:
        return overview.planned_by_category.get(stated.category, finance.ZERO), "les lignes"
    if stated.kind == StatedKind.BUDGET_TOTAL:
        return overview.budget_total, f"les {len(overview.lines)} lignes"
    return overview.unit_cost_sum, "les coûts unitaires"


def _strand_checks(overview):
    """Each subtotal a submitted budget printed, against what its lines give (with the gap),
    and the strands' subtotals against the total."""
    for stated in overview.stated_subtotals:
        computed, basis = _stated_computed(overview, stated)
        where = f" ({stated.source})" if stated.source else ""
        gap = stated.amount - computed
        if stated.kind == StatedKind.UNIT_COST_COLUMN:
            yield Check(
                "stated_subtotal",
                "Le tableau soumis additionne la colonne « coût unitaire »",
                WARN,
                f"Il imprime {format_money(stated.amount)} sous cette colonne{where}, alors que "
                f"{basis} font {format_money(computed)}"
                + (f" (écart {format_money(gap)})" if gap else "")
                + f" : une somme de coûts unitaires ne veut rien dire, le total des lignes est "
                f"{format_money(overview.budget_total)}.",
            )
            continue
        yield Check(
            "stated_subtotal",
            f"{stated.what} = somme de ses lignes",
            OK if gap == 0 else KO,
            f"Imprimé : {format_money(stated.amount)}{where} ; {basis} : {format_money(computed)}"
            + (f" : écart {format_money(gap)}." if gap else "."),
        )
    strands = overview.strand_totals
    if not strands:
        return
    stated = {
        s.strand_id: s.amount for s in overview.stated_subtotals if s.kind == StatedKind.STRAND
    }
    parts = [stated.get(t.strand.pk, t.subtotal) if t.strand else t.subtotal for t in strands]
    total = sum(parts, finance.ZERO)
    detail = " + ".join(
        f"{t.label} {format_money(part)}" for t, part in zip(strands, parts, strict=True)
    )
    yield Check(
        "strand_sum",
        "Sous-totaux des volets = total du budget",
        OK if total == overview.budget_total else KO,
        f"{detail} = {format_money(total)} ; total des lignes {format_money(overview.budget_total)}"
        + (f" : écart {format_money(total - overview.budget_total)}." if total != overview.budget_total else "."),
    )  # fmt: skip
    loose = [t for t in strands if t.strand is None]
    if loose:
        yield Check(
            "strand_unassigned",
            "Chaque ligne appartient à un volet",
            WARN,
            "Hors volet : " + " ; ".join(f"« {line.label} »" for line in loose[0].lines) + ".",
        )


def _rate_checks(overview):
    """Each funder's share of the cost (the subsidy, then each co-funding), and the subsidy's
    share against the call's maximum rate when the agreement comes from an application."""
    a = overview.agreement
    cap = overview.rate_cap
    if cap is None or a.subsidy is None or not a.forecast_cost:
        return
    rate = a.subsidy * 100 / a.forecast_cost
    shares = " ; ".join(
        f"{row.label} {format_money(row.amount)} ({format_decimal(row.percent, 1)} %)"
        for row in overview.revenue_shares.rows
    )
    yield Check(
        "funding_rate",
        f"Part du financeur ≤ taux maximal de l'{cap.source}",
        OK if rate <= cap.rate else KO,
        f"Subvention {format_money(a.subsidy)} sur {format_money(a.forecast_cost)} : "
        f"{format_decimal(rate, 1)} % pour un maximum de {format_decimal(cap.rate, 0)} %. "
        f"Cofinancement : {shares}.",
    )


def _schedule_checks(overview):
    """The instalments' amounts against the subsidy (it may have changed since)."""
    if not overview.schedule:
        return
    total, subsidy = overview.schedule_total, overview.agreement.subsidy
    amounts = " + ".join(
        format_money(row.amount) if row.amount is not None else finance.UNKNOWN_AMOUNT
        for row in overview.schedule
    )
    yield Check(
        "schedule_total",
        "Échéancier de versement = subvention",
        WARN if total is None else OK if total == subsidy else KO,
        f"{amounts} = {money_text(total)} ; subvention {money_text(subsidy)}"
        + (f" : écart {format_money(total - subsidy)}." if total is not None and total != subsidy else "."),
    )  # fmt: skip


def failures(checks):
    return [c for c in checks if c.level == KO]
