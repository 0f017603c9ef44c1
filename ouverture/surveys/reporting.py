"""Plain read for the activity report's survey chapter."""

from ouverture.surveys.campaign import Campaign
from ouverture.surveys.campaign_figures import figures


def survey_chapter(start, end) -> dict:
    """The survey campaigns whose collection ends in [start, end]:
    {"indicator": "surveys.campaign_answers_kept", "count": int, "campaigns": [figures dict]},
    each campaign as `CampaignFigures.as_dict()` (title, url, collection dates, "collection"
    ["2023-06", "2023-10"], collection_text, channels, invited / invited_text, answers, kept,
    excluded, exclusions [{"response", "date", "reason", "url"}], rate (exact Decimal),
    rate_text ("19 %"), interviews, interviews_period, interviews_text, focus {label,
    respondents, already_applied, scheme, applied_to_scheme} or None, counts_source, note)."""
    campaigns = (
        Campaign.objects.filter(collection_end__gte=start, collection_end__lte=end)
        .select_related("questionnaire")
        .order_by("collection_end", "pk")
    )
    rows = [figures(c).as_dict() for c in campaigns]
    return {"indicator": "surveys.campaign_answers_kept", "count": len(rows), "campaigns": rows}
