"""Workshops through the API: the list screen's counts and filters, the workshop page's
summary, registrations and attendance (a person's data to whom the screens show it)."""

import pytest

from ouverture.accounts.enums import Role
from ouverture.events import services
from ouverture.events.queries import summarise
from tests.api.test_coaching import query_counts
from tests.events.factories import make_training, make_workshop, register, register_past
from tests.organisations.factories import OrganisationFactory

WORKSHOPS = "/api/v1/temps-collectifs/"
REGISTRATIONS = "/api/v1/inscriptions/"


@pytest.fixture
def workshop_world(make_user, staff, db):
    a = OrganisationFactory(name="Alpha Échanges")
    b = OrganisationFactory(name="Bêta Solidarité")
    workshop = make_workshop(days_ahead=-3)
    ra = register_past(workshop, organisation=a, full_name="Claire Lemaire")
    rb = register_past(workshop, organisation=b, full_name="Basile Bernard")
    services.set_attendance(ra, "present", actor=staff)
    services.set_attendance(rb, "excused", actor=staff)
    training = make_training(a)
    return a, b, workshop, ra, rb, training, make_user(Role.PROJECT_HOLDER, organisation=a)


def test_list_counts_and_detail_summary_are_the_screens(api_for, workshop_world, staff):
    a, b, workshop, ra, rb, training, _holder = workshop_world
    api = api_for(staff)
    rows = {r["id"]: r for r in api.get(WORKSHOPS).json()["resultats"]}
    assert rows[workshop.pk]["counts"] == {
        "registered": 2, "present": 1, "excused": 1, "walk_ins": 0, "waiting_list": 0,
    }  # fmt: skip
    assert training.workshop_id in rows  # the network sees the trainings too
    collective = api.get(WORKSHOPS, {"kind": "collective"}).json()["resultats"]
    assert [r["id"] for r in collective] == [workshop.pk]
    assert api.get(WORKSHOPS, {"year": 1999}).status_code == 400
    detail = api.get(f"{WORKSHOPS}{workshop.pk}/").json()
    expected = summarise(workshop.registrations.with_related())
    assert detail["summary"]["participants"] == expected.participants == 1
    assert detail["summary"]["excused"] == expected.excused == 1
    assert [s["name"] for s in detail["summary"]["structures"]] == ["Alpha Échanges"]
    assert len(detail["ateliers"]) == 2


def test_a_holder_sees_open_workshops_and_its_own_people_only(api_for, workshop_world):
    a, b, workshop, ra, rb, training, holder = workshop_world
    api = api_for(holder)
    ids = [r["id"] for r in api.get(WORKSHOPS).json()["resultats"]]
    assert ids == [workshop.pk]  # never a training (minors' groups)
    # The workshop page (everyone's attendance) is the network's, as on the screens.
    assert api.get(f"{WORKSHOPS}{workshop.pk}/").status_code == 403
    assert api.get(f"{WORKSHOPS}{training.workshop_id}/").status_code == 404
    body = api.get(REGISTRATIONS).json()
    assert [r["full_name"] for r in body["resultats"]] == ["Claire Lemaire"]
    assert body["resultats"][0]["status"] == "present"
    other = api.get(f"{REGISTRATIONS}{rb.pk}/")
    assert other.status_code == 404 and "Basile" not in other.content.decode()
    assert api.get(f"{REGISTRATIONS}{ra.pk}/").json()["email"] == ra.email
    # A cancelled registration is off the holder's screen: off its API too.
    upcoming = make_workshop(title="À venir", days_ahead=20)
    cancelled = register(upcoming, organisation=a, full_name="Camille Annulée")
    services.cancel_registration(cancelled)
    assert api.get(f"{REGISTRATIONS}{cancelled.pk}/").status_code == 404
    assert [r["id"] for r in api.get(REGISTRATIONS).json()["resultats"]] == [ra.pk]


def test_registration_filters(api_for, workshop_world, staff):
    a, b, workshop, ra, rb, training, _holder = workshop_world
    api = api_for(staff)
    names = lambda p: [r["full_name"] for r in api.get(REGISTRATIONS, p).json()["resultats"]]  # noqa: E731
    assert names({"workshop": workshop.pk, "status": "present"}) == ["Claire Lemaire"]
    assert names({"walk_in": "true"}) == []
    assert api.get(REGISTRATIONS, {"status": "venu"}).status_code == 400


def test_same_query_count_whatever_the_page_size(api_for, staff, db):
    org = OrganisationFactory(name="Gamma")
    for n in range(5):
        workshop = make_workshop(title=f"Atelier {n}", days_ahead=10 + n)
        for _ in range(2):
            register(workshop, organisation=org)
    api = api_for(staff)
    for url in (WORKSHOPS, REGISTRATIONS):
        counts = query_counts(api, url, sizes=(2, 5))
        assert counts[0] == counts[1], url


def test_the_2023_workshops_of_the_source_document(source_data, seed_figures, api_for, staff):
    api = api_for(staff)
    listing = api.get(WORKSHOPS, {"year": 2023, "kind": "collective"}).json()["resultats"]
    by_date = {row["date"]: row for row in listing}
    for expected in seed_figures["workshops_2023"]:
        row = by_date[expected["date"]]
        assert row["counts"]["registered"] == expected["registered"], expected["date"]
        assert row["counts"]["present"] == expected["participants"], expected["date"]
        summary = api.get(f"{WORKSHOPS}{row['id']}/").json()["summary"]
        for key in ("registered", "excused", "walk_ins", "participants"):
            assert summary[key] == expected[key], (expected["date"], key)
        assert summary["structure_count"] == expected["structures"]
        assert summary["structures_by_type"] == expected["structures_by_type"]
