"""Write operations on the forecast budget: lines and their split by category, co-fundings,
and the beneficiary's overall budget."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.agreements.enums import ExpenseCategory
from ouverture.agreements.models import BeneficiaryBudget, BudgetLine, BudgetLineSplit, Revenue
from ouverture.agreements.services._common import amount, ensure_budget_open
from ouverture.core import history
from ouverture.core.formats import format_money

LINE_FIELDS = {"label", "quantity", "unit", "total", "description", "position", "strand"}


def _splits(categories, total):
    """`categories` is a category code (the whole total) or {category: amount}; the amounts
    must add up to the line's total, to the cent."""
    if isinstance(categories, str):
        categories = {categories: total}
    if not categories:
        raise ValidationError({"categories": "Indiquez au moins une catégorie de dépense."})
    out = {}
    for category, value in categories.items():
        if category not in ExpenseCategory.values:
            raise ValidationError({"categories": f"Catégorie « {category} » inconnue."})
        label = f"La part « {ExpenseCategory(category).label} »"
        if value in (None, ""):
            continue
        part = amount(value, "categories", label=label, allow_zero=True)
        if part:
            out[category] = part
    if not out:
        raise ValidationError({"categories": "Indiquez au moins une catégorie de dépense."})
    split_total = sum(out.values())
    if split_total != total:
        raise ValidationError(
            {
                "categories": f"La répartition par catégorie fait {format_money(split_total)} alors que "
                f"le total de la ligne est {format_money(total)} (écart "
                f"{format_money(split_total - total)}) : les parts doivent faire le total."
            }
        )
    return out


def _write_splits(line, parts, actor):
    existing = {s.category: s for s in line.splits.all()}
    for category, split in existing.items():
        if category not in parts:
            history.delete(split, actor)
    for category, value in parts.items():
        split = existing.get(category) or BudgetLineSplit(line=line, category=category)
        if split.pk is None or split.amount != value:
            split.amount = value
            history.save(split, actor)


def _check_line(line):
    strand = line.strand
    if strand is not None and strand.agreement_id != line.agreement_id:
        raise ValidationError({"strand": "Ce volet appartient au budget d'une autre convention."})
    line.quantity = amount(line.quantity, "quantity", label="La quantité")
    line.total = amount(line.total, "total", label="Le total")


@transaction.atomic
def add_budget_line(agreement, *, actor, categories, **fields):
    """A budget line with its split by category (a code, or {category: amount})."""
    unknown = set(fields) - LINE_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    ensure_budget_open(agreement)
    if fields.get("position") is None:
        fields["position"] = agreement.budget_lines.count() + 1
    line = BudgetLine(agreement=agreement, **fields)
    _check_line(line)
    parts = _splits(categories, line.total)
    history.save(line, actor)
    _write_splits(line, parts, actor)
    return line


@transaction.atomic
def update_budget_line(line, *, actor, categories=None, **changes):
    """Change a line. Without a new split, a line in one category follows its new total; a line
    split across several must be given its new split."""
    unknown = set(changes) - LINE_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    line = BudgetLine.objects.select_for_update().get(pk=line.pk)
    ensure_budget_open(line.agreement)
    for name, value in changes.items():
        setattr(line, name, value)
    _check_line(line)
    current = line.split_amounts()
    if categories is None:
        if len(current) > 1 and sum(current.values()) != line.total:
            raise ValidationError(
                {
                    "categories": "Cette ligne est répartie sur plusieurs catégories : "
                    "donnez la répartition de son nouveau total."
                }
            )
        categories = {next(iter(current)): line.total} if current else {}
    parts = _splits(categories, line.total)
    used = set(line.expenses.values_list("category", flat=True).distinct()) - set(parts)
    if used:
        labels = ", ".join(ExpenseCategory(c).label for c in sorted(used))
        raise ValidationError(
            {
                "categories": f"Des dépenses de cette ligne sont classées « {labels} » : "
                "gardez cette catégorie ou reclassez d'abord ces dépenses."
            }
        )
    history.save(line, actor)
    _write_splits(line, parts, actor)
    return line


@transaction.atomic
def remove_budget_line(line, *, actor):
    ensure_budget_open(line.agreement)
    if line.expenses.exists():
        raise ValidationError(
            "Des dépenses sont imputées sur cette ligne : supprimez-les ou réimputez-les d'abord."
        )
    for split in line.splits.all():
        history.delete(split, actor)
    history.delete(line, actor)


# Revenues ------------------------------------------------------------------

REVENUE_FIELDS = {"funder_label", "organisation", "amount", "note", "position"}


def _check_revenue(revenue):
    agreement = revenue.agreement
    revenue.amount = amount(revenue.amount, "amount")
    if revenue.organisation_id and revenue.organisation_id == agreement.funder_id:
        raise ValidationError(
            {
                "organisation": "La subvention du financeur est déjà comptée par la convention : "
                "n'ajoutez ici que les cofinancements."
            }
        )


@transaction.atomic
def add_revenue(agreement, *, actor, **fields):
    """A co-funding of the programme (the funder's subsidy is counted from the agreement)."""
    unknown = set(fields) - REVENUE_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    ensure_budget_open(agreement)
    if fields.get("position") is None:
        fields["position"] = agreement.revenues.count() + 1
    revenue = Revenue(agreement=agreement, **fields)
    if revenue.organisation_id and not revenue.funder_label:
        revenue.funder_label = revenue.organisation.display_name
    _check_revenue(revenue)
    return history.save(revenue, actor)


@transaction.atomic
def update_revenue(revenue, *, actor, **changes):
    unknown = set(changes) - REVENUE_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    ensure_budget_open(revenue.agreement)
    for name, value in changes.items():
        setattr(revenue, name, value)
    _check_revenue(revenue)
    return history.save(revenue, actor)


@transaction.atomic
def remove_revenue(revenue, *, actor):
    ensure_budget_open(revenue.agreement)
    history.delete(revenue, actor)


@transaction.atomic
def set_beneficiary_budget(organisation, year, *, actor, total_revenues, total_expenses, source=""):
    """Create or update the organisation's overall budget for the year."""
    budget = (
        BeneficiaryBudget.objects.select_for_update()
        .filter(organisation=organisation, year=year)
        .first()
    ) or BeneficiaryBudget(organisation=organisation, year=year)
    budget.total_revenues = amount(total_revenues, "total_revenues", label="Le total des produits")
    budget.total_expenses = amount(total_expenses, "total_expenses", label="Le total des charges")
    budget.source = source
    return history.save(budget, actor)
