"""The checks of an application against its call's rules and the budget model: each failing
rule is named. Pure reads; `services.submit` refuses while this list is not empty."""

from decimal import Decimal

from ouverture.agreements import finance
from ouverture.core.formats import format_date, format_money, format_percent


def budget_problems(application):
    lines = list(application.lines.all())
    resources = list(application.resources.all())
    problems = []
    if not lines:
        problems.append("Le budget n'a aucune ligne de dépense.")
    expenses = sum((line.total for line in lines), finance.ZERO)
    cash = sum((r.amount for r in resources if not r.in_kind), finance.ZERO)
    in_kind = sum((r.amount for r in resources if r.in_kind), finance.ZERO)
    if cash != expenses:
        problems.append(
            f"Le plan de financement n'est pas équilibré : les ressources en numéraire "
            f"({format_money(cash)}) ne font pas les dépenses ({format_money(expenses)}), "
            f"écart de {format_money(cash - expenses)}"
            + (f" (les {format_money(in_kind)} en nature ne comptent pas)." if in_kind else ".")
        )
    requested = [r for r in resources if r.is_request]
    if application.requested_amount is not None:
        asked = sum((r.amount for r in requested), finance.ZERO)
        if requested and asked != application.requested_amount:
            problems.append(
                f"La subvention demandée dans le plan ({format_money(asked)}) diffère du montant "
                f"demandé ({format_money(application.requested_amount)})."
            )
    return problems


def call_problems(application, *, today):
    call = application.call
    organisation = application.organisation
    problems = []
    if today < call.opens_on:
        problems.append(f"L'appel n'ouvre que le {format_date(call.opens_on)}.")
    if today > call.closes_on:
        problems.append(f"L'appel est clos depuis le {format_date(call.closes_on)}.")
    if call.eligible_kinds and organisation.legal_kind not in call.eligible_kinds:
        problems.append(
            f"Structure non éligible : « {organisation.get_legal_kind_display()} » n'est pas une "
            "forme juridique retenue par l'appel."
        )
    territory = set(call.scheme.funder.territory.values_list("code", flat=True))
    commune = organisation.commune
    if territory and (commune is None or commune.departement_id not in territory):
        problems.append(
            "Territoire : la structure n'est pas domiciliée sur le territoire du financeur."
        )
    allowed = set(call.project_types.values_list("code", flat=True))
    if allowed and application.project_type_id not in allowed:
        problems.append("Type de projet : il n'est pas couvert par cet appel.")
    if not application.title.strip():
        problems.append("Le projet n'a pas de titre.")
    if (
        application.starts_on
        and application.ends_on
        and application.ends_on < application.starts_on
    ):
        problems.append("Les dates du projet : la fin précède le début.")
    if application.requested_amount is None:
        problems.append("Le montant demandé n'est pas renseigné.")
    else:
        expenses = sum((line.total for line in application.lines.all()), finance.ZERO)
        if expenses:
            rate = application.requested_amount * Decimal(100) / expenses
            if rate > call.max_rate:
                problems.append(
                    f"Taux de financement : la demande représente {format_percent(rate, 1)} des "
                    f"dépenses, au-delà du maximum de {format_percent(call.max_rate)}."
                )
    return problems


def document_problems(application):
    """Each document the call asks that is not uploaded, by name."""
    uploaded = set(application.documents.values_list("asked", flat=True))
    return [
        f"Pièce manquante : « {label} »."
        for label in application.call.asked_documents()
        if label not in uploaded
    ]


def problems(application, *, today):
    return (
        call_problems(application, today=today)
        + budget_problems(application)
        + document_problems(application)
    )
