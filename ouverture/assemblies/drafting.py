"""Drafting a deliberation from a voted agenda item, in one transaction: the record (its body
and date are the sitting's), its "Vu" citations (deliberation records by number, or free
texts), its articles and imputation, its signatories. What the act grants and to whom is read
from the records, never typed: the item's credit line (its amount) and the item's beneficiary
or the organisation of its applications, as the 2024-401 loader does (`seed.load`); without a
credit line, each application's proposed amount. The secretariat's screen
(`act_views.deliberation_draft`) and tests call `draft`; any refusal rolls everything back.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.assemblies import deliberations
from ouverture.assemblies.enums import ArticleKind, Result
from ouverture.assemblies.models import AgendaItem, Deliberation
from ouverture.core.formats import format_money

AUTHORISATION = (
    "D'autoriser le Président du Conseil départemental à signer, au nom et pour le compte du "
    "Département, avec {beneficiary}, la convention correspondante précisant les modalités de "
    "versement et les conditions d'utilisation et de contrôle de cette subvention."
)
IMPUTATION = (
    "La dépense versée en application de l'article 1 de la présente délibération est imputée "
    "sur le budget départemental comme suit :"
)


@dataclass(frozen=True)
class Grant:
    beneficiary: object
    amount: Decimal
    source: str  # where the figure comes from, shown on the form


def grants_of(item):
    """[Grant] read from the item's records, or a ValidationError saying what is missing."""
    applications = list(item.applications.select_related("organisation").order_by("pk"))
    if item.credit_line_id:
        line = item.credit_line
        beneficiary = item.beneficiary
        if beneficiary is None:
            owners = {a.organisation_id: a.organisation for a in applications}
            if len(owners) != 1:
                raise ValidationError(
                    "Le point ne dit pas à qui la subvention est attribuée : indiquez son "
                    "bénéficiaire ou une candidature sur le point."
                )
            beneficiary = next(iter(owners.values()))
        return [Grant(beneficiary, line.amount, f"ligne de crédits « {line.label} »")]
    grants = []
    for application in applications:
        if application.proposed_amount is None:
            raise ValidationError(
                f"La candidature « {application.title} » n'a pas de montant proposé, et le point "
                "n'a pas de ligne de crédits : le montant attribué ne se saisit pas ici."
            )
        grants.append(
            Grant(
                application.organisation,
                application.proposed_amount,
                f"montant proposé de la candidature « {application.title} »",
            )
        )
    if not grants:
        raise ValidationError("Le point n'a ni ligne de crédits ni candidature : rien à attribuer.")
    return grants


def split_numbers(text):
    return [n for n in (text or "").replace(",", " ").replace(";", " ").split() if n]


def split_lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@transaction.atomic
def draft(
    item,
    *,
    actor,
    number,
    title,
    cited_numbers=(),
    texts=(),
    purpose="",
    authorise=True,
    signatories=(),
):
    """The deliberation of a voted item. Errors are keyed by the form's fields: `number`
    (format, year, used twice), `citations` (a number that is not a record), `item`."""
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("sitting__body__funder", "credit_line", "beneficiary")
        .get(pk=item.pk)
    )
    if item.result != Result.ADOPTED:
        raise ValidationError(
            "La délibération se rédige après un vote favorable du point de l'ordre du jour."
        )
    if Deliberation.objects.filter(item=item).exists():
        raise ValidationError("Ce point a déjà sa délibération.")
    grants = grants_of(item)
    sitting = item.sitting
    act = deliberations.create_deliberation(
        actor=actor,
        body=sitting.body,
        number=number,
        date=sitting.date,
        title=title,
        item=item,
        place=sitting.place,
    )
    for text in texts:
        deliberations.cite(act, actor=actor, text=text)
    for cited in cited_numbers:
        try:
            deliberations.cite(act, actor=actor, number=cited)
        except ValidationError as error:
            raise ValidationError({"citations": error.messages}) from None
    purpose = purpose.strip().rstrip(".")
    for grant in grants:
        text = f"D'attribuer une subvention de {format_money(grant.amount)} à {grant.beneficiary}"
        deliberations.add_article(
            act,
            actor=actor,
            kind=ArticleKind.GRANT,
            text=f"{text}, {purpose}." if purpose else f"{text}.",
            beneficiary=grant.beneficiary,
            amount=grant.amount,
        )
    if authorise:
        names = ", ".join(str(g.beneficiary) for g in grants)
        deliberations.add_article(
            act,
            actor=actor,
            kind=ArticleKind.AUTHORISATION,
            text=AUTHORISATION.format(beneficiary=names),
        )
    if item.credit_line_id:
        deliberations.add_article(act, actor=actor, kind=ArticleKind.IMPUTATION, text=IMPUTATION)
        deliberations.add_imputation(act, item.credit_line, actor=actor)
    for title_, name in signatories:
        deliberations.add_signatory(act, actor=actor, title=title_, name=name)
    return act
