"""Writes on deliberations: the record, its "Vu" citations, articles, imputations and
signatories; adoption, which commits the credit on the funder's operation and creates or
updates the agreement (through agreements' own services) and links it to the act.

And `check_citations(text)`: a typed text (a narrative section, an uploaded template) that
cites a deliberation with another date than its record's, or one that does not exist.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.agreements import services as agreements
from ouverture.agreements.enums import CreditStatus
from ouverture.agreements.models import Agreement, CreditCommitment
from ouverture.assemblies.enums import ArticleKind, Result
from ouverture.assemblies.links import act_ref
from ouverture.assemblies.models import (
    Article,
    Citation,
    Deliberation,
    Imputation,
    Signatory,
)
from ouverture.calls import services as calls
from ouverture.calls.enums import ApplicationStatus
from ouverture.core import history
from ouverture.core.formats import format_date

NUMBER = re.compile(r"^(\d{4})-(\d{1,4})$")


def parse_number(number):
    match = NUMBER.match((number or "").strip())
    if not match:
        raise ValidationError(
            {"number": f"« {number} » n'est pas un numéro de délibération (AAAA-NNN)."}
        )
    return int(match.group(1)), match.group(0)


@transaction.atomic
def create_deliberation(*, actor, body, number, date, title, item=None, place=""):
    """Number unique in its year; its year prefix is the year of its date."""
    year, number = parse_number(number)
    if year != date.year:
        raise ValidationError(
            {
                "number": f"La délibération n°{number} porte l'année {year}, sa date est de {date.year}."
            }
        )
    if Deliberation.objects.filter(year=year, number=number).exists():
        raise ValidationError(
            {"number": f"Le numéro {number} est déjà pris pour une délibération de {year}."}
        )
    deliberation = Deliberation(
        body=body, year=year, number=number, date=date, title=title, item=item, place=place
    )
    return history.save(deliberation, actor)


@transaction.atomic
def cite(deliberation, *, actor, number=None, text=""):
    """Add a "Vu": another deliberation by its number (it must exist), or a text."""
    position = deliberation.citations.count() + 1
    cited = None
    if number:
        cited = Deliberation.objects.filter(number=number.strip()).first()
        if cited is None:
            raise ValidationError(
                {
                    "number": f"La délibération n°{number} citée n'existe pas : enregistrez-la d'abord."
                }
            )
        if cited.pk == deliberation.pk:
            raise ValidationError({"number": "Une délibération ne se cite pas elle-même."})
    elif not text.strip():
        raise ValidationError({"text": "Un « Vu » cite une délibération ou un texte."})
    return Citation.objects.create(
        deliberation=deliberation, position=position, cited=cited, text=text
    )


@transaction.atomic
def add_article(deliberation, *, actor, kind, text, beneficiary=None, amount=None):
    if kind not in ArticleKind.values:
        raise ValidationError({"kind": "Nature d'article inconnue."})
    if kind == ArticleKind.GRANT and (beneficiary is None or amount is None):
        raise ValidationError("Un article d'attribution dit à qui et combien.")
    article = Article(
        deliberation=deliberation,
        position=deliberation.articles.count() + 1,
        kind=kind,
        text=text,
        beneficiary=beneficiary,
        amount=amount,
    )
    article.full_clean()
    article.save()
    return article


@transaction.atomic
def add_imputation(deliberation, credit_line, *, actor):
    funder = deliberation.body.funder.organisation_id
    if credit_line.operation.funder_id != funder:
        raise ValidationError("Cette opération n'appartient pas au budget de la collectivité.")
    return Imputation.objects.create(deliberation=deliberation, credit_line=credit_line)


@transaction.atomic
def add_signatory(deliberation, *, actor, title, name):
    return Signatory.objects.create(
        deliberation=deliberation,
        position=deliberation.signatories.count() + 1,
        title=title,
        name=name,
    )


def reference_text(deliberation):
    """How an agreement names the act, written from the record (never typed): the same text
    the agreement page shows through `agreements.hooks`."""
    return act_ref(deliberation).text


def _agreement_for(deliberation, article, application, *, actor):
    funder = deliberation.body.funder.organisation
    existing = (
        Agreement.objects.filter(
            funder=funder, beneficiary=article.beneficiary, year=deliberation.year
        )
        .order_by("pk")
        .first()
    )
    if existing is not None:
        # The act is linked by `adopt` (Deliberation.agreements): no text to copy.
        if existing.subsidy == article.amount:
            return existing
        return agreements.update_agreement(existing, actor=actor, subsidy=article.amount)
    start = (application and application.starts_on) or dt.date(deliberation.year, 1, 1)
    end = (application and application.ends_on) or dt.date(deliberation.year, 12, 31)
    forecast = article.amount
    if application is not None:
        forecast = sum((line.total for line in application.lines.all()), 0) or article.amount
    if not article.beneficiary.representative_name:
        raise ValidationError(
            f"Renseignez le représentant légal de {article.beneficiary} : la convention le nomme."
        )
    president = deliberation.item.sitting.president if deliberation.item else None
    representative = {}
    if not funder.representative_name and president is not None:
        representative = {
            "funder_representative": str(president),
            "funder_representative_title": f"Président, {deliberation.body.funder}",
        }
    return agreements.create_agreement(
        actor=actor,
        **representative,
        reference=f"DELIB-{deliberation.number}-{article.position}",
        title=(application.title if application else deliberation.title)[:255],
        funder=funder,
        beneficiary=article.beneficiary,
        year=deliberation.year,
        action_start=start,
        action_end=end,
        report_due=end + dt.timedelta(days=91),
        subsidy=article.amount,
        forecast_cost=forecast,
    )


@transaction.atomic
def adopt(deliberation, *, actor):
    """After the item's vote: the act is adopted; each imputation's credit line is committed
    on the operation (agreements' services lock it); each grant article creates or updates the
    beneficiary's agreement for the year, linked to the act; the item's applications are
    accepted with the act as reason."""
    deliberation = (
        Deliberation.objects.select_for_update(of=("self",))
        .select_related("item", "body__funder__organisation")
        .get(pk=deliberation.pk)
    )
    item = deliberation.item
    if item is None or item.result != Result.ADOPTED:
        raise ValidationError(
            "La délibération s'adopte après un vote favorable du point de l'ordre du jour."
        )
    grants = list(deliberation.articles.filter(kind=ArticleKind.GRANT))
    if not grants:
        raise ValidationError("La délibération n'a pas d'article d'attribution.")
    applications = list(item.applications.all())
    linked = []
    for article in grants:
        application = next(
            (a for a in applications if a.organisation_id == article.beneficiary_id), None
        )
        agreement = _agreement_for(deliberation, article, application, actor=actor)
        deliberation.agreements.add(agreement)
        linked.append(agreement)
    for imputation in deliberation.imputations.select_related("credit_line"):
        line = CreditCommitment.objects.get(pk=imputation.credit_line_id)
        if line.status == CreditStatus.CANCELLED:
            raise ValidationError(f"La ligne de crédits « {line} » est annulée.")
        if line.status == CreditStatus.PROPOSED:
            agreements.set_credit_status(
                line, actor=actor, status=CreditStatus.COMMITTED, decided_on=deliberation.date
            )
        if line.agreement_id is None:
            match = next((a for a in linked if a.subsidy == line.amount), None)
            if match is not None:
                CreditCommitment.objects.filter(pk=line.pk).update(agreement=match)
    for application in applications:
        if application.status == ApplicationStatus.PROPOSED:
            calls.move(
                application,
                ApplicationStatus.ACCEPTED,
                actor=actor,
                role="assembly",
                reason=f"Délibération n°{deliberation.number} du {format_date(deliberation.date)}",
            )
    deliberation.result = Result.ADOPTED
    history.save(deliberation, actor, reason="Adoptée", update_fields=["result"])
    return deliberation


# "délibération n°2022-11 … du 24/01/2022", "délibération du 23 janvier 2022".
MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        1,
    )
}
DATE = (
    r"(?P<day>\d{1,2})(?:er)?\s*(?:/(?P<month>\d{1,2})/|\s+(?P<month_name>"
    + "|".join(MONTHS)
    + r")\s+)(?P<year>\d{4})"
)
CITED = re.compile(
    r"délibération\s+(?:n°\s*(?P<number>\d{4}-\d{1,4})\s+)?(?P<between>[^;.«]{0,120}?)"
    r"(?:en\s+date\s+)?du\s+" + DATE,
    re.IGNORECASE,
)


def _date(match):
    day, month_num, month_name, year = match.group("day", "month", "month_name", "year")
    month = int(month_num) if month_num else MONTHS[month_name.lower()]
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def check_citations(text):
    """Problems (French sentences) where a text cites a deliberation: a number that is not a
    record, a number with another date than its record's, or a date on which no deliberation
    is recorded. The documents layer calls it on narrative sections and uploaded templates."""
    problems = []
    for match in CITED.finditer(text or ""):
        number, cited_on = match.group("number"), _date(match)
        quoted = match.group(0).strip()
        if cited_on is None:
            problems.append(f"« {quoted} » : la date n'existe pas.")
            continue
        if number:
            record = Deliberation.objects.filter(number=number).first()
            if record is None:
                problems.append(f"« {quoted} » : la délibération n°{number} n'est pas enregistrée.")
            elif record.date != cited_on:
                problems.append(
                    f"« {quoted} » : la délibération n°{number} est du "
                    f"{format_date(record.date)}, pas du {format_date(cited_on)}."
                )
            continue
        # The source's "délibération de la Commission Permanente du 14 octobre 2024": the date
        # only. It must be a recorded act's date.
        if not Deliberation.objects.filter(date=cited_on).exists():
            near = Deliberation.objects.filter(
                date__range=(cited_on - dt.timedelta(days=400), cited_on + dt.timedelta(days=400))
            ).filter(date__day=cited_on.day, date__month=cited_on.month)
            near = near | Deliberation.objects.filter(
                date__range=(cited_on - dt.timedelta(days=3), cited_on + dt.timedelta(days=3))
            )
            hint = "; ".join(f"n°{d.number} du {format_date(d.date)}" for d in near.distinct())
            problems.append(
                f"« {quoted} » : aucune délibération enregistrée à cette date"
                + (f" (voulait-on dire {hint} ?)." if hint else ".")
            )
    return problems
