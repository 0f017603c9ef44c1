"""Survey campaigns: the 2023 regional survey's figures from its records (seed-figures.json),
counts from the responses when they exist, exclusions with a reason, the screens per role."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ouverture.accounts.enums import Role
from ouverture.core import indicators
from ouverture.surveys import reporting, seed, services
from ouverture.surveys.campaign import Campaign, ResponseExclusion
from ouverture.surveys.campaign_figures import figures
from tests.surveys.factories import questionnaire

YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
READERS = {
    Role.NETWORK_STAFF,
    Role.COORDINATOR,
    Role.ADMINISTRATOR,
    Role.FINANCE_MANAGER,
    Role.FUNDER_OFFICER,
}
BUILDERS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.ADMINISTRATOR}
BASE = dict(collection_start=dt.date(2024, 1, 1), collection_end=dt.date(2024, 3, 31), invited=20)


def test_regional_survey_figures_come_from_the_records(source_data, seed_figures):
    expected = seed_figures["survey_2023"]
    chapter = reporting.survey_chapter(*YEAR)
    assert chapter["count"] == 1
    survey = chapter["campaigns"][0]
    assert survey["invited"] == expected["invited_at_least"] and survey["invited_at_least"]
    assert survey["invited_text"] == "plus de 400"
    assert survey["answers"] == expected["answers"]
    assert survey["kept"] == expected["kept"]
    assert round(survey["rate"]) == expected["rate_percent"]  # computed: 77 / 400
    assert survey["rate_text"] == "19\u00a0%"
    assert survey["interviews"] == expected["interviews"]
    assert survey["collection"] == expected["collection"]
    assert survey["interviews_period"] == expected["interviews_period"]
    assert survey["collection_text"] == "de juin à octobre 2023"
    focus = expected["focus_pas_de_calais"]
    assert survey["focus"]["respondents"] == focus["associations"]
    assert survey["focus"]["already_applied"] == focus["already_applied_to_departement"]
    assert survey["focus"]["applied_to_scheme"] == focus["applied_to_cmi62"]
    assert indicators.get("surveys.campaigns_with_focus").measure(*YEAR).value == 1
    assert indicators.get("surveys.campaign_answers_kept").measure(*YEAR).value == 77


def test_rate_changes_with_the_records(source_data):
    campaign = Campaign.objects.get(questionnaire=seed.regional_survey_2023())
    campaign = services.update_campaign(campaign, actor=None, kept_recorded=100)
    assert figures(campaign).rate == Decimal(25)


def test_counts_come_from_responses_when_they_exist(actor):
    q = questionnaire()
    campaign = services.create_campaign(
        q, actor=actor, answers_recorded=15, kept_recorded=12, counts_source="note", **BASE
    )
    answers = {"expectations": ["budget"], "other_workshop": "no", "satisfaction": 4}
    responses = [services.submit_response(q, answers, entered_by=actor) for _ in range(4)]
    services.exclude_response(responses[1], actor=actor, reason="Doublon")
    f = figures(campaign)
    assert (f.answers, f.kept, f.from_records) == (4, 3, True)
    assert f.rate == Decimal(15)
    assert [e["reason"] for e in f.exclusions] == ["Doublon"]
    with pytest.raises(ValidationError):
        services.exclude_response(responses[1], actor=actor, reason="encore")
    with pytest.raises(ValidationError) as error:
        services.exclude_response(responses[2], actor=actor, reason="  ")
    assert "motif" in str(error.value)
    services.restore_response(responses[1], actor=actor)
    assert figures(campaign).kept == 4
    assert not ResponseExclusion.objects.exists()


@pytest.mark.parametrize(
    "fields, field",
    [
        (dict(answers_recorded=10, kept_recorded=12, counts_source="x"), "kept_recorded"),
        (dict(answers_recorded=10, kept_recorded=5), "counts_source"),
        (dict(answers_recorded=30, counts_source="x"), "answers_recorded"),
        (
            dict(focus_label="f", focus_respondents=5, focus_already_applied=6),
            "focus_already_applied",
        ),
        (dict(collection_end=dt.date(2023, 12, 1)), "collection_end"),
    ],
)
def test_inconsistent_counts_are_refused(actor, fields, field):
    q = questionnaire()
    with pytest.raises(ValidationError) as error:
        services.create_campaign(q, actor=actor, **(BASE | fields))
    assert field in error.value.message_dict
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("role", list(Role))
def test_campaign_screens_by_role(role, users_by_role, client_for, actor):
    q = questionnaire()
    services.create_campaign(q, actor=actor, **BASE)
    client = client_for(users_by_role[role])
    detail = client.get(reverse("surveys:campaign", args=[q.pk]))
    assert detail.status_code == (200 if role in READERS else 404)
    form = client.get(reverse("surveys:campaign_update", args=[q.pk]))
    expected = 200 if role in BUILDERS else (403 if role in READERS else 404)
    assert form.status_code == expected


def test_staff_describes_a_campaign_and_excludes_a_response(staff, client_for, actor):
    q = questionnaire()
    response = services.submit_response(
        q, {"expectations": ["budget"], "other_workshop": "no", "satisfaction": 4}, entered_by=actor
    )
    client = client_for(staff)
    data = {
        "collection_start": "2024-01-01",
        "collection_end": "2024-03-31",
        "invited": "10",
        "interviews": "0",
    }
    assert client.post(reverse("surveys:campaign_update", args=[q.pk]), data).status_code == 302
    client.post(
        reverse("surveys:response_exclude", args=[q.pk, response.pk]), {"reason": "Hors champ"}
    )
    page = client.get(reverse("surveys:campaign", args=[q.pk])).content.decode()
    assert "Hors champ" in page
    assert "0\u00a0%" in page  # 0 kept of 10
    bad = client.post(
        reverse("surveys:campaign_update", args=[q.pk]), data | {"collection_end": "2023-01-01"}
    )
    assert "Rien n'a été enregistré" in bad.content.decode()
