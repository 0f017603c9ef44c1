"""The "Proposition d'accompagnement" for an agreement in draft: budget table (quantity, unit,
unit cost, total, description, rounding gaps), financing plan, the programme's share in the
beneficiary's budget, the contacts, and the funder's credit line."""

from decimal import Decimal

from ouverture.agreements import exports
from ouverture.agreements.finance import UNKNOWN_AMOUNT
from ouverture.core.formats import format_date, format_money, format_percent
from ouverture.core.indicators import Figure, MeasureRow
from ouverture.documents.base import Document
from ouverture.reports.blocks import Bullets, Heading, Para, TableBlock
from ouverture.reports.tables import Column, Table


def money_figure(code, label, value, rows, definition):
    return Figure(code, label, "€", Decimal(value), rows, definition)


def money_figures(*figures):
    """{code: Figure} of the amounts known (an empty amount has no figure)."""
    return {
        code: money_figure(code, label, value, rows, definition)
        for code, label, value, rows, definition in figures
        if value is not None
    }


def plan_table(title, first_column, shares):
    table = Table(
        title,
        [Column("label", first_column), Column("amount", "Montant", "money"),
         Column("percent", "Part (%)", "percent", places=0)],
    )  # fmt: skip
    for row in shares.rows:
        table.add(label=row.label, amount=row.amount, percent=row.percent_rounded)
    table.totals = {"label": "Total", "amount": shares.total}
    if shares.rounding_note:
        table.notes.append(shares.rounding_note)
    return table


class Proposal(Document):
    kind = "proposal"
    label = "Proposition d'accompagnement"
    template_file = "proposal.docx"
    narrative_keys = [("introduction", "Présentation du programme")]
    needs_amounts = True
    blocking_codes = {"amounts_known", "categories", "budget_total", "subsidy_cap"}

    def context(self):
        a = self.agreement
        return {
            "header_line": f"{a.beneficiary.usual_name or a.beneficiary.name} {a.year} – {self.label}",
            "title": f"{self.label} {a.year}",
            "subtitle": a.title,
        }

    def figures(self):
        o, a = self.overview, self.agreement
        line_rows = [
            MeasureRow(label=line.label, detail=format_money(line.total)) for line in o.lines
        ]
        out = money_figures(
            ("subvention", "Subvention demandée", a.subsidy,
             [MeasureRow(label=f"Convention {a.reference}")],
             "Montant de la subvention inscrit à la convention."),
            ("cout_total", "Coût total du programme", o.budget_total,
             line_rows, "Somme des totaux des lignes budgétaires."),
        )  # fmt: skip
        credit = o.credit_line
        if credit is not None:
            out["credits_disponibles"] = money_figure(
                "credits_disponibles", f"Crédits disponibles ({credit.operation.code})",
                credit.available, [MeasureRow(label=credit.operation.label)],
                "Crédits de l'opération moins ce qui est déjà proposé ou engagé.",
            )  # fmt: skip
        return out

    def blocks(self, *, links=True):
        o, a = self.overview, self.agreement
        out = [Heading("Le programme", 1)]
        out += self.narrative("introduction", links=links)
        out.append(Para([f"Période : {format_date(a.action_start)} – {format_date(a.action_end)}. "
                         "Subvention demandée : ", self.ref("subvention", links=links, missing=UNKNOWN_AMOUNT),
                         " pour un coût total de ", self.ref("cout_total", links=links, missing=UNKNOWN_AMOUNT), "."]))  # fmt: skip
        budget = exports.budget_table(o)
        keep = {"label", "quantity", "unit", "unit_cost", "total", "gap", "description"}
        budget.columns = [c for c in budget.columns if c.key in keep]
        budget.totals = {"label": "Total", "total": o.budget_total}
        out += [Heading("Budget", 1), TableBlock(budget)]
        out += [
            Heading("Plan de financement", 1),
            TableBlock(plan_table("Dépenses", "Dépenses par catégorie", o.expense_shares)),
            TableBlock(plan_table("Recettes", "Recettes par financeur", o.revenue_shares)),
        ]
        shares = o.beneficiary_shares
        if shares:
            out += [
                Heading("Part du programme dans le budget du bénéficiaire", 1),
                Para(
                    [
                        f"Budget {shares['year']} du bénéficiaire : recettes "
                        f"{format_money(shares['revenues'])}, dépenses {format_money(shares['expenses'])}, "
                        f"résultat {format_money(shares['result'])}. La subvention représente "
                        f"{format_percent(shares['subsidy_share'], 1)} de ses recettes ; le programme "
                        f"{format_percent(shares['programme_share'], 1)} de ses dépenses."
                    ]
                ),  # fmt: skip
            ]
        credit = o.credit_line
        if credit is not None:
            table = Table("Ligne de crédits", [
                Column("operation", "Opération"), Column("imputation", "Imputation"),
                Column("label", "Libellé"), Column("credits", "Crédits", "money"),
                Column("available", "Disponible", "money"), Column("proposal", "Proposition", "money"),
                Column("balance", "Solde", "money")])  # fmt: skip
            table.add(operation=credit.operation.code, imputation=credit.operation.imputation,
                      label=credit.operation.label, credits=credit.credits, available=credit.available,
                      proposal=credit.proposal, balance=credit.balance)  # fmt: skip
            out += [Heading("Crédits du financeur", 1), TableBlock(table)]
        out += [Heading("Contacts", 1), Bullets(contacts(a))]
        return out


def contacts(a):
    return [
        f"{a.funder.name} — {a.funder_representative}"
        + (f", {a.funder_representative_title}" if a.funder_representative_title else ""),
        f"{a.beneficiary.name} — {a.beneficiary_representative}"
        + (f", {a.beneficiary_representative_title}" if a.beneficiary_representative_title else ""),
    ]
