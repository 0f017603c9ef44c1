"""Organisations through the API: the screen's scope, rules and filters."""

import pytest

from ouverture.accounts.enums import Role
from tests.organisations.factories import OrganisationFactory

LIST = "/api/v1/structures/"


@pytest.fixture
def two_holders(make_user, db):
    a = OrganisationFactory(name="Alpha Échanges")
    b = OrganisationFactory(name="Bêta Solidarité", twinning=True)
    return a, b, make_user(Role.PROJECT_HOLDER, organisation=a)


def test_a_holder_sees_its_own_organisation_only(api_for, two_holders):
    a, b, holder = two_holders
    api = api_for(holder)
    body = api.get(LIST).json()
    assert [row["name"] for row in body["resultats"]] == ["Alpha Échanges"]
    assert api.get(f"{LIST}{a.pk}/").status_code == 200
    other = api.get(f"{LIST}{b.pk}/")
    assert other.status_code == 404
    assert "Bêta" not in other.content.decode()
    assert "périmètre" in other.json()["message"]


def test_institutional_users_see_every_organisation(api_for, two_holders, funder_officer):
    body = api_for(funder_officer).get(LIST).json()
    assert body["nombre"] == 2


def test_the_list_screen_s_filters(api_for, two_holders, staff):
    api = api_for(staff)
    names = lambda params: [r["name"] for r in api.get(LIST, params).json()["resultats"]]  # noqa: E731
    assert names({"project_type": "twinning"}) == ["Bêta Solidarité"]
    assert names({"q": "alpha"}) == ["Alpha Échanges"]
    assert names({"commune": "62041"}) == ["Alpha Échanges", "Bêta Solidarité"]
    assert names({"commune": "59350"}) == []


def test_the_detail_s_fields(api_for, two_holders, staff):
    a, _b, _holder = two_holders
    row = api_for(staff).get(f"{LIST}{a.pk}/").json()
    assert row["commune"]["code"] == "62041"
    assert row["project_types"] == ["youth_mobility"]
    assert "notes" not in row  # the network's own notes never leave the screens


def test_same_query_count_whatever_the_page_size(api_for, staff, db, django_assert_num_queries):
    for n in range(12):
        OrganisationFactory(name=f"Structure {n}", twinning=n % 2 == 0)
    api = api_for(staff)
    api.get(LIST)  # warm: the content types, the token
    counts = []
    for size in (2, 12):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert len(api.get(LIST, {"page_size": size}).json()["resultats"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_num_queries(counts[0]):
        api.get(LIST, {"page_size": 5})


def test_the_list_s_fast_path_gives_the_serializer_s_rows(api_for, staff, db):
    """The list builds its rows from values_list (no model instance per row): each row is
    exactly what the serializer gives for the record (the detail's shape)."""
    from decimal import Decimal

    from ouverture.api.organisations import OrganisationSerializer, OrganisationViewSet

    OrganisationFactory(
        name="Gamma",
        usual_name="G",
        commune=None,
        annual_budget=Decimal("9879.5"),
        project_types=("twinning", "youth_mobility", "cooperation"),
        email="a@example.org",
    )
    OrganisationFactory(name="Delta", project_types=())
    OrganisationFactory(name="Alpha")
    rows = api_for(staff).get(LIST).json()["resultats"]
    expected = OrganisationSerializer(
        OrganisationViewSet().base_queryset().order_by("search_name", "pk"), many=True
    ).data
    assert rows == json_roundtrip(expected)
    gamma = next(row for row in rows if row["name"] == "Gamma")
    assert gamma["commune"] is None and gamma["annual_budget"] == "9879.50"
    assert gamma["display_name"] == "G" and len(gamma["project_types"]) == 3


def json_roundtrip(data):
    import json

    from rest_framework.renderers import JSONRenderer

    return json.loads(JSONRenderer().render(data))
