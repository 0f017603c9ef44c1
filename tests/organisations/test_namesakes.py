"""A second organisation with an existing name is created with a warning (issue 9)."""

import pytest
from django.urls import reverse

from ouverture.organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory
from tests.utils import text

pytestmark = pytest.mark.django_db


def test_creating_a_namesake_warns(client_for, staff):
    OrganisationFactory(name="Misola")
    OrganisationFactory(name="Association Tantely", usual_name="Tantely Soa")
    client = client_for(staff)
    for name in ("MISOLA", "Tantely-Soa"):
        response = client.post(
            reverse("organisations:create"),
            {"name": name, "legal_kind": "association"},
            follow=True,
        )
        page = text(response)
        assert "porte déjà ce nom" in page and "nom d'usage distinct" in page, name
    response = client.post(
        reverse("organisations:create"), {"name": "Autre nom", "legal_kind": "association"},
        follow=True,
    )  # fmt: skip
    assert "porte déjà ce nom" not in text(response)
    assert Organisation.objects.count() == 5
