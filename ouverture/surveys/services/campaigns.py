"""Writes of survey campaigns: the campaign's facts and counts, and excluding a response."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ouverture.core import history
from ouverture.core.wording import plural
from ouverture.surveys.campaign import Campaign, ResponseExclusion

CAMPAIGN_FIELDS = {
    "collection_start", "collection_end", "channels", "invited", "invited_at_least",
    "answers_recorded", "kept_recorded", "counts_source", "interviews", "interviews_start",
    "interviews_end", "interviews_note", "focus_label", "focus_respondents",
    "focus_already_applied", "focus_scheme", "focus_applied_to_scheme", "note",
}  # fmt: skip


def _check(campaign):
    errors = {}
    start, end = campaign.collection_start, campaign.collection_end
    if start and end and end < start:
        errors["collection_end"] = "La collecte ne peut pas finir avant de commencer."
    start, end = campaign.interviews_start, campaign.interviews_end
    if start and end and end < start:
        errors["interviews_end"] = "Les entretiens ne peuvent pas finir avant de commencer."
    answers, kept = campaign.answers_recorded, campaign.kept_recorded
    if kept is not None and answers is None:
        errors["answers_recorded"] = "Indiquez aussi le nombre de réponses reçues."
    if kept is not None and answers is not None and kept > answers:
        errors["kept_recorded"] = (
            f"{kept} {plural('réponse retenue', kept)} pour {answers} "
            f"{plural('reçue', answers)} : pas plus de retenues que de reçues."
        )
    too_many = answers is not None and campaign.invited and answers > campaign.invited
    if too_many and not campaign.invited_at_least:
        errors["answers_recorded"] = (
            f"{answers} {plural('réponse', answers)} pour {campaign.invited} "
            f"{plural('structure sollicitée', campaign.invited)}."
        )
    if (answers is not None or kept is not None) and not campaign.counts_source.strip():
        errors["counts_source"] = "Dites d'où viennent les nombres saisis (document, date)."
    focus = (
        campaign.focus_respondents,
        campaign.focus_already_applied,
        campaign.focus_applied_to_scheme,
    )
    if focus[1] is not None and (focus[0] is None or focus[1] > focus[0]):
        errors["focus_already_applied"] = "Pas plus de candidats que de répondants du focus."
    if focus[2] is not None and (focus[1] is None or focus[2] > focus[1]):
        errors["focus_applied_to_scheme"] = "Une partie des candidats au plus."
    if focus[2] is not None and not campaign.focus_scheme.strip():
        errors["focus_scheme"] = "Nommez le dispositif."
    if errors:
        raise ValidationError(errors)


def _apply(campaign, fields):
    unknown = set(fields) - CAMPAIGN_FIELDS
    if unknown:
        raise ValueError(f"{plural('Champ inconnu', len(unknown))} : {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(campaign, name, value)


@transaction.atomic
def create_campaign(questionnaire, *, actor, **fields):
    if Campaign.objects.filter(questionnaire=questionnaire).exists():
        raise ValidationError("Ce questionnaire a déjà une campagne.")
    campaign = Campaign(questionnaire=questionnaire)
    _apply(campaign, fields)
    _check(campaign)
    return history.save(campaign, actor)


@transaction.atomic
def update_campaign(campaign, *, actor, **fields):
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _apply(campaign, fields)
    _check(campaign)
    return history.save(campaign, actor)


@transaction.atomic
def exclude_response(response, *, actor, reason):
    """Leave a response out of the kept answers, with the reason (one exclusion per response)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Donnez le motif : pourquoi cette réponse est écartée."})
    if ResponseExclusion.objects.filter(response=response).exists():
        raise ValidationError("Cette réponse est déjà écartée.")
    exclusion = ResponseExclusion(response=response, reason=reason, excluded_by=actor)
    return history.save(exclusion, actor)


@transaction.atomic
def restore_response(response, *, actor):
    exclusion = ResponseExclusion.objects.filter(response=response).first()
    if exclusion is None:
        raise ValidationError("Cette réponse n'est pas écartée.")
    history.delete(exclusion, actor, reason=f"Réponse n° {response.pk} retenue à nouveau")
