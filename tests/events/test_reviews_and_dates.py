"""A workshop's review (kept on the workshop, shown and edited on its page, loaded for 2023)
and the 2023 dates of the source data's registrations and answers."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ouverture.accounts.enums import Role
from ouverture.events.models import Registration, Workshop
from ouverture.events.reviews import review_of, save_review
from ouverture.surveys.models import Response

KEEPERS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.FINANCE_MANAGER, Role.ADMINISTRATOR}


def _workshop(date):
    return Workshop.objects.get(date=date, kind__in=["call_preparation", "follow_up_evaluation"])


def test_2023_reviews_are_loaded_from_the_source(source_data):
    march = review_of(_workshop(dt.date(2023, 3, 2)))
    assert march["strengths"][0].startswith("Permet d'avoir une vision en amont")
    assert march["weaknesses"] == [
        "Blocage pour ceux qui ne sont pas encore prêts (pas en capacité de tout compléter, date butoir)."
    ]
    assert len(march["proposals"]) == 2
    assert "30 minutes" in march["adaptations"]
    november = review_of(_workshop(dt.date(2023, 11, 10)))
    assert november["strengths"] == [] and "communication" in november["adaptations"]


def test_2023_records_carry_2023_dates(source_data):
    for registration in Registration.objects.filter(workshop__date__year=2023):
        assert timezone.localtime(registration.registered_at).year == 2023
        assert registration.registered_at.date() <= registration.workshop.date
        if registration.checked_in_at:
            assert (
                timezone.localtime(registration.checked_in_at).date() == registration.workshop.date
            )
    answers = Response.objects.filter(questionnaire__title__contains="2 mars 2023")
    assert answers.count() == 5
    assert {timezone.localtime(r.submitted_at).date() for r in answers} == {dt.date(2023, 3, 2)}


def test_save_review_changes_only_what_is_given(source_data, actor):
    workshop = _workshop(dt.date(2023, 11, 10))
    save_review(workshop, actor=actor, strengths="Ateliers en sous-groupes\n- Binôme")
    review = review_of(workshop)
    assert review["strengths"] == ["Ateliers en sous-groupes", "Binôme"]
    assert "communication" in review["adaptations"]


def test_an_empty_new_review_is_refused(db, actor):
    from tests.events.factories import make_workshop

    w = make_workshop()
    with pytest.raises(ValidationError):
        save_review(w, actor=actor, strengths="  ")
    assert review_of(w) is None


@pytest.mark.parametrize("role", list(Role))
def test_review_form_by_role(role, users_by_role, client_for, source_data):
    workshop = _workshop(dt.date(2023, 3, 2))
    client = client_for(users_by_role[role])
    response = client.get(reverse("events:workshop_review", args=[workshop.pk]))
    assert response.status_code in ({200} if role in KEEPERS else {403, 404})
    if role in KEEPERS:
        page = client.get(reverse("events:detail", args=[workshop.pk])).content.decode()
        assert "Bilan du temps collectif" in page and "Blocage pour ceux" in page


def test_staff_edits_the_review_on_the_page(staff, client_for, source_data):
    workshop = _workshop(dt.date(2023, 11, 10))
    client = client_for(staff)
    data = {
        "strengths": "Binôme Département/Lianes",
        "weaknesses": "",
        "proposals": "",
        "adaptations": "Rien",
    }
    response = client.post(reverse("events:workshop_review", args=[workshop.pk]), data)
    assert response.status_code == 302
    page = client.get(reverse("events:detail", args=[workshop.pk])).content.decode()
    assert "Binôme Département/Lianes" in page
