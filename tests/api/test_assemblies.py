"""Sittings and deliberations through the API: institutional users only; the deliberation is
the command's JSON (the acceptance figures of 2024-401), the sitting's votes the documents'."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ouverture.assemblies.models import Sitting

DELIBERATIONS, SITTINGS = "/api/v1/deliberations/", "/api/v1/seances/"


def show(number):
    out = io.StringIO()
    call_command("deliberations", "show", number, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_deliberation_2024_401_through_the_api_gives_the_acceptance_figures(
    source_data, seed_figures, api_for, funder_officer
):
    expected = seed_figures["deliberation_2024_401"]
    api = api_for(funder_officer)
    response = api.get(f"{DELIBERATIONS}2024-401/")
    assert response.status_code == 200
    data = response.json()
    for key in (
        "number", "date", "body", "present", "excused", "represented", "for", "against",
        "abstention", "adopted", "opinion", "present_without_vote", "excused_without_vote",
        "president", "secretary", "groups_for",
    ):  # fmt: skip
        assert data[key] == expected[key], key
    assert {k: data["imputation"][k] for k in expected["imputation"]} == expected["imputation"]
    assert [c["number"] for c in data["citations"]] == [c["number"] for c in expected["citations"]]
    for got, want in zip(data["citations"], expected["citations"], strict=True):
        if want["date"] is not None:
            assert got["date"] == want["date"]
    # The same function as the command: the same figures, never a copy.
    assert {k: v for k, v in data.items() if k not in ("id", "year", "result")} == show("2024-401")
    assert data["articles"][0]["amount"] == "9879.54"
    assert data["agreements"] == ["CD62-LIANES-2024"]
    # In the list, with the screen's filters.
    listing = api.get(DELIBERATIONS, {"year": 2024}).json()
    assert "2024-401" in [d["number"] for d in listing["resultats"]]
    assert api.get(DELIBERATIONS, {"year": 2019}).json()["nombre"] == 0
    assert api.get(f"{DELIBERATIONS}2019-999/").status_code == 404


def test_the_sitting_of_14_october_2024_with_attendance_proxies_and_votes(
    source_data, seed_figures, api_for, staff
):
    expected = seed_figures["deliberation_2024_401"]
    api = api_for(staff)
    sitting = Sitting.objects.get(date="2024-10-14")
    [row] = api.get(SITTINGS, {"year": 2024}).json()["resultats"]
    assert (row["id"], row["present"], row["excused"], row["represented"]) == (
        sitting.pk,
        expected["present"],
        expected["excused"],
        expected["represented"],
    )
    data = api.get(f"{SITTINGS}{sitting.pk}/").json()
    presence = data["presence"]
    assert len(presence["present"]) == expected["present"]
    assert len(presence["proxies"]) == expected["represented"]
    assert presence["president"]["name"] == expected["president"]
    assert data["quorum"]["reached"] is True
    [item] = [i for i in data["items"] if i["deliberation"] == "2024-401"]
    assert item["vote"]["for"] == expected["for"] and item["vote"]["against"] == 0
    assert sum(g["for"] for g in item["vote"]["groups"]) == expected["for"]
    assert item["opinions"][0]["commission"] == expected["opinion"]["commission"]
    assert item["opinions"][0]["date"] == expected["opinion"]["date"]


def test_a_holder_s_token_reaches_no_sitting_and_no_deliberation(source_data, api_for, holder):
    api = api_for(holder)
    sitting = Sitting.objects.first()
    for url in (DELIBERATIONS, f"{DELIBERATIONS}2024-401/", SITTINGS, f"{SITTINGS}{sitting.pk}/"):
        response = api.get(url)
        assert response.status_code == 403, url
        assert "LEROY" not in response.content.decode()


def test_lists_cost_the_same_queries_whatever_the_page_size(source_data, api_for, staff):
    api = api_for(staff)
    api.get(DELIBERATIONS)
    for url in (DELIBERATIONS, SITTINGS):
        counts = []
        for size in (1, 5):
            with CaptureQueriesContext(connection) as queries:
                assert api.get(url, {"page_size": size}).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], url


def test_an_unknown_filter_or_a_bad_value_is_refused(db, api_for, staff):
    api = api_for(staff)
    bad = api.get(DELIBERATIONS, {"result": "gagné"})
    assert bad.status_code == 400 and "result" in bad.json()["erreurs"]
    assert api.get(SITTINGS, {"annee": 2024}).status_code == 400


@pytest.mark.parametrize("url", [DELIBERATIONS, SITTINGS])
def test_an_app_scoped_token_for_another_domain_is_refused(db, api_for, staff, url):
    assert api_for(staff, app_scope="calls").get(url).status_code == 403
