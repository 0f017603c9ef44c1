"""Pickers that scale: no page renders a list that grows with the database."""

import importlib
import pkgutil

import pytest
from django import forms
from django.urls import reverse

import ouverture
from ouverture.coaching.models import FollowUp, Interaction
from ouverture.core.pickers import LIMIT, SearchChoiceField
from ouverture.geo.models import Commune
from ouverture.organisations.models import Organisation
from tests.coaching.factories import contact, follow_up_for
from tests.organisations.factories import OrganisationFactory

MANY = LIMIT * 3


@pytest.fixture
def many_follow_ups(db):
    return [
        follow_up_for(OrganisationFactory(name=f"Association numéro {n:03d}")) for n in range(MANY)
    ]


def _choices(body, name):
    return body.count(f'name="{name}" value="')


def test_the_dashboard_shows_a_few_follow_ups_not_all(client_for, staff, many_follow_ups):
    body = client_for(staff).get(reverse("dashboard")).content.decode()
    assert "<option" not in body
    assert 0 < _choices(body, "follow_up") <= LIMIT
    assert 'name="follow_up_q"' in body


def test_the_quick_contact_page_shows_a_few_follow_ups_and_the_recent_first(
    client_for, staff, many_follow_ups
):
    latest = many_follow_ups[-1]
    contact(latest, staff=staff, actor=staff)
    body = client_for(staff).get(reverse("coaching:log_contact")).content.decode()
    assert 0 < _choices(body, "follow_up") <= LIMIT
    first = body.index('name="follow_up" value="')
    assert body[first:].startswith(f'name="follow_up" value="{latest.pk}"')


def test_the_agreement_form_shows_a_few_organisations(client_for, finance_manager):
    for n in range(MANY):
        OrganisationFactory(name=f"Structure {n:03d}")
    body = client_for(finance_manager).get(reverse("agreements:create")).content.decode()
    assert _choices(body, "funder") <= LIMIT
    assert _choices(body, "beneficiary") <= LIMIT
    assert Organisation.objects.count() > LIMIT


def test_the_options_search_as_you_type(client_for, staff, many_follow_ups):
    url = reverse("picker_options", args=["follow-up"])
    params = {"field": "follow_up", "id": "quick_follow_up"}
    body = client_for(staff).get(url, {**params, "follow_up_q": "numero 00"}).content.decode()
    assert _choices(body, "follow_up") == LIMIT  # 000 to 009: ten match, eight shown
    assert "précisez la recherche" in body
    body = client_for(staff).get(url, {**params, "follow_up_q": "numéro 017"}).content.decode()
    assert _choices(body, "follow_up") == 1
    assert f'value="{many_follow_ups[17].pk}"' in body
    assert 'id="quick_follow_up_0"' in body and 'for="quick_follow_up_0"' in body


def test_the_options_stay_in_the_users_scope(client_for, holder, holder_organisation):
    OrganisationFactory(name="Autre association")
    url = reverse("picker_options", args=["organisation"])
    body = client_for(holder).get(url, {"field": "funder", "id": "f", "funder_q": "association"})
    assert _choices(body.content.decode(), "funder") == 1
    assert f'value="{holder_organisation.pk}"' in body.content.decode()
    # A holder logs no contact: the follow-up picker is refused.
    follow_ups = reverse("picker_options", args=["follow-up"])
    assert client_for(holder).get(follow_ups, {"field": "f", "id": "f"}).status_code == 403


def test_unknown_picker_or_bad_field_name_is_a_404(client_for, staff):
    client = client_for(staff)
    assert (
        client.get(reverse("picker_options", args=["nope"]), {"field": "a", "id": "b"}).status_code
        == 404
    )
    url = reverse("picker_options", args=["organisation"])
    assert client.get(url, {"field": '"><script>', "id": "b"}).status_code == 404


def test_without_javascript_the_typed_text_is_the_search(client_for, staff, many_follow_ups):
    client = client_for(staff)
    data = {"date": "2023-03-01", "channel": "phone", "duration_minutes": "1h"}
    response = client.post(reverse("coaching:log_contact"), {**data, "follow_up_q": "numero 0"})
    assert "Plusieurs résultats pour « numero 0 »" in response.content.decode()
    assert not Interaction.objects.exists()
    response = client.post(reverse("coaching:log_contact"), {**data, "follow_up_q": "Zanzibar"})
    assert "Aucun résultat pour « Zanzibar »" in response.content.decode()
    client.post(reverse("coaching:log_contact"), {**data, "follow_up_q": "numéro 021"})
    assert Interaction.objects.get().follow_up == many_follow_ups[21]


GROWING = {Organisation, FollowUp, Commune, Interaction}


def _form_classes():
    for module in pkgutil.walk_packages(ouverture.__path__, "ouverture."):
        if module.name.rsplit(".", 1)[-1] in ("forms", "forms_public") or ".forms." in module.name:
            loaded = importlib.import_module(module.name)
            for value in vars(loaded).values():
                if isinstance(value, type) and issubclass(value, forms.BaseForm):
                    yield value


def test_no_form_offers_a_select_of_a_growing_table():
    offenders = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _form_classes()
        for name, field in getattr(form, "base_fields", {}).items()
        if isinstance(field, forms.ModelChoiceField)
        and not isinstance(field, SearchChoiceField)
        and field.queryset is not None
        and field.queryset.model in GROWING
    ]
    assert offenders == []


def test_institutional_scope_adds_no_subquery_and_a_holder_stays_scoped(
    staff, holder, holder_organisation
):
    mine = follow_up_for(holder_organisation)
    other = follow_up_for(OrganisationFactory(name="Ailleurs"))
    assert "IN (SELECT" not in str(FollowUp.objects.visible_to(staff).query)
    assert set(FollowUp.objects.visible_to(staff)) == {mine, other}
    assert list(FollowUp.objects.visible_to(holder)) == [mine]


def test_a_follow_up_choice_names_its_opening_day_in_words(db):
    import datetime as dt

    from ouverture.coaching.pickers import label

    follow_up = follow_up_for(OrganisationFactory(name="Misola"))
    follow_up.opened_on = dt.date(2023, 1, 2)
    assert label(follow_up) == "Misola — Accompagnement (depuis le 2 janvier 2023)"
