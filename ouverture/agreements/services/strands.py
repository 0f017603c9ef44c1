"""Write operations on the budget's strands and on the subtotals a submitted budget printed
(kept to be checked against the lines, `checks.py`)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.agreements.enums import ExpenseCategory
from ouverture.agreements.models import Agreement, BudgetLine, BudgetStrand, StatedSubtotal
from ouverture.agreements.models.strands import StatedKind
from ouverture.agreements.services._common import amount, ensure_budget_open
from ouverture.core import history


@transaction.atomic
def add_strand(agreement, *, actor, label, position=None):
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    ensure_budget_open(agreement)
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": "Nommez le volet (par exemple « Accompagnement »)."})
    if agreement.strands.filter(label__iexact=label).exists():
        raise ValidationError({"label": f"Le volet « {label} » existe déjà dans ce budget."})
    if position is None:
        position = agreement.strands.count() + 1
    strand = BudgetStrand(agreement=agreement, label=label, position=position)
    return history.save(strand, actor)


def check_strand(agreement_id, strand):
    if strand is not None and strand.agreement_id != agreement_id:
        raise ValidationError({"strand": "Ce volet appartient au budget d'une autre convention."})


@transaction.atomic
def set_line_strand(line, *, actor, strand):
    """Put a line in a strand (or in none, `strand=None`)."""
    line = BudgetLine.objects.select_for_update().select_related("agreement").get(pk=line.pk)
    ensure_budget_open(line.agreement)
    check_strand(line.agreement_id, strand)
    if line.strand_id == (strand.pk if strand else None):
        return line
    line.strand = strand
    return history.save(line, actor, update_fields=["strand"])


@transaction.atomic
def record_stated_subtotal(
    agreement, *, actor, kind, value, strand=None, category="", source=""
):  # fmt: skip
    """What a submitted document printed as a subtotal (a strand's, a category's, the table's
    total, a total under the unit-cost column): one per kind and strand or category, a second
    one replaces it. Checked against the lines, never used as a figure."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if kind not in StatedKind.values:
        raise ValidationError({"kind": "Nature de sous-total inconnue."})
    if category and category not in ExpenseCategory.values:
        raise ValidationError({"category": f"Catégorie « {category} » inconnue."})
    check_strand(agreement.pk, strand)
    printed = amount(value, "amount", label="Le montant imprimé", allow_zero=True)
    stated = StatedSubtotal.objects.filter(
        agreement=agreement, kind=kind, strand=strand, category=category or ""
    ).first() or StatedSubtotal(
        agreement=agreement, kind=kind, strand=strand, category=category or ""
    )
    stated.amount = printed
    stated.source = (source or "").strip()[:255]
    return history.save(stated, actor)


@transaction.atomic
def remove_stated_subtotal(stated, *, actor):
    history.delete(stated, actor)
