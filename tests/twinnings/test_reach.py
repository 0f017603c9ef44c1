"""The shipped register has no contact: the campaign screen and the mailing export say
how many agreements they cannot reach and point to the directory import (issue 11)."""

import pytest
from django.urls import reverse

from ouverture.twinnings import campaigns, seed
from ouverture.twinnings.directory import import_directory
from ouverture.twinnings.exports import mailing_list
from ouverture.twinnings.models import Agreement
from tests.twinnings.test_directory import EXPORT
from tests.utils import text

HINT = "ouverture twinnings directory FICHIER"


@pytest.fixture
def shipped(actor):
    seed.load(actor, log=lambda m: None)
    return Agreement.objects.all()


def test_the_campaign_screen_says_the_shipped_agreements_reach_nobody(
    shipped, staff, client_for, django_capture_on_commit_callbacks
):
    assert shipped.count() == 117
    assert shipped.without_address().count() == 117  # no contact is shipped, none invented
    client = client_for(staff)
    page = text(client.get(reverse("twinnings:campaigns")))
    assert "117 jumelages en cours à vérifier. Dont 117 sans aucune adresse e-mail" in page
    assert HINT in page
    partial = text(client.get(reverse("twinnings:campaign_candidates"), {"stale_months": "12"}))
    assert "Dont 117 sans aucune adresse e-mail" in partial and HINT in partial
    # The figure is the campaign's: launched, it records the same unreachable agreements.
    with django_capture_on_commit_callbacks(execute=True):
        campaign = campaigns.launch_campaign(actor=staff, name="Essai", stale_months=12)
    assert sorted(campaign.unreachable) == sorted(shipped.values_list("pk", flat=True))


def test_the_exports_page_says_the_mailing_reaches_nobody(shipped, staff, client_for):
    table, missing = mailing_list()
    assert (len(table.rows), len(missing)) == (0, 117)
    page = text(client_for(staff).get(reverse("twinnings:exports")))
    assert "117 jumelages non terminés sans aucune adresse e-mail" in page
    assert HINT in page


def test_after_the_directory_import_the_count_drops(shipped, actor, staff, client_for):
    result = import_directory(EXPORT.read_bytes(), EXPORT.name, actor=actor)
    reached = len(result.filled)
    assert reached
    left = 117 - shipped.exclude(pk__in=shipped.without_address()).count()
    assert left < 117
    page = text(client_for(staff).get(reverse("twinnings:campaigns")))
    assert f"Dont {left} sans aucune adresse e-mail" in page
    table, missing = mailing_list()
    assert len(missing) == left and table.rows
