"""The figures of a survey campaign, computed from its records (`CampaignFigures`).

answers: the questionnaire's responses when there are any, else the count recorded on the
campaign; kept: the responses not excluded, else the recorded count; the response rate is
kept ÷ invited, exact (`rate`), rounded for display only (`rate_text`).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse

from ouverture.core.formats import format_date, format_percent, percent
from ouverture.surveys.campaign import Campaign, ResponseExclusion

MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
]  # fmt: skip


def month_span(start, end):
    """'de juin à octobre 2023' ('de décembre 2022 à janvier 2023' across years)."""
    if start is None or end is None:
        return ""
    if start.year == end.year:
        if start.month == end.month:
            return f"en {MONTHS[start.month - 1]} {start.year}"
        return f"de {MONTHS[start.month - 1]} à {MONTHS[end.month - 1]} {end.year}"
    return f"de {MONTHS[start.month - 1]} {start.year} à {MONTHS[end.month - 1]} {end.year}"


@dataclass
class CampaignFigures:
    campaign: Campaign
    answers: int
    kept: int
    from_records: bool  # True when counted from the responses in the platform
    exclusions: list = field(default_factory=list)  # [{"response", "reason", "url"}]

    @property
    def rate(self) -> Decimal | None:
        return percent(self.kept, self.campaign.invited)

    @property
    def rate_text(self):
        return format_percent(self.rate) if self.rate is not None else "—"

    @property
    def invited_text(self):
        c = self.campaign
        return f"plus de {c.invited}" if c.invited_at_least else str(c.invited)

    def as_dict(self):
        c = self.campaign
        return {
            "title": c.questionnaire.title,
            "url": reverse("surveys:campaign", args=[c.questionnaire_id]),
            "collection_start": c.collection_start,
            "collection_end": c.collection_end,
            "collection": [f"{c.collection_start:%Y-%m}", f"{c.collection_end:%Y-%m}"],
            "collection_text": month_span(c.collection_start, c.collection_end),
            "channels": c.channels,
            "invited": c.invited,
            "invited_at_least": c.invited_at_least,
            "invited_text": self.invited_text,
            "answers": self.answers,
            "kept": self.kept,
            "excluded": self.answers - self.kept,
            "from_records": self.from_records,
            "counts_source": "" if self.from_records else c.counts_source,
            "exclusions": self.exclusions,
            "rate": self.rate,
            "rate_text": self.rate_text,
            "interviews": c.interviews,
            "interviews_period": [f"{c.interviews_start:%Y-%m}", f"{c.interviews_end:%Y-%m}"]
            if c.interviews_start and c.interviews_end
            else [],
            "interviews_text": month_span(c.interviews_start, c.interviews_end),
            "interviews_note": c.interviews_note,
            "focus": {
                "label": c.focus_label,
                "respondents": c.focus_respondents,
                "already_applied": c.focus_already_applied,
                "scheme": c.focus_scheme,
                "applied_to_scheme": c.focus_applied_to_scheme,
            }
            if c.focus_label
            else None,
            "note": c.note,
        }


def figures(campaign: Campaign) -> CampaignFigures:
    responses = campaign.questionnaire.responses.count()
    if responses:
        exclusions = list(
            ResponseExclusion.objects.filter(response__questionnaire=campaign.questionnaire)
            .select_related("response")
            .order_by("response__submitted_at", "response_id")
        )
        rows = [
            {
                "response": str(e.response),
                "date": format_date(e.response.submitted_at.date()),
                "reason": e.reason,
                "url": reverse("surveys:campaign", args=[campaign.questionnaire_id]),
            }
            for e in exclusions
        ]
        return CampaignFigures(campaign, responses, responses - len(rows), True, rows)
    answers = campaign.answers_recorded or 0
    kept = campaign.kept_recorded if campaign.kept_recorded is not None else answers
    return CampaignFigures(campaign, answers, kept, False)
