"""The coaching pages, for each role; the quick contact form and its refusals."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ouverture.accounts.enums import Role
from ouverture.coaching.models import FollowUp, Interaction
from tests.coaching.factories import advice_for, contact, follow_up_for
from tests.organisations.factories import OrganisationFactory
from tests.utils import text

INSTITUTIONAL = set(Role) - {Role.PROJECT_HOLDER}
KEEPERS = INSTITUTIONAL - {Role.FUNDER_OFFICER}
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_login_is_required_everywhere(client, db):
    follow_up = follow_up_for()
    urls = [
        reverse("coaching:recap"),
        reverse("coaching:import"),
        reverse("coaching:log_contact"),
        reverse("coaching:follow_up", args=[follow_up.pk]),
        reverse("coaching:follow_up_update", args=[follow_up.pk]),
        reverse("coaching:follow_up_create", args=[follow_up.organisation_id]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login"))


def test_follow_up_page_per_role(users_by_role, client_for, holder_organisation):
    own = follow_up_for(holder_organisation)
    contact(own, note="Point sur le budget")
    other = follow_up_for(OrganisationFactory())
    for role, user in users_by_role.items():
        client = client_for(user)
        response = client.get(reverse("coaching:follow_up", args=[own.pk]))
        assert response.status_code == 200, role
        assert "Point sur le budget" in text(response)
        assert ("Historique" in text(response)) == (role in INSTITUTIONAL), role
        expected = 200 if role in INSTITUTIONAL else 404
        assert client.get(reverse("coaching:follow_up", args=[other.pk])).status_code == expected, (
            role
        )


@pytest.mark.parametrize(
    "name,method",
    [
        ("coaching:follow_up_update", "get"),
        ("coaching:follow_up_close", "post"),
        ("coaching:follow_up_reopen", "post"),
        ("coaching:follow_up_convert", "post"),
        ("coaching:review_add", "post"),
    ],
)
def test_follow_up_actions_per_role(users_by_role, client_for, holder_organisation, name, method):
    own = advice_for(holder_organisation)
    other = advice_for(OrganisationFactory())
    for role, user in users_by_role.items():
        client = client_for(user)
        on_own = getattr(client, method)(reverse(name, args=[own.pk]))
        on_other = getattr(client, method)(reverse(name, args=[other.pk]))
        if role in KEEPERS:
            assert on_own.status_code in (200, 302), (name, role)
            assert on_other.status_code in (200, 302), (name, role)
        elif role == Role.FUNDER_OFFICER:
            assert (on_own.status_code, on_other.status_code) == (403, 403), (name, role)
        else:  # the holder: forbidden on its own follow-up, not even found on another's
            assert (on_own.status_code, on_other.status_code) == (403, 404), (name, role)


def test_open_follow_up_per_role(users_by_role, client_for, holder_organisation):
    other = OrganisationFactory()
    for role, user in users_by_role.items():
        client = client_for(user)
        own = client.get(reverse("coaching:follow_up_create", args=[holder_organisation.pk]))
        elsewhere = client.get(reverse("coaching:follow_up_create", args=[other.pk]))
        if role in KEEPERS:
            assert (own.status_code, elsewhere.status_code) == (200, 200), role
        elif role == Role.FUNDER_OFFICER:
            assert (own.status_code, elsewhere.status_code) == (403, 403), role
        else:
            assert (own.status_code, elsewhere.status_code) == (403, 404), role


@pytest.mark.parametrize(
    "name,allowed",
    [
        ("coaching:recap", INSTITUTIONAL),
        ("coaching:import", KEEPERS),
        ("coaching:log_contact", KEEPERS),
    ],
)
def test_global_pages_per_role(users_by_role, client_for, name, allowed):
    for role, user in users_by_role.items():
        status = client_for(user).get(reverse(name)).status_code
        assert status == (200 if role in allowed else 403), (name, role)


def test_staff_opens_edits_closes_and_reopens_a_follow_up(client_for, staff):
    from tests.calls.factories import make_scheme

    make_scheme(code="62mei")  # the scheme records the form offers
    organisation = OrganisationFactory(project_types=("cooperation",))
    client = client_for(staff)
    response = client.post(
        reverse("coaching:follow_up_create", args=[organisation.pk]),
        {
            "kind": "advice",
            "project_types": ["cooperation", "youth_mobility"],
            "target_scheme": "62mei",
            "target_year": "2024",
            "staff": staff.pk,
            "topics": ["partners", "co_funding"],
            "opened_on": "2024-01-15",
        },
    )
    follow_up = FollowUp.objects.get()
    assert response.status_code == 302
    assert (follow_up.kind, follow_up.target_scheme, follow_up.target_year) == (
        "advice",
        "62mei",
        2024,
    )
    assert follow_up.staff == staff
    assert follow_up.topics == ["partners", "co_funding"]

    client.post(
        reverse("coaching:follow_up_update", args=[follow_up.pk]),
        {"kind": "advice", "project_types": ["cooperation"], "opened_on": "2024-01-15"},
    )
    follow_up.refresh_from_db()
    assert list(follow_up.project_types.values_list("code", flat=True)) == ["cooperation"]

    client.post(reverse("coaching:follow_up_convert", args=[follow_up.pk]))
    follow_up.refresh_from_db()
    assert follow_up.kind == "coaching"

    response = client.post(
        reverse("coaching:follow_up_close", args=[follow_up.pk]),
        {"status": "closed", "closed_on": "2024-01-01"},
    )
    assert "ne peut pas être clos avant" in text(response)
    follow_up.refresh_from_db()
    assert follow_up.status == "open"
    client.post(
        reverse("coaching:follow_up_close", args=[follow_up.pk]),
        {"status": "abandoned", "closed_on": "2024-06-01"},
    )
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.closed_on) == ("abandoned", dt.date(2024, 6, 1))
    client.post(reverse("coaching:follow_up_reopen", args=[follow_up.pk]))
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.closed_on) == ("open", None)
    page = text(client.get(reverse("coaching:follow_up", args=[follow_up.pk])))
    assert "Appui-conseil transformé en accompagnement" in page
    assert "statut : Abandonné → En cours" in page


def test_review_time_is_shown_apart_from_contacts(client_for, staff):
    follow_up = follow_up_for()
    contact(follow_up, minutes=60)
    client = client_for(staff)
    response = client.post(
        reverse("coaching:review_add", args=[follow_up.pk]),
        {"date": "2023-03-02", "duration_minutes": "2h30"},
    )
    assert response.status_code == 302
    page = text(client.get(reverse("coaching:follow_up", args=[follow_up.pk])))
    assert "Temps de contact 1h" in page
    assert "Relecture de dossiers 2h30" in page
    response = client.post(
        reverse("coaching:review_add", args=[follow_up.pk]),
        {"date": "2023-03-02", "duration_minutes": "abc"},
    )
    assert "illisible" in text(response)
    assert follow_up.reviews.count() == 1


def _quick(client, **data):
    payload = {"date": "2023-03-01", "channel": "phone", "duration_minutes": "1h30", **data}
    return client.post(reverse("coaching:log_contact"), payload, **HTMX)


def test_quick_form_logs_a_contact_in_one_post(client_for, staff):
    follow_up = follow_up_for(OrganisationFactory(name="Misola"))
    client = client_for(staff)
    page = client.get(reverse("coaching:log_contact"))
    assert page.context["quick_form"]["date"].value() == timezone.localdate()
    response = _quick(
        client, follow_up=follow_up.pk, topics=["partners"], note="Recherche de partenaires"
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "contact-logged"
    assert "Contact enregistré : Téléphone du 1er mars 2023, 1h30 — Misola." in text(response)
    interaction = Interaction.objects.get()
    assert (interaction.duration_minutes, interaction.topics, interaction.staff) == (
        90,
        ["partners"],
        staff,
    )
    assert interaction.history.first().history_user == staff


def test_quick_form_accepts_an_email_without_duration(client_for, staff):
    follow_up = follow_up_for()
    _quick(client_for(staff), follow_up=follow_up.pk, channel="email", duration_minutes="")
    assert Interaction.objects.get().duration_minutes is None


@pytest.mark.parametrize(
    "data,message",
    [
        ({"date": (dt.date.today() + dt.timedelta(days=3)).isoformat()}, "dans le futur"),
        ({"channel": "fax"}, "Canal « fax » inconnu"),
        ({"duration_minutes": "-1h"}, "elle doit être positive"),
        ({"duration_minutes": "25h30"}, "plus de 24h"),
        ({"duration_minutes": "abc"}, "illisible"),
        ({"duration_minutes": ""}, "Indiquez la durée du rendez-vous"),
    ],
)
def test_quick_form_refuses_bad_input_and_writes_nothing(client_for, staff, data, message):
    follow_up = follow_up_for()
    response = _quick(client_for(staff), follow_up=follow_up.pk, **data)
    assert response.status_code == 200
    body = text(response)
    assert "Rien n'a été enregistré" in body
    assert message in body
    assert not Interaction.objects.exists()


def test_fourth_advice_meeting_offers_to_convert(client_for, staff):
    advice = advice_for()
    for day in (1, 2, 3):
        contact(advice, date=dt.date(2023, 2, day))
    client = client_for(staff)
    response = _quick(client, follow_up=advice.pk)
    body = text(response)
    assert "au plus 3 rendez-vous" in body
    assert "Transformer en accompagnement et enregistrer ce rendez-vous" in body
    assert advice.interactions.count() == 3
    response = _quick(client, follow_up=advice.pk, convert="1")
    assert "Le suivi est désormais un accompagnement." in text(response)
    advice.refresh_from_db()
    assert (advice.kind, advice.meeting_count()) == ("coaching", 4)


def test_quick_form_scoped_to_an_organisation(client_for, staff):
    organisation = OrganisationFactory()
    mine = follow_up_for(organisation)
    stranger = follow_up_for(OrganisationFactory())
    client = client_for(staff)
    response = client.get(
        reverse("coaching:log_contact"), {"organisation": organisation.pk}, **HTMX
    )
    body = response.content.decode()
    assert f'name="follow_up" value="{mine.pk}"' in body
    assert f'name="follow_up" value="{stranger.pk}"' not in body
    assert "<html" not in body  # the partial only
    empty = OrganisationFactory()
    response = client.get(reverse("coaching:log_contact"), {"organisation": empty.pk}, **HTMX)
    assert "Aucun suivi en cours pour cette structure" in text(response)


def test_quick_form_scope_must_be_visible(client_for, holder, staff):
    other = follow_up_for(OrganisationFactory())
    client = client_for(staff)
    assert client.get(reverse("coaching:log_contact"), {"organisation": "abc"}).status_code == 404
    assert (
        client.get(reverse("coaching:log_contact"), {"organisation": "999999"}).status_code == 404
    )
    response = client.get(reverse("coaching:log_contact"), {"follow_up_scope": other.pk}, **HTMX)
    assert f'name="follow_up" value="{other.pk}"' in response.content.decode()


def test_quick_form_cannot_reach_a_follow_up_outside_its_scope(client_for, staff):
    organisation = OrganisationFactory()
    follow_up_for(organisation)
    stranger = follow_up_for(OrganisationFactory())
    response = _quick(client_for(staff), organisation=organisation.pk, follow_up=stranger.pk)
    assert "Rien n'a été enregistré" in text(response)
    assert not Interaction.objects.exists()


def test_quick_form_without_htmx_redirects_to_the_follow_up(client_for, staff):
    follow_up = follow_up_for()
    response = client_for(staff).post(
        reverse("coaching:log_contact"),
        {
            "follow_up": follow_up.pk,
            "date": "2023-03-01",
            "channel": "video",
            "duration_minutes": "45 min",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("coaching:follow_up", args=[follow_up.pk])


def test_organisation_page_offers_to_open_a_follow_up_and_log_a_contact(
    users_by_role, client_for, holder_organisation
):
    for role, user in users_by_role.items():
        body = (
            client_for(user)
            .get(reverse("organisations:detail", args=[holder_organisation.pk]))
            .content.decode()
        )
        assert ("Ouvrir un suivi" in body) == (role in KEEPERS), role
        assert (f"{reverse('coaching:log_contact')}?organisation=" in body) == (role in KEEPERS)


def test_dashboard_panel_per_role(users_by_role, client_for, holder_organisation):
    follow_up_for(holder_organisation)
    for role, user in users_by_role.items():
        body = text(client_for(user).get(reverse("dashboard")))
        assert ("Enregistrer le contact" in body) == (role in KEEPERS), role
        assert ("Tableau récapitulatif" in body) == (role in INSTITUTIONAL), role
        if role == Role.PROJECT_HOLDER:
            assert "Accompagnement — En cours" in body
