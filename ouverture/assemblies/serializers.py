"""The JSON of a deliberation (`ouverture deliberations show NUMBER --format json`): built on
`content.deliberation_content`, dates ISO, amounts as decimal strings."""

from ouverture.assemblies.content import deliberation_content


def _iso(value):
    return value.isoformat() if value else None


def deliberation_json(deliberation):
    content = deliberation_content(deliberation)
    presence = content["presence"] or {}
    vote = content["vote"] or {}
    opinion = content["opinion"]
    imputations = [
        {
            "operation": row["operation"],
            "imputation": row["imputation"],
            "label": row["label"],
            "cp": str(row["cp"]),
            "expense": str(row["expense"]),
        }
        for row in content["imputation"]
    ]
    return {
        "number": content["number"],
        "date": _iso(content["date"]),
        "body": content["body"],
        "title": content["title"],
        "president": (presence.get("president") or {}).get("name"),
        "secretary": (presence.get("secretary") or {}).get("name"),
        "present": len(presence.get("present", [])),
        "excused": len(presence.get("excused", [])),
        "represented": len(presence.get("proxies", [])),
        "present_without_vote": len(presence.get("present_without_vote", [])),
        "excused_without_vote": len(presence.get("excused_without_vote", [])),
        "left_before_item": len(presence.get("left", [])),
        "not_taking_part_members": len(presence.get("not_taking_part", [])),
        "proxies": presence.get("proxies", []),
        "for": vote.get("for", 0),
        "against": vote.get("against", 0),
        "abstention": vote.get("abstention", 0),
        "not_taking_part": vote.get("not_taking_part", 0),
        "groups_for": vote.get("groups_for", []),
        "votes_by_group": vote.get("groups", []),
        "adopted": content["result"] == "adopted",
        "opinion": (
            {
                "commission": opinion["commission"],
                "date": _iso(opinion["date"]),
                "favourable": opinion["favourable"],
            }
            if opinion
            else None
        ),
        "citations": [
            {"number": c["number"], "date": _iso(c["date"])}
            for c in content["citations"]
            if c["number"]
        ],
        "articles": [
            {
                "number": a["number"],
                "kind": a["kind"],
                "beneficiary": a["beneficiary"],
                "amount": str(a["amount"]) if a["amount"] is not None else None,
            }
            for a in content["articles"]
        ],
        "imputation": imputations[0] if len(imputations) == 1 else imputations,
        "signatories": content["signatories"],
        "agreements": content["agreements"],
    }
