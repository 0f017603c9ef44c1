"""The sitting page costs the same queries with 10 and 10 000 applications on its items; the
pages answer institutional users and refuse holders."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ouverture.assemblies import deliberations, services
from ouverture.assemblies.enums import BodyKind
from ouverture.calls.models import Application
from tests.assemblies.factories import make_body, make_members, make_sitting
from tests.calls.factories import make_call
from tests.organisations.factories import OrganisationFactory


def test_sitting_page_queries_do_not_grow_with_applications(
    actor, funder_officer, holder, client_for
):
    body = make_body(kind=BodyKind.STANDING)
    members = make_members(body, {"A": 5, "B": 2})
    everyone = members["A"] + members["B"]
    sitting = make_sitting(actor, body, everyone, present=6)
    services.give_proxy(sitting, everyone[6], everyone[1], actor=actor)
    item = services.add_item(sitting, actor=actor, title="Appel 2025", report_number="4")
    services.record_vote(
        item,
        actor=actor,
        groups={members["A"][0].group: {"for": 5}, members["B"][0].group: {"for": 2}},
    )
    call = make_call()
    organisation = OrganisationFactory()

    def add(n):
        apps = Application.objects.bulk_create(
            Application(
                call=call, organisation=organisation, title=f"P{i}", requested_amount=Decimal(1)
            )
            for i in range(n)
        )
        item.applications.add(*apps)

    client = client_for(funder_officer)
    url = reverse("assemblies:sitting", args=[sitting.pk])
    add(10)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert response.status_code == 200 and "10 candidatures" in response.text
    assert "Quorum : atteint (7 pour 4 requis sur 7 membres en exercice)" in response.text
    add(9_990)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert "10000 candidatures" in response.text
    assert len(small) == len(large)
    assert client_for(holder).get(url).status_code == 403


def test_deliberation_page(actor, funder_officer, client_for):
    body = make_body(kind=BodyKind.STANDING, name="Commission Permanente")
    import datetime as dt

    act = deliberations.create_deliberation(
        actor=actor, body=body, number="2024-12", date=dt.date(2024, 3, 25), title="Règlements"
    )
    client = client_for(funder_officer)
    page = client.get(reverse("assemblies:deliberation", args=[act.number]))
    assert (
        page.status_code == 200
        and "Délibération n°2024-12 — Commission Permanente du 25 mars 2024" in page.text
    )
    assert "2024-12" in client.get(reverse("assemblies:deliberations")).text
    assert client.get(reverse("assemblies:deliberation", args=["1999-1"])).status_code == 404
