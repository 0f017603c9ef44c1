"""The main menu marks the section of the page shown, not only the section's index page."""

import re

from django.urls import reverse

from tests.organisations.factories import OrganisationFactory


def current_entries(response):
    return re.findall(
        r'<a href="[^"]*" aria-current="(?:page|true)">([^<]+)</a>', response.content.decode()
    )


def test_the_index_page_is_the_current_page(client_for, staff):
    response = client_for(staff).get(reverse("organisations:list"))
    assert current_entries(response) == ["Structures"]
    assert 'aria-current="page">Structures<' in response.content.decode()


def test_a_record_page_highlights_its_section(client_for, staff):
    organisation = OrganisationFactory()
    response = client_for(staff).get(reverse("organisations:detail", args=[organisation.pk]))
    assert current_entries(response) == ["Structures"]
    # The section, not the page: screen readers say "current" without "page".
    assert 'aria-current="true">Structures<' in response.content.decode()


def test_the_dashboard_highlights_only_itself(client_for, staff):
    assert current_entries(client_for(staff).get(reverse("dashboard"))) == ["Tableau de bord"]
