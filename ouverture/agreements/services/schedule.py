"""Write operations on the payment schedule (échéancier): set the instalments the convention
states, and link a payment to the instalment it pays."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.agreements import finance
from ouverture.agreements.enums import InstalmentKind, PaymentKind
from ouverture.agreements.models import Agreement, Instalment, Payment
from ouverture.agreements.services._common import amount, ensure_budget_open
from ouverture.core import history
from ouverture.core.formats import format_money

HUNDRED = Decimal(100)


def _term(number, item):
    """(kind, share, amount, condition, due_on) of one instalment, checked, in French."""
    where = f"Échéance {number}"
    kind = item.get("kind")
    if kind not in InstalmentKind.values:
        raise ValidationError({"instalments": f"{where} : choisissez avance, acompte ou solde."})
    share, fixed = item.get("share"), item.get("amount")
    empty = (None, "")
    if share not in empty and fixed not in empty:
        raise ValidationError(
            {"instalments": f"{where} : une part de la subvention ou un montant, pas les deux."}
        )
    if share not in empty:
        share = amount(share, "instalments", label=f"{where} : la part (%)")
        if share > HUNDRED:
            raise ValidationError({"instalments": f"{where} : la part dépasse 100 %."})
    else:
        share = None
    fixed = None if fixed in empty else amount(fixed, "instalments", label=f"{where} : le montant")
    condition = (item.get("condition") or "").strip()
    if not condition:
        raise ValidationError(
            {"instalments": f"{where} : dites à quelle condition elle est versée."}
        )
    return kind, share, fixed, condition, item.get("due_on")


@transaction.atomic
def set_schedule(agreement, *, actor, instalments):
    """Replace the agreement's schedule. `instalments`: dicts with `kind` (advance, interim,
    balance), `share` (% of the subsidy) or `amount`, or neither for the rest (last one only),
    `condition`, `due_on`. The amounts are computed half-up to the cent and must add up to the
    subsidy; a schedule already partly paid is not replaced. All or nothing."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    ensure_budget_open(agreement)
    if agreement.subsidy is None:
        raise ValidationError("La subvention n'est pas encore connue : pas d'échéancier possible.")
    if agreement.instalments.filter(payment__isnull=False).exists():
        raise ValidationError("Une échéance est déjà versée : l'échéancier ne se remplace plus.")
    if not instalments:
        raise ValidationError({"instalments": "Un échéancier a au moins une échéance."})
    terms = [_term(n, item) for n, item in enumerate(instalments, 1)]
    rests = [n for n, t in enumerate(terms, 1) if t[1] is None and t[2] is None]
    if len(rests) > 1 or (rests and rests[0] != len(terms)):
        raise ValidationError(
            {"instalments": "Seule la dernière échéance peut être « le reste de la subvention »."}
        )
    shares = sum((t[1] for t in terms if t[1] is not None), Decimal(0))
    if shares > HUNDRED:
        raise ValidationError(
            {"instalments": f"Les parts font {shares} % de la subvention : plus de 100 %."}
        )
    amounts = finance.schedule_amounts(agreement.subsidy, [(t[1], t[2]) for t in terms])
    total = sum(amounts, finance.ZERO)
    if rests and amounts[-1] <= 0:
        raise ValidationError(
            {
                "instalments": f"Les premières échéances font {format_money(total - amounts[-1])} : "
                f"il ne reste rien de la subvention ({format_money(agreement.subsidy)}) pour le solde."
            }
        )
    if total != agreement.subsidy:
        raise ValidationError(
            {
                "instalments": f"Les échéances font {format_money(total)} pour une subvention de "
                f"{format_money(agreement.subsidy)} (écart {format_money(total - agreement.subsidy)}) : "
                "corrigez les parts ou faites du solde le reste de la subvention."
            }
        )
    for old in agreement.instalments.all():
        history.delete(old, actor, reason="Échéancier remplacé")
    created = []
    for position, (kind, share, fixed, condition, due_on) in enumerate(terms, 1):
        created.append(
            history.save(
                Instalment(
                    agreement=agreement, position=position, kind=kind, share=share,
                    amount=fixed, condition=condition, due_on=due_on,
                ),
                actor,
            )
        )  # fmt: skip
    return created


@transaction.atomic
def mark_instalment_paid(instalment, payment, *, actor):
    """The payment (of the same agreement, not a recovery) pays this instalment: its date and
    amount are the payment's. The balance may be less than scheduled (Article 5's pro rata)."""
    instalment = Instalment.objects.select_for_update().get(pk=instalment.pk)
    payment = Payment.objects.get(pk=payment.pk)
    if payment.agreement_id != instalment.agreement_id:
        raise ValidationError("Ce versement est celui d'une autre convention.")
    if payment.kind == PaymentKind.RECOVERY:
        raise ValidationError("Un reversement ne paie pas une échéance.")
    if instalment.payment_id and instalment.payment_id != payment.pk:
        raise ValidationError("Cette échéance est déjà versée.")
    if Instalment.objects.filter(payment=payment).exclude(pk=instalment.pk).exists():
        raise ValidationError("Ce versement paie déjà une autre échéance.")
    instalment.payment = payment
    return history.save(instalment, actor, update_fields=["payment"])
