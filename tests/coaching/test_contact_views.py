"""Correcting and deleting a contact or a review entry from the follow-up page, for each role."""

import datetime as dt

import pytest
from django.urls import reverse

from ouverture.accounts.enums import Role
from ouverture.accounts.services import system_user
from ouverture.coaching import services
from ouverture.coaching.models import DocumentReview, Interaction
from tests.coaching.factories import advice_for, contact, follow_up_for
from tests.organisations.factories import OrganisationFactory
from tests.utils import text

INSTITUTIONAL = set(Role) - {Role.PROJECT_HOLDER}
KEEPERS = INSTITUTIONAL - {Role.FUNDER_OFFICER}
EDIT = {"date": "2023-03-01", "channel": "phone", "duration_minutes": "1h30"}


def _review(follow_up, minutes=180):
    return services.record_document_review(
        actor=system_user(), follow_up=follow_up, date=dt.date(2023, 3, 1), duration_minutes=minutes
    )


def _url(name, record):
    return reverse(f"coaching:{name}", args=[record.follow_up_id, record.pk])


def _targets(name, organisation):
    follow_up = follow_up_for(organisation)
    return _review(follow_up) if name.startswith("review") else contact(follow_up)


@pytest.mark.parametrize(
    "name,method,data",
    [
        ("interaction_update", "get", None),
        ("interaction_update", "post", EDIT),
        ("interaction_delete", "get", None),
        ("interaction_delete", "post", None),
        ("review_update", "get", None),
        ("review_update", "post", {"date": "2023-03-01", "duration_minutes": "2h"}),
        ("review_delete", "get", None),
        ("review_delete", "post", None),
    ],
)
def test_corrections_per_role(users_by_role, client_for, holder_organisation, name, method, data):
    for role, user in users_by_role.items():
        own = _targets(name, holder_organisation)  # fresh records: a deletion succeeds once
        other = _targets(name, OrganisationFactory())
        client = client_for(user)
        on_own = getattr(client, method)(_url(name, own), data or {})
        on_other = getattr(client, method)(_url(name, other), data or {})
        statuses = (on_own.status_code, on_other.status_code)
        if role in KEEPERS:
            expected = (302, 302) if method == "post" else (200, 200)
            assert statuses == expected, (name, role)
        elif role == Role.FUNDER_OFFICER:
            assert statuses == (403, 403), (name, role)
        else:  # the holder: forbidden on its own follow-up, not even found on another's
            assert statuses == (403, 404), (name, role)
    model = DocumentReview if name.startswith("review") else Interaction
    if name.endswith("delete") and method == "post":
        # Only the keepers' removals went through.
        assert model.objects.count() == 2 * len(users_by_role) - 2 * len(KEEPERS)


def test_a_record_is_reached_only_through_its_own_follow_up(client_for, staff):
    mine, elsewhere = follow_up_for(), follow_up_for()
    interaction = contact(elsewhere)
    review = _review(elsewhere)
    client = client_for(staff)
    for name, record in (("interaction_update", interaction), ("review_delete", review)):
        url = reverse(f"coaching:{name}", args=[mine.pk, record.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, EDIT).status_code == 404
    assert Interaction.objects.count() == DocumentReview.objects.count() == 1


def test_follow_up_page_offers_corrections_to_keepers_only(
    users_by_role, client_for, holder_organisation
):
    follow_up = follow_up_for(holder_organisation)
    interaction = contact(follow_up)
    review = _review(follow_up)
    for role, user in users_by_role.items():
        body = client_for(user).get(reverse("coaching:follow_up", args=[follow_up.pk]))
        html = body.content.decode()
        for name, record in (
            ("interaction_update", interaction),
            ("interaction_delete", interaction),
            ("review_update", review),
            ("review_delete", review),
        ):
            assert (_url(name, record) in html) == (role in KEEPERS), (name, role)


def test_staff_corrects_a_duration_and_the_totals_follow(client_for, staff, coordinator):
    follow_up = follow_up_for(OrganisationFactory(name="Misola"))
    interaction = contact(follow_up, minutes=60, note="Point budget")
    client = client_for(coordinator)
    form = client.get(_url("interaction_update", interaction))
    assert 'value="1h"' in form.content.decode()  # the form opens on what was logged
    response = client.post(
        _url("interaction_update", interaction),
        {
            **EDIT,
            "duration_minutes": "2h15",
            "topics": ["partners"],
            "note": "Point budget",
            "staff": staff.pk,
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("coaching:follow_up", args=[follow_up.pk])
    interaction.refresh_from_db()
    assert (interaction.duration_minutes, interaction.topics, interaction.staff) == (
        135,
        ["partners"],
        staff,
    )
    page = text(client.get(reverse("coaching:follow_up", args=[follow_up.pk])))
    assert "Correction enregistrée : Téléphone du 1er mars 2023, 2h15." in page
    assert "Temps de contact 2h15" in page
    assert "Contact : Téléphone du 1er mars 2023" in page
    assert "sujets : — → Recherche de partenaires" in page
    recap = text(client.get(reverse("coaching:recap"), {"year": 2023}))
    assert "Total : 1 structure 1 2h15" in recap


@pytest.mark.parametrize(
    "data,message",
    [
        ({"date": (dt.date.today() + dt.timedelta(days=3)).isoformat()}, "dans le futur"),
        ({"channel": "fax"}, "Canal « fax » inconnu"),
        ({"duration_minutes": "25h30"}, "plus de 24h"),
        ({"duration_minutes": ""}, "Indiquez la durée du rendez-vous"),
    ],
)
def test_a_bad_correction_is_refused_and_writes_nothing(client_for, staff, data, message):
    interaction = contact(follow_up_for(), minutes=60)
    response = client_for(staff).post(_url("interaction_update", interaction), {**EDIT, **data})
    assert response.status_code == 200
    body = text(response)
    assert "Rien n'a été enregistré" in body
    assert message in body
    interaction.refresh_from_db()
    assert (interaction.date, interaction.channel, interaction.duration_minutes) == (
        dt.date(2023, 3, 1),
        "phone",
        60,
    )


def test_an_email_turned_into_a_fourth_advice_meeting_says_why(client_for, staff):
    advice = advice_for()
    for day in (1, 2, 3):
        contact(advice, date=dt.date(2023, 2, day))
    email = contact(advice, date=dt.date(2023, 2, 4), channel="email")
    response = client_for(staff).post(_url("interaction_update", email), EDIT)
    assert "au plus 3 rendez-vous" in text(response)
    email.refresh_from_db()
    assert email.channel == "email"


def test_delete_asks_first_then_removes_and_the_history_keeps_it(client_for, staff):
    follow_up = follow_up_for()
    interaction = contact(follow_up, minutes=90, note="Erreur de saisie")
    client = client_for(staff)
    confirm = client.get(_url("interaction_delete", interaction))
    assert "Supprimer le contact ?" in text(confirm)
    assert "Téléphone du 1er mars 2023, 1h30 (« Erreur de saisie »)" in text(confirm)
    assert '<form method="post">' in confirm.content.decode()
    assert Interaction.objects.filter(pk=interaction.pk).exists()  # a GET removes nothing
    response = client.post(_url("interaction_delete", interaction))
    assert response.status_code == 302
    assert not Interaction.objects.filter(pk=interaction.pk).exists()
    page = text(client.get(reverse("coaching:follow_up", args=[follow_up.pk])))
    assert "Supprimé : Téléphone du 1er mars 2023, 1h30." in page
    assert "Aucun contact." in page
    assert "Suppression le" in page
    assert f"par {staff} — Contact supprimé : Téléphone du 1er mars 2023, 1h30" in page


def test_a_closed_follow_up_refuses_corrections_with_the_reason(client_for, staff):
    follow_up = follow_up_for()
    interaction = contact(follow_up)
    services.close_follow_up(follow_up, actor=staff, closed_on=dt.date(2023, 6, 1))
    client = client_for(staff)
    page = client.get(reverse("coaching:follow_up", args=[follow_up.pk]))
    assert _url("interaction_update", interaction) not in page.content.decode()
    assert "Rouvrez le suivi pour corriger ou supprimer un contact." in text(page)
    response = client.post(_url("interaction_update", interaction), EDIT)
    assert "rouvrez-le pour corriger ses contacts" in text(response)
    response = client.post(_url("interaction_delete", interaction))
    assert response.status_code == 400
    assert "Rien n'a été supprimé" in text(response)
    interaction.refresh_from_db()
    assert interaction.duration_minutes == 60


def test_staff_corrects_and_deletes_a_review_entry(client_for, staff, administrator):
    follow_up = follow_up_for()
    review = _review(follow_up)
    client = client_for(staff)
    response = client.post(
        _url("review_update", review), {"date": "2023-03-01", "duration_minutes": "abc"}
    )
    assert "illisible" in text(response)
    response = client.post(
        _url("review_update", review),
        {"date": "2023-03-01", "duration_minutes": "2h30", "staff": administrator.pk},
    )
    assert "Sélectionnez un choix valide" in text(response)  # only network staff or the current one
    response = client.post(
        _url("review_update", review), {"date": "2023-03-02", "duration_minutes": "2h30"}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.date, review.duration_minutes, review.staff) == (dt.date(2023, 3, 2), 150, None)
    page = text(client.get(reverse("coaching:follow_up", args=[follow_up.pk])))
    assert "Relecture de dossiers 2h30" in page
    client.post(_url("review_delete", review))
    assert not DocumentReview.objects.exists()
    page = text(client.get(reverse("coaching:follow_up", args=[follow_up.pk])))
    assert "Relecture supprimée : Relecture du 2 mars 2023, 2h30" in page


def test_login_is_required_for_corrections(client, db):
    interaction = contact(follow_up_for())
    review = _review(interaction.follow_up)
    for name, record in (
        ("interaction_update", interaction),
        ("interaction_delete", interaction),
        ("review_update", review),
        ("review_delete", review),
    ):
        response = client.post(_url(name, record))
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("login"))
    assert Interaction.objects.exists() and DocumentReview.objects.exists()
