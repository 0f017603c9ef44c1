"""The staff screens, for each role; htmx check-in; query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ouverture.accounts.enums import Role
from ouverture.accounts.services import system_user
from ouverture.events import services
from ouverture.events.models import Registration, Workshop
from tests.events.factories import make_training, make_workshop, register, register_past
from tests.organisations.factories import OrganisationFactory
from tests.utils import text

ALL = set(Role)
INSTITUTIONAL = ALL - {Role.PROJECT_HOLDER}
KEEPERS = INSTITUTIONAL - {Role.FUNDER_OFFICER}


@pytest.fixture
def world(holder_organisation):
    """A workshop today with registrations (one of the holder's organisation), a training."""
    workshop = make_workshop(days_ahead=0)
    future = make_workshop(days_ahead=10, title="À venir", capacity=2)
    own = register_past(workshop, full_name="Porteur Lui-Même", organisation=holder_organisation)
    other = register_past(workshop, full_name="Autre Personne", organisation=OrganisationFactory())
    present = services.check_in(
        workshop, register_past(workshop, organisation=holder_organisation), actor=system_user()
    )
    walk_in = services.add_walk_in(workshop, actor=system_user(), full_name="Venu Sans")
    register(future)
    pending = register(future, organisation_name="Structure inconnue")
    waiting = register(future, waiting_list=True)
    training = make_training(OrganisationFactory(name="MALCO HDF"))
    return {
        "w": workshop,
        "future": future,
        "own": own,
        "other": other,
        "present": present,
        "walk_in": walk_in,
        "waiting": waiting,
        "pending": pending,
        "training": training,
        "item": workshop.agenda_items.first(),
        "atelier": workshop.ateliers.first(),
    }


def cases(o):
    """(method, url, data, roles allowed, status when refused)."""
    w, pk = o["w"], o["w"].pk
    return [
        ("get", reverse("events:list"), None, ALL, 403),
        ("get", reverse("events:create"), None, KEEPERS, 403),
        ("get", reverse("events:detail", args=[pk]), None, INSTITUTIONAL, 403),
        ("get", reverse("events:update", args=[pk]), None, KEEPERS, 403),
        ("get", reverse("events:agenda", args=[pk]), None, KEEPERS, 403),
        ("post", reverse("events:agenda", args=[pk]), {"activity": "Pause"}, KEEPERS, 403),
        ("post", reverse("events:atelier_add", args=[pk]), {"title": "ODD", "duration_minutes": "30"}, KEEPERS, 403),
        ("post", reverse("events:registration_add", args=[pk]), {"full_name": "Par téléphone"}, KEEPERS, 403),
        ("post", reverse("events:registration_status", args=[pk, o["other"].pk]), {"status": "absent"}, KEEPERS, 403),
        ("post", reverse("events:registration_promote", args=[o["future"].pk, o["waiting"].pk]), {}, KEEPERS, 403),
        ("get", reverse("events:sign_in_sheet", args=[pk]), None, INSTITUTIONAL, 403),
        ("get", reverse("events:certificates", args=[pk]), None, INSTITUTIONAL, 403),
        ("get", reverse("events:certificate", args=[o["present"].pk]), None, ALL, 403),
        ("get", reverse("events:export", args=[pk, "xlsx"]), None, INSTITUTIONAL, 403),
        ("get", reverse("events:export", args=[pk, "csv"]), None, INSTITUTIONAL, 403),
        ("get", reverse("events:checkin", args=[pk]), None, KEEPERS, 403),
        ("post", reverse("events:checkin_mark", args=[pk, o["own"].pk]), {}, KEEPERS, 403),
        ("post", reverse("events:walk_in_add", args=[pk]), {"full_name": "À la porte"}, KEEPERS, 403),
        ("get", reverse("events:review"), None, KEEPERS, 403),
        ("get", reverse("events:training", args=[o["training"].pk]), None, INSTITUTIONAL, 403),
        ("get", reverse("events:training_create"), None, KEEPERS, 403),
        ("get", reverse("events:training_update", args=[o["training"].pk]), None, KEEPERS, 403),
        ("get", reverse("events:trainings_export", args=["csv"]), None, INSTITUTIONAL, 403),
        # The training's workshop is not even in a holder's scope.
        ("get", reverse("events:detail", args=[o["training"].workshop.pk]), None, INSTITUTIONAL, 404),
        # Deletions: a fresh object for each role.
        ("post", lambda: reverse("events:walk_in_remove", args=[pk, services.add_walk_in(w, actor=system_user(), full_name="X").pk]), {}, KEEPERS, 403),
        ("post", lambda: reverse("events:atelier_delete", args=[pk, services.add_atelier(w, actor=system_user(), title="X", duration_minutes=30).pk]), {}, KEEPERS, 403),
        ("post", lambda: reverse("events:agenda_item_delete", args=[pk, services.add_agenda_item(w, actor=system_user(), activity="X").pk]), {}, KEEPERS, 403),
        ("post", lambda: reverse("events:review_link", args=[register(o["future"], organisation_name="Y", waiting_list=True).pk]), {"organisation": "MALCO HDF"}, KEEPERS, 403),
    ]  # fmt: skip


def test_every_view_per_role(users_by_role, client_for, world):
    for method, url, data, allowed, refused in cases(world):
        for role, user in users_by_role.items():
            path = url() if callable(url) else url
            response = getattr(client_for(user), method)(path, data or {})
            if role in allowed:
                assert response.status_code in (200, 302), (url, role, response.status_code)
            else:
                assert response.status_code == refused, (url, role, response.status_code)


def test_login_is_required(client, world):
    response = client.get(reverse("events:detail", args=[world["w"].pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_holder_sees_open_workshops_and_its_own_registrations_only(client_for, holder, world):
    response = client_for(holder).get(reverse("events:list"))
    page = text(response)
    assert "Porteur Lui-Même" in page
    assert "Autre Personne" not in page
    assert "À venir" in page
    assert "Préparation au départ" not in page
    assert "Attestation (PDF)" in page  # its present participant


def test_holder_cancels_its_own_registration_not_another(client_for, holder, world):
    client = client_for(holder)
    own = register(world["future"], organisation=holder.membership.organisation, waiting_list=True)
    response = client.post(reverse("events:registration_cancel", args=[world["future"].pk, own.pk]))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == "cancelled"
    other = world["other"]
    response = client.post(reverse("events:registration_cancel", args=[world["w"].pk, other.pk]))
    assert response.status_code == 404


def test_holder_certificate_only_when_present(client_for, holder, world):
    client = client_for(holder)
    assert client.get(reverse("events:certificate", args=[world["present"].pk])).status_code == 200
    assert client.get(reverse("events:certificate", args=[world["own"].pk])).status_code == 403
    assert client.get(reverse("events:certificate", args=[world["other"].pk])).status_code == 404


def test_detail_shows_agenda_registrations_summary_and_history(client_for, staff, world):
    response = client_for(staff).get(reverse("events:detail", args=[world["w"].pk]))
    page = text(response)
    for expected in ["Programme", "Atelier 1", "Porteur Lui-Même", "Venu Sans", "Bilan",
                     "Structures représentées", "Historique"]:  # fmt: skip
        assert expected in page, expected
    summary = response.context["summary"]
    assert (summary.registered, summary.participants, summary.walk_ins) == (3, 2, 1)


def test_staff_create_a_workshop_with_facilitators(client_for, staff):
    OrganisationFactory(name="Lianes Coopération")
    date = dt.date.today() + dt.timedelta(days=20)
    response = client_for(staff).post(
        reverse("events:create"),
        {
            "title": "Session d'information 2025",
            "kind": "information_session",
            "date": date.isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "video_link": "visio.example.org/salle",
            "capacity": "20",
            "audience": "open",
            "facilitators": "lianes cooperation",
            "ateliers_to_choose": "1",
        },
    )
    workshop = Workshop.objects.get(title="Session d'information 2025")
    assert response.status_code == 302
    assert workshop.video_link == "https://visio.example.org/salle"
    assert [f.name for f in workshop.facilitators.all()] == ["Lianes Coopération"]
    assert workshop.history.first().history_user == staff


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"end_time": "09:00"}, "L'heure de fin doit suivre"),
        ({"facilitators": "Inconnue SA"}, "Aucune structure du répertoire"),
        ({"kind": "pre_departure_training"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_workshop_input_is_refused(client_for, staff, changes, message):
    data = {
        "title": "Refusé",
        "kind": "other",
        "date": (dt.date.today() + dt.timedelta(days=3)).isoformat(),
        "start_time": "10:00",
        "audience": "open",
        "ateliers_to_choose": "1",
        **changes,
    }
    response = client_for(staff).post(reverse("events:create"), data)
    assert response.status_code == 200
    assert message in text(response)
    assert not Workshop.objects.filter(title="Refusé").exists()


def test_agenda_and_ateliers_are_edited_on_their_page(client_for, staff):
    workshop = make_workshop(agenda=False)
    client = client_for(staff)
    client.post(
        reverse("events:agenda", args=[workshop.pk]),
        {"start_time": "15:00", "duration_minutes": "2h", "activity": "Ateliers pratiques"},
    )
    item = workshop.agenda_items.get()
    assert item.duration_minutes == 120
    client.post(
        reverse("events:atelier_add", args=[workshop.pk]),
        {"title": "Établir son budget", "duration_minutes": "30 min", "agenda_item": item.pk},
    )
    assert workshop.ateliers.get().agenda_item == item
    response = client.post(
        reverse("events:atelier_add", args=[workshop.pk]), {"title": "Sans durée"}
    )
    assert "Ce champ est obligatoire" in text(response)
    assert workshop.ateliers.count() == 1


def test_attendance_of_another_workshops_registration_is_refused(client_for, staff, world):
    elsewhere = register_past(make_workshop(days_ahead=0, title="Autre atelier"), full_name="Léa")
    response = client_for(staff).post(
        reverse("events:registration_status", args=[world["w"].pk, elsewhere.pk]),
        {"status": "present"},
        follow=True,
    )
    assert "Léa est inscrit·e à « Autre atelier »" in text(response)
    elsewhere.refresh_from_db()
    assert elsewhere.status == "registered"


def test_tablet_check_in_with_htmx(client_for, staff, world):
    client = client_for(staff)
    page = client.get(reverse("events:checkin", args=[world["w"].pk]))
    assert "Arrivée de Porteur Lui-Même" in page.content.decode()
    search = client.get(
        reverse("events:checkin", args=[world["w"].pk]), {"q": "autre"}, HTTP_HX_REQUEST="true"
    )
    assert "Autre Personne" in text(search) and "Porteur Lui-Même" not in text(search)
    response = client.post(
        reverse("events:checkin_mark", args=[world["w"].pk, world["own"].pk]),
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert f'id="registration-{world["own"].pk}"' in body
    assert "Annuler l'arrivée" in body
    assert 'hx-swap-oob="true"' in body and 'data-count="participants">3<' in body
    world["own"].refresh_from_db()
    assert world["own"].status == "present"


def test_tablet_check_in_refuses_someone_of_another_workshop(client_for, staff, world):
    elsewhere = register_past(make_workshop(days_ahead=0, title="Autre atelier"), full_name="Léa")
    client = client_for(staff)
    response = client.post(
        reverse("events:checkin_mark", args=[world["w"].pk, elsewhere.pk]), HTTP_HX_REQUEST="true"
    )
    assert response["HX-Retarget"] == "#checkin-alert"
    assert "Léa est inscrit·e à « Autre atelier »" in text(response)
    elsewhere.refresh_from_db()
    assert elsewhere.status == "registered"
    # The search also says where the person is registered.
    search = client.get(reverse("events:checkin", args=[world["w"].pk]), {"q": "Léa"})
    assert "Léa est inscrit·e à « Autre atelier », pas à ce temps collectif" in text(search)


def test_walk_in_without_name_is_refused(client_for, staff, world):
    before = Registration.objects.count()
    response = client_for(staff).post(
        reverse("events:walk_in_add", args=[world["w"].pk]), {"full_name": ""}, follow=True
    )
    assert "Rien n'a été enregistré" in text(response)
    assert Registration.objects.count() == before


def test_review_links_or_creates(client_for, staff, world):
    client = client_for(staff)
    assert "Structure inconnue" in text(client.get(reverse("events:review")))
    response = client.post(
        reverse("events:review_link", args=[world["pending"].pk]),
        {"organisation": "Pas au répertoire"},
        follow=True,
    )
    assert "Aucune structure du répertoire" in text(response)
    client.post(
        reverse("events:review_create", args=[world["pending"].pk]), {"legal_kind": "association"}
    )
    world["pending"].refresh_from_db()
    assert world["pending"].organisation.name == "Structure inconnue"


def test_training_form(client_for, staff):
    OrganisationFactory(name="Campus agro-environnemental 62")
    data = {
        "date": "2023-03-29",
        "place": "Tilloy-lès-Mofflaines",
        "holder": "campus agro environnemental 62",
        "young_people": "18",
        "destination_country": "MG",
        "preparation_days": "1,5",
        "staff_count": "2",
    }
    client = client_for(staff)
    bad = client.post(reverse("events:training_create"), {**data, "young_people": "0"})
    assert "supérieure ou égale à 1" in text(bad)
    response = client.post(reverse("events:training_create"), data)
    assert response.status_code == 302
    page = text(client.get(response.url))
    assert "Madagascar" in page and "1,5" in page and "Tilloy-lès-Mofflaines" in page


def _fill(workshop, n):
    organisations = [OrganisationFactory() for _ in range(3)]
    ateliers = list(workshop.ateliers.all())
    for i in range(n):
        r = register_past(workshop, organisation=organisations[i % 3], ateliers=ateliers[:1])
        if i % 2:
            services.check_in(workshop, r, actor=system_user())


@pytest.mark.parametrize("url_name", ["events:detail", "events:checkin"])
def test_workshop_pages_cost_the_same_queries_whatever_the_registrations(
    client_for, staff, url_name
):
    client = client_for(staff)
    counts = []
    for n in (4, 60):
        workshop = make_workshop(days_ahead=0, title=f"W{n}")
        _fill(workshop, n)
        client.get(reverse(url_name, args=[workshop.pk]))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(url_name, args=[workshop.pk]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_list_costs_the_same_queries_whatever_the_workshops(client_for, staff):
    client = client_for(staff)
    counts = []
    for n in (2, 30):
        for _ in range(n):
            _fill(make_workshop(days_ahead=-1, agenda=False), 2)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("events:list"))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_dashboard_panel_per_role(users_by_role, client_for, world):
    for role, user in users_by_role.items():
        response = client_for(user).get(reverse("dashboard"))
        page = text(response)
        assert "Temps collectifs" in page, role
        assert "À venir" in page, role
        if role in KEEPERS:
            assert "1 structure à vérifier" in page, role
        else:
            assert "à vérifier" not in page, role


def test_detail_counts_the_choices_of_each_atelier(client_for, staff):
    workshop = make_workshop()
    first = workshop.ateliers.first()
    register(workshop, ateliers=[first])
    register(workshop, ateliers=[first])
    services.cancel_registration(register(workshop, ateliers=[first]))
    page = text(client_for(staff).get(reverse("events:detail", args=[workshop.pk])))
    assert "Atelier 1 (2 choix)" in page
    assert "Atelier 2 (0 choix)" in page


def test_the_public_form_is_prefilled_for_a_logged_in_holder(client_for, holder):
    workshop = make_workshop()
    form = (
        client_for(holder)
        .get(reverse("events:public_workshop", args=[workshop.public_key]))
        .context["form"]
    )
    assert form.initial["email"] == holder.email
    assert form.initial["organisation_name"] == "Association du porteur"


def test_a_refused_walk_in_keeps_what_was_typed_on_the_check_in_screen(client_for, staff, world):
    """An e-mail already registered is refused: the form comes back open, filled, with why."""
    taken = world["own"].email
    response = client_for(staff).post(
        reverse("events:walk_in_add", args=[world["w"].pk]),
        {"full_name": "Nadia Porte", "email": taken, "organisation_name": "Collectif du jour"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Nadia Porte"' in page
    assert 'value="Collectif du jour"' in page
    assert '<details class="checkin-walk-in" open>' in page
    assert "Rien n'a été enregistré" in text(response)
    assert not Registration.objects.filter(full_name="Nadia Porte").exists()


def test_a_refused_staff_registration_keeps_what_was_typed_on_the_workshop_page(
    client_for, staff, world
):
    response = client_for(staff).post(
        reverse("events:registration_add", args=[world["w"].pk]),
        {"full_name": "Paul Téléphone", "email": "pas-une-adresse"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Paul Téléphone"' in page
    assert "Saisissez une adresse e-mail valide" in text(response)
    assert "Rien n'a été enregistré" in text(response)
    assert not Registration.objects.filter(full_name="Paul Téléphone").exists()


def test_the_two_person_forms_of_the_workshop_page_have_distinct_ids(client_for, staff, world):
    """Registration and walk-in forms share fields: each label must point to its own field."""
    page = client_for(staff).get(reverse("events:detail", args=[world["w"].pk])).content.decode()
    assert page.count('id="registration_full_name"') == 1
    assert page.count('id="walk_in_full_name"') == 1
    assert 'id="id_full_name"' not in page


def test_the_programme_says_when_no_atelier_is_to_be_chosen(client_for, staff):
    workshop = make_workshop(ateliers_to_choose=0)
    page = text(client_for(staff).get(reverse("events:agenda", args=[workshop.pk])))
    assert "jusqu'à 0" not in page
    assert "aucun choix n'est demandé à l'inscription" in page
