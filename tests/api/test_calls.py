"""Calls through the API: schemes and calls with their rules (published: any token), the
applications in the user's scope (a holder's token on another organisation's is a 404)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ouverture.accounts.enums import Role
from ouverture.calls import rules as call_rules
from ouverture.calls import services
from ouverture.organisations.models import ProjectType
from tests.calls.factories import make_call, make_scheme
from tests.organisations.factories import OrganisationFactory

SCHEMES, CALLS, APPLICATIONS = "/api/v1/dispositifs/", "/api/v1/appels/", "/api/v1/candidatures/"


@pytest.fixture
def world(make_user, actor, db):
    a = OrganisationFactory(name="Alpha Échanges")
    b = OrganisationFactory(name="Bêta Solidarité")
    scheme = make_scheme(code="62mei", name="Mobilité européenne", acronym="62MEI")
    call = make_call(
        scheme=scheme,
        year=2025,
        max_rate="80",
        eligible_kinds=["association"],
        project_types=["youth_mobility"],
        documents_asked="Budget prévisionnel",
    )
    older = make_call(scheme=scheme, year=2024, opens_on=dt.date(2024, 1, 15),
                      closes_on=dt.date(2024, 4, 30))  # fmt: skip
    holder_a = make_user(Role.PROJECT_HOLDER, organisation=a)
    mine = services.create_application(
        actor=holder_a, call=call, organisation=a, title="Échange à Dakar",
        project_type=ProjectType.objects.get(code="youth_mobility"), requested_amount="4000",
        participants_by_age={"15-17": 8},
    )  # fmt: skip
    services.add_line(mine, actor=holder_a, label="Transport", total="5000", base="2 × 2 500 €")
    services.add_resource(mine, actor=holder_a, label="Département", amount="4000", is_request=True)
    services.add_resource(mine, actor=holder_a, label="Fonds propres", amount="1000")
    services.add_resource(mine, actor=holder_a, label="Bénévolat", amount="800", in_kind=True)
    # The call asks a document: submission needs it uploaded.
    services.upload_document(
        mine, actor=holder_a, asked="Budget prévisionnel",
        file=SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"),
    )  # fmt: skip
    theirs = services.create_application(
        actor=actor, call=older, organisation=b, title="Projet Bêta", requested_amount="900"
    )
    return {"a": a, "b": b, "call": call, "older": older, "mine": mine, "theirs": theirs,
            "holder_a": holder_a, "scheme": scheme}  # fmt: skip


def test_calls_carry_their_published_rules_for_every_token(api_for, world):
    api = api_for(world["holder_a"])
    body = api.get(CALLS).json()
    assert [(c["year"], c["scheme"]["code"]) for c in body["resultats"]] == [
        (2025, "62mei"),
        (2024, "62mei"),
    ]
    call = api.get(f"{CALLS}{world['call'].pk}/").json()
    assert call["max_rate"] == "80.00" and call["envelope"] == "50000.00"
    assert call["eligible_kinds"] == ["association"]
    assert call["project_types"] == ["youth_mobility"]
    assert call["documents_asked"] == "Budget prévisionnel"
    assert (call["opens_on"], call["closes_on"]) == ("2025-01-15", "2025-04-30")
    assert [c["year"] for c in api.get(CALLS, {"year": 2024}).json()["resultats"]] == [2024]
    assert api.get(CALLS, {"scheme": "inconnu"}).json()["nombre"] == 0
    refused = api.get(CALLS, {"year": "deux-mille"})
    assert refused.status_code == 400 and "year" in refused.json()["erreurs"]
    [scheme] = api.get(SCHEMES).json()["resultats"]
    assert (scheme["code"], scheme["acronym"]) == ("62mei", "62MEI")


def test_a_holder_sees_its_organisation_s_applications_only(api_for, world):
    api = api_for(world["holder_a"])
    body = api.get(APPLICATIONS).json()
    assert [row["title"] for row in body["resultats"]] == ["Échange à Dakar"]
    detail = api.get(f"{APPLICATIONS}{world['mine'].pk}/").json()
    assert detail["organisation"] == {"id": world["a"].pk, "name": "Alpha Échanges"}
    assert detail["requested_amount"] == "4000.00"
    assert [(line["label"], line["total"]) for line in detail["lines"]] == [
        ("Transport", "5000.00")
    ]
    assert [(r["label"], r["in_kind"]) for r in detail["resources"]] == [
        ("Département", False),
        ("Fonds propres", False),
        ("Bénévolat", True),
    ]
    assert detail["participants_by_age"] == {"15-17": 8}
    assert detail["status"] == "draft" and detail["status_label"] == "Brouillon"
    # The rules the screen lists before submission, from the same function (today the 2025
    # window is past).
    expected = [str(p) for p in call_rules.problems(world["mine"], today=timezone.localdate())]
    assert detail["problems"] == expected and expected
    other = api.get(f"{APPLICATIONS}{world['theirs'].pk}/")
    assert other.status_code == 404
    assert "Bêta" not in other.content.decode()


def test_the_instructor_s_opinion_reaches_institutional_users_only(
    api_for, world, funder_officer, actor
):
    services.submit(world["mine"], actor=world["holder_a"], today=dt.date(2025, 2, 1))
    services.move(world["mine"], "instruction", actor=funder_officer)
    services.give_opinion(
        world["mine"], actor=funder_officer, opinion="favourable", text="Projet solide",
        proposed_amount="3500",
    )  # fmt: skip
    officer = api_for(funder_officer).get(f"{APPLICATIONS}{world['mine'].pk}/").json()
    assert (officer["opinion"], officer["opinion_text"], officer["proposed_amount"]) == (
        "favourable",
        "Projet solide",
        "3500.00",
    )
    holder = api_for(world["holder_a"]).get(f"{APPLICATIONS}{world['mine'].pk}/")
    assert holder.json()["opinion"] is None and b"Projet solide" not in holder.content
    # The steps, as the screen lists them: who moved it, from what to what.
    steps = [(s["source"], s["target"]) for s in holder.json()["steps"]]
    assert steps[-2:] == [("draft", "submitted"), ("submitted", "instruction")]


def test_institutional_users_filter_like_the_screen(api_for, world, staff):
    api = api_for(staff)
    titles = lambda p: [r["title"] for r in api.get(APPLICATIONS, p).json()["resultats"]]  # noqa: E731
    assert sorted(titles({})) == ["Projet Bêta", "Échange à Dakar"]
    assert titles({"year": 2024}) == ["Projet Bêta"]
    assert titles({"organisation": world["a"].pk}) == ["Échange à Dakar"]
    assert titles({"status": "submitted"}) == []
    assert titles({"call": world["call"].pk}) == ["Échange à Dakar"]
    bad = api.get(APPLICATIONS, {"status": "gagnée"})
    assert bad.status_code == 400 and "status" in bad.json()["erreurs"]
    assert api.get(APPLICATIONS, {"statut": "draft"}).status_code == 400  # unknown filter
    # An id beyond 64 bits is refused with a message, never sent to the database (was a 500).
    huge = api.get(APPLICATIONS, {"call": "204864225198823833600"})
    assert huge.status_code == 400 and "call" in huge.json()["erreurs"]


def test_an_app_scoped_token_of_another_app_is_refused(api_for, world, staff):
    api = api_for(staff, app_scope="twinnings")
    response = api.get(APPLICATIONS)
    assert response.status_code == 403 and "limité" in response.json()["message"]


def test_same_query_count_whatever_the_page_size(api_for, world, staff, actor):
    for n in range(8):
        app = services.create_application(
            actor=actor, call=world["call"], organisation=world["b"], title=f"Projet {n}"
        )
        services.add_line(app, actor=actor, label="Ligne", total="100")
    api = api_for(staff)
    api.get(APPLICATIONS)
    counts = []
    for size in (1, 10):
        with CaptureQueriesContext(connection) as queries:
            assert len(api.get(APPLICATIONS, {"page_size": size}).json()["resultats"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
    for url in (CALLS, SCHEMES):
        api.get(url)


def test_the_open_filter_takes_true_or_false_only(api_for, world, staff):
    api = api_for(staff)
    assert api.get(CALLS, {"open": "false"}).json()["nombre"] == 2  # both windows are past
    assert api.get(CALLS, {"open": "true"}).json()["nombre"] == 0
    for bad in ("null", "1", "oui"):
        assert api.get(CALLS, {"open": bad}).status_code == 400
    assert api.get(SCHEMES, {"active": "true"}).json()["nombre"] == 1
    assert api.get(SCHEMES, {"active": "false"}).json()["nombre"] == 0
