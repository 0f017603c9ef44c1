"""The agreement's budget, financing plan and execution as tables (XLSX export)."""

from ouverture.agreements.enums import ExpenseCategory
from ouverture.agreements.finance import money_text
from ouverture.core.formats import format_money
from ouverture.core.tables import Column, Table


def budget_table(overview):
    table = Table(
        "Budget",
        [
            Column("label", "Type de dépense"),
            Column("quantity", "Quantité", "decimal"),
            Column("unit", "Unité"),
            Column("unit_cost", "Coût unitaire (arrondi)", "money"),
            Column("total", "Total", "money"),
            Column("gap", "Écart d'arrondi (quantité × coût unitaire − total)", "money"),
            *[Column(c.value, c.label, "money") for c in ExpenseCategory],
            Column("description", "Descriptif"),
        ],
    )
    for line in overview.lines:
        table.add(
            label=line.label,
            quantity=line.quantity,
            unit=line.unit,
            unit_cost=line.unit_cost,
            total=line.total,
            gap=line.rounding_gap,
            description=line.description,
            **line.split_amounts(),
        )
    table.totals = {
        "label": "Total",
        "total": overview.budget_total,
        **{c: v for c, v in overview.planned_by_category.items() if v},
    }
    table.notes.append(
        "Le total de chaque ligne fait foi ; le coût unitaire en est déduit et arrondi au centime."
    )
    return table


def _plan_table(title, first_column, shares):
    table = Table(
        title,
        [
            Column("label", first_column),
            Column("amount", "Montant", "money"),
            Column("percent", "%", "percent", places=2),
        ],
    )
    for row in shares.rows:
        table.add(label=row.label, amount=row.amount, percent=row.percent)
    table.totals = {"label": "Total", "amount": shares.total}
    if shares.rounding_note:
        table.notes.append(shares.rounding_note)
    return table


def financing_tables(overview):
    return [
        _plan_table("Plan – dépenses", "Dépenses par catégorie", overview.expense_shares),
        _plan_table("Plan – recettes", "Recettes par financeur", overview.revenue_shares),
    ]


def execution_tables(overview, expenses):
    by_line = Table(
        "Exécution",
        [
            Column("label", "Ligne budgétaire"),
            Column("planned", "Budget", "money"),
            Column("spent", "Dépensé", "money"),
            Column("rate", "Taux d'exécution", "percent", places=1),
        ],
    )
    for row in overview.line_execution:
        by_line.add(label=row.line.label, planned=row.planned, spent=row.spent, rate=row.rate)
    by_line.totals = {
        "label": "Total",
        "planned": overview.budget_total,
        "spent": overview.realised,
        "rate": overview.execution_rate,
    }
    by_line.notes.append(
        f"Subvention due au prorata (article 5) : {money_text(overview.subsidy_due)} ; "
        f"versé : {format_money(overview.paid)} ; reste à verser : {money_text(overview.left_to_pay)}."
    )
    detail = Table(
        "Dépenses",
        [
            Column("date", "Date", "date"),
            Column("line", "Ligne budgétaire"),
            Column("category", "Catégorie"),
            Column("supplier", "Fournisseur"),
            Column("label", "Objet"),
            Column("amount", "Montant", "money"),
            Column("receipt", "Justificatif"),
        ],
    )
    for expense in expenses:
        detail.add(
            date=expense.date,
            line=expense.budget_line.label,
            category=expense.get_category_display(),
            supplier=expense.supplier,
            label=expense.label,
            amount=expense.amount,
            receipt="oui" if expense.receipt else "",
        )
    detail.totals = {"supplier": "Total", "amount": overview.realised}
    return [by_line, detail]


def workbook_tables(overview, expenses):
    return [
        budget_table(overview),
        *financing_tables(overview),
        *execution_tables(overview, expenses),
    ]
