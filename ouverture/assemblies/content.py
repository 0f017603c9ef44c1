"""What the two documents of the decision chain hold, as plain data, for the documents layer:
`deliberation_content(deliberation)` (the act) and `commission_report_content(deliberation)`
(the report to the Commission that proposed it). Every figure comes from the records: presence
lists from attendance and proxies, votes from the group rows, amounts from the credit lines and
the operations (CP / disponible / proposition / solde), dates from the cited records.

Amounts are Decimal; dates are datetime.date; the documents format them (core.formats)."""

from ouverture.agreements.enums import CreditStatus
from ouverture.assemblies import votes
from ouverture.assemblies.models import Deliberation, GroupVote, Opinion


def _member(member):
    return {"name": str(member), "titled": member.titled_name, "group": str(member.group or "")}


def _citations(deliberation):
    rows = []
    for citation in deliberation.citations.select_related("cited__body"):
        if citation.cited_id:
            cited = citation.cited
            rows.append(
                {
                    "number": cited.number,
                    "date": cited.date,
                    "body": str(cited.body),
                    "title": cited.title,
                    "text": "",
                }
            )
        else:
            rows.append(
                {"number": None, "date": None, "body": "", "title": "", "text": citation.text}
            )
    return rows


def _opinion(item):
    opinion = (
        Opinion.objects.filter(item=item).select_related("body").order_by("date").first()
        if item
        else None
    )
    if opinion is None:
        return None
    return {
        "commission": opinion.body.name,
        "date": opinion.date,
        "verdict": opinion.verdict,
        "verdict_label": opinion.get_verdict_display(),
        "favourable": opinion.verdict == "favourable",
    }


def _credit_rows(deliberation):
    """One row per imputation: operation, imputation, label, CP, available before this line,
    the proposal, the balance after it, and the expense (the line's amount)."""
    rows = []
    for imputation in deliberation.imputations.select_related("credit_line__operation"):
        line = imputation.credit_line
        operation = line.operation
        reserved_before = operation.reserved_amount(before=line)
        available = operation.credits - reserved_before
        rows.append(
            {
                "operation": operation.code,
                "imputation": operation.imputation,
                "label": operation.label,
                "cp": operation.credits,
                "available": available,
                "proposal": line.amount,
                "balance": available - line.amount,
                "expense": line.amount,
                "committed": line.status == CreditStatus.COMMITTED,
            }
        )
    return rows


def vote_content(item, people=None):
    people = people or votes.presences(item.sitting, item)
    totals = votes.totals(item)
    groups = []
    for row in GroupVote.objects.filter(item=item).select_related("group"):
        groups.append(
            {
                "group": row.group.name,
                "for": row.for_count,
                "against": row.against,
                "abstention": row.abstention,
                "not_taking_part": row.not_taking_part,
            }
        )
    members = [
        {"name": str(v.member), "choice": v.choice, "label": v.get_choice_display()}
        for v in item.member_votes.select_related("member")
    ]
    return {
        "for": totals.for_count,
        "against": totals.against,
        "abstention": totals.abstention,
        "not_taking_part": totals.not_taking_part,
        "cast": totals.cast,
        "groups": groups,
        "groups_for": [g["group"] for g in groups if g["for"]],
        "groups_against": [g["group"] for g in groups if g["against"]],
        "groups_abstention": [g["group"] for g in groups if g["abstention"]],
        "members": members,
        "result": item.result,
        "result_label": item.get_result_display(),
        "voices": people.voices,
    }


def presence_from(sitting, people):
    """The presence lists of a `votes.Presences` (the sitting's or an item's): who was
    present, excused, absent, without a deliberative voice, who gave a proxy to whom, and on
    an item who left before it, who did not take part, and the proxies lapsed with their
    holder's leaving."""
    return {
        "president": _member(sitting.president) if sitting.president else None,
        "secretary": _member(sitting.secretary) if sitting.secretary else None,
        "present": [_member(m) for m in people.present],
        "excused": [_member(m) for m in people.excused],
        "absent": [_member(m) for m in people.absent],
        "present_without_vote": [_member(m) for m in people.present_without_vote],
        "excused_without_vote": [_member(m) for m in people.excused_without_vote],
        "proxies": [{"giver": str(g), "holder": str(h)} for g, h in people.proxies],
        "left": [_member(m) for m in people.left],
        "not_taking_part": [_member(m) for m in people.not_taking_part],
        "lapsed": [{"giver": str(g), "holder": str(h)} for g, h in people.lapsed],
        "voices": people.voices,
    }


def presence_content(sitting, item=None):
    """The sitting's presence, or the item's (see `votes.presences`)."""
    return presence_from(sitting, votes.presences(sitting, item))


def deliberation_content(deliberation):
    """Everything the deliberation document holds (see the module docstring)."""
    deliberation = Deliberation.objects.select_related(
        "body", "item__sitting__body", "item__sitting__president", "item__sitting__secretary"
    ).get(pk=deliberation.pk)
    item = deliberation.item
    sitting = item.sitting if item else None
    return {
        "number": deliberation.number,
        "date": deliberation.date,
        "body": deliberation.body.name,
        "title": deliberation.title,
        "place": deliberation.place,
        "funder": str(deliberation.body.funder),
        "sitting": {"date": sitting.date, "body": sitting.body.name} if sitting else None,
        # The item's presence: a member who left before it, or who did not take part, is
        # counted as such in the act.
        "presence": presence_content(sitting, item) if sitting else None,
        "citations": _citations(deliberation),
        "opinion": _opinion(item),
        "articles": [
            {
                "number": a.position,
                "kind": a.kind,
                "text": a.text,
                "beneficiary": str(a.beneficiary) if a.beneficiary else "",
                "amount": a.amount,
            }
            for a in deliberation.articles.select_related("beneficiary")
        ],
        "imputation": [
            {k: row[k] for k in ("operation", "imputation", "label", "cp", "expense")}
            for row in _credit_rows(deliberation)
        ],
        "vote": vote_content(item) if item else None,
        "result": deliberation.result,
        "result_label": deliberation.get_result_display(),
        "signatories": [{"title": s.title, "name": s.name} for s in deliberation.signatories.all()],
        "agreements": [a.reference for a in deliberation.agreements.order_by("reference")],
    }


def commission_report_content(deliberation):
    """The report to the Commission that proposed the act: its number, service, territory,
    the sitting, the title, the policy context and the proposal, the amount and to whom, the
    CP / disponible / proposition / solde table, the thematic commission's opinion, the
    president who signs it."""
    deliberation = Deliberation.objects.select_related(
        "body", "item__sitting__body", "item__sitting__president", "item__beneficiary"
    ).get(pk=deliberation.pk)
    item = deliberation.item
    sitting = item.sitting if item else None
    grants = [
        {"beneficiary": str(a.beneficiary), "amount": a.amount}
        for a in deliberation.articles.filter(kind="grant").select_related("beneficiary")
    ]
    return {
        "report_number": item.report_number if item else "",
        "service": item.service if item else "",
        "territory": item.territory if item else "",
        "body": sitting.body.name if sitting else deliberation.body.name,
        "sitting_date": sitting.date if sitting else deliberation.date,
        "title": item.title if item else deliberation.title,
        "context": item.context if item else "",
        "grants": grants,
        "amount": sum((g["amount"] for g in grants), 0),
        "credit_table": [
            {
                k: row[k]
                for k in (
                    "operation",
                    "imputation",
                    "label",
                    "cp",
                    "available",
                    "proposal",
                    "balance",
                )
            }
            for row in _credit_rows(deliberation)
        ],
        "opinion": _opinion(item),
        "president": str(sitting.president) if sitting and sitting.president else "",
        "citations": _citations(deliberation),
        "applications": [
            {"title": a.title, "organisation": str(a.organisation), "proposed": a.proposed_amount}
            for a in (item.applications.select_related("organisation") if item else [])
        ],
    }
