"""Public forms take a bounded number of submissions per address and per link, and a
person's address receives a bounded number of confirmation e-mails (issue 9, finding 7)."""

import pytest
from django.core import mail
from django.urls import reverse

from ouverture.events.models import Registration
from tests.events.factories import make_workshop
from tests.pathways.factories import make_cohort
from tests.surveys.factories import VALID, questionnaire

pytestmark = pytest.mark.django_db


def _person(n, email=None):
    return {
        "full_name": f"Personne {n}",
        "email": email or f"p{n}@example.org",
        "organisation_name": "Malco HDF",
        "project_type": "youth_mobility",
        "consent": "on",
    }


@pytest.mark.parametrize("kind", ["workshop", "cohort", "questionnaire"])
def test_each_public_form_refuses_past_the_limit_per_address(client, settings, kind):
    settings.OUVERTURE_RATE_PER_ADDRESS = (3, 600)
    if kind == "workshop":
        workshop = make_workshop(ateliers=0, agenda=False)
        url = reverse("events:public_workshop", args=[workshop.public_key])
    elif kind == "cohort":
        url = reverse("pathways:public", args=[make_cohort().public_key])
    else:
        q = questionnaire(is_public=True)
        url = reverse("surveys:public", args=[q.public_key])
    statuses = [client.post(url, _person(n) | VALID).status_code for n in range(4)]
    assert 429 not in statuses[:3] and statuses[3] == 429
    response = client.post(url, _person(9), REMOTE_ADDR="10.0.0.9")  # another address
    assert response.status_code != 429
    refused = client.post(url, _person(10))
    assert "Trop de demandes" in refused.content.decode() and refused["Retry-After"] == "600"
    assert client.get(url).status_code == 200  # reading stays open


def test_a_link_is_limited_whatever_the_address(client, settings):
    settings.OUVERTURE_RATE_PER_LINK = (2, 600)
    workshop = make_workshop(ateliers=0, agenda=False)
    url = reverse("events:public_workshop", args=[workshop.public_key])
    statuses = [
        client.post(url, _person(n), REMOTE_ADDR=f"10.0.0.{n}").status_code for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert Registration.objects.count() == 2


def test_confirmations_to_one_address_are_capped(
    client, settings, django_capture_on_commit_callbacks
):
    settings.OUVERTURE_RATE_PER_EMAIL = (2, 86400)
    for n in range(4):
        workshop = make_workshop(ateliers=0, agenda=False, title=f"Atelier {n}")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("events:public_workshop", args=[workshop.public_key]),
                _person(n, email="victime@example.org"),
                REMOTE_ADDR=f"10.0.1.{n}",
            )
        assert response.status_code == 302
    assert Registration.objects.count() == 4
    assert len(mail.outbox) == 2
