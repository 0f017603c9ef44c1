"""Indicators for the commitment "a focus in the regional survey" and the survey's answers."""

from decimal import Decimal

from django.urls import reverse

from ouverture.core.indicators import Measure, MeasureRow, register
from ouverture.core.wording import plural
from ouverture.surveys.campaign import Campaign
from ouverture.surveys.campaign_figures import figures


def _campaigns(start, end):
    # A campaign belongs to the period its collection ends in.
    return (
        Campaign.objects.filter(collection_end__gte=start, collection_end__lte=end)
        .select_related("questionnaire")
        .order_by("collection_end", "pk")
    )


@register(
    "surveys.campaigns_with_focus",
    label="Enquêtes menées avec un focus",
    unit="enquête avec focus",
)
def campaigns_with_focus(start, end):
    rows = [
        MeasureRow(
            label=c.questionnaire.title,
            date=c.collection_end,
            detail=f"Focus : {c.focus_label} ({c.focus_respondents or 0} "
            f"{plural('répondant', c.focus_respondents or 0)})",
            url=reverse("surveys:campaign", args=[c.questionnaire_id]),
        )
        for c in _campaigns(start, end).exclude(focus_label="")
    ]
    return Measure(value=Decimal(len(rows)), rows=rows)


@register(
    "surveys.campaign_answers_kept",
    label="Réponses retenues aux enquêtes",
    unit="réponse retenue",
)
def campaign_answers_kept(start, end):
    rows, total = [], 0
    for campaign in _campaigns(start, end):
        f = figures(campaign)
        total += f.kept
        rows.append(
            MeasureRow(
                label=campaign.questionnaire.title,
                date=campaign.collection_end,
                detail=f"{f.kept} retenues sur {f.answers} reçues, taux de réponse {f.rate_text}",
                url=reverse("surveys:campaign", args=[campaign.questionnaire_id]),
            )
        )
    return Measure(value=Decimal(total), rows=rows)
