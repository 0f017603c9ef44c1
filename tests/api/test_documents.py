"""Generated documents through the API: metadata (who, when, parameters, figure values) and the
file, scoped as the document pages are (holder: 404; a funder's officer: its agreements)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ouverture.agreements.seed_2023 import agreement_2023 as seeded_2023
from ouverture.documents.services import generate_now

LIST = "/api/v1/documents/"


@pytest.fixture
def agreement_2023(source_data):
    return seeded_2023()


@pytest.fixture
def generation(agreement_2023, coordinator):
    return generate_now("activity-report", agreement_2023, "html", actor=coordinator)


def test_a_version_s_metadata_and_file(api_for, generation, staff, coordinator):
    api = api_for(staff)
    body = api.get(LIST).json()
    [row] = body["resultats"]
    assert row["id"] == generation.pk and row["kind"] == "activity-report"
    assert row["kind_label"] == "Bilan d'activités"
    assert row["agreement"]["reference"] == generation.agreement.reference
    assert row["created_by"] == coordinator.get_full_name()
    assert row["status"] == "done" and row["fmt"] == "html"
    assert row["figures"]["coaching.sessions"]["value"] == "43"
    assert row["figures"] == generation.figures
    assert row["params"] == generation.params
    assert api.get(f"{LIST}{generation.pk}/").json() == row
    download = api.get(row["file"])
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/html")
    assert download["Content-Disposition"].startswith("attachment;")
    assert download.content == bytes(generation.content)
    assert (
        api.get(f"{LIST}{generation.pk}/fichier/", HTTP_IF_NONE_MATCH=download["ETag"]).status_code
        == 304
    )


def test_a_holder_token_reaches_no_document(api_for, generation, holder):
    api = api_for(holder)
    assert api.get(LIST).status_code == 403
    for url in (f"{LIST}{generation.pk}/", f"{LIST}{generation.pk}/fichier/"):
        response = api.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/json")
        assert "périmètre" in response.json()["message"]


def test_a_funder_officer_sees_only_the_agreements_its_organisation_funds(
    api_for, generation, make_user
):
    from ouverture.accounts.enums import Role
    from tests.organisations.factories import OrganisationFactory

    stranger = make_user(Role.FUNDER_OFFICER, organisation=OrganisationFactory(name="Autre"))
    api = api_for(stranger)
    assert api.get(LIST).json()["nombre"] == 0
    assert api.get(f"{LIST}{generation.pk}/fichier/").status_code == 404
    funder = generation.agreement.funder
    officer = make_user(Role.FUNDER_OFFICER, organisation=funder)
    assert api_for(officer).get(f"{LIST}{generation.pk}/fichier/").status_code == 200


def test_filters_and_constant_queries(api_for, generation, agreement_2023, staff, coordinator):
    generate_now("activity-report", agreement_2023, "docx", actor=coordinator)
    api = api_for(staff)
    assert [r["fmt"] for r in api.get(LIST, {"fmt": "docx"}).json()["resultats"]] == ["docx"]
    assert api.get(LIST, {"kind": "proposal"}).json()["nombre"] == 0
    assert api.get(LIST, {"agreement": agreement_2023.pk}).json()["nombre"] == 2
    assert api.get(LIST, {"fmt": "odt"}).status_code == 400
    api.get(LIST)
    counts = []
    for size in (1, 2):
        with CaptureQueriesContext(connection) as queries:
            assert len(api.get(LIST, {"page_size": size}).json()["resultats"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
