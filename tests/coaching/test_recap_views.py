"""The recap page: figures, filters, exports, and a cost that does not grow with the network."""

import datetime as dt
import io
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ouverture.coaching.models import FollowUp, Interaction
from ouverture.organisations.models import Organisation
from tests.coaching.factories import contact, follow_up_for
from tests.organisations.factories import OrganisationFactory
from tests.utils import text


def test_recap_page_shows_the_document_table_for_2023(client_for, staff, source_data):
    response = client_for(staff).get(reverse("coaching:recap"), {"year": 2023})
    body = text(response)
    assert "Tantely Soa Coopération internationale Tél, mails, présentiel 4 5h" in body
    assert "Total : 17 structures 43 49h" in body
    assert "comptée à part : 18h" in body


def test_recap_defaults_to_the_year_of_the_latest_contact(client_for, staff):
    follow_up = follow_up_for()
    contact(follow_up, date=dt.date(2022, 5, 1))
    response = client_for(staff).get(reverse("coaching:recap"))
    assert response.context["builder"].period_text() == "2022"


def test_recap_filters_and_bad_periods(client_for, staff):
    coop = follow_up_for(OrganisationFactory(name="Coop"), project_types=["cooperation"])
    contact(coop, date=dt.date(2023, 3, 1), minutes=30)
    contact(coop, date=dt.date(2023, 9, 1), minutes=45)
    client = client_for(staff)
    response = client.get(reverse("coaching:recap"), {"start": "2023-06-01", "end": "2023-12-31"})
    assert "Total : 1 structure 1 45 min" in text(response)
    response = client.get(reverse("coaching:recap"), {"year": 2023, "project_type": "twinning"})
    assert "Aucun contact sur la période" in text(response)
    response = client.get(reverse("coaching:recap"), {"start": "2023-12-31", "end": "2023-01-01"})
    assert "La date de début est après la date de fin" in text(response)
    response = client.get(reverse("coaching:recap"), {"year": "2023"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert "Total : 1 structure 2 1h15" in text(response)


def test_exports_xlsx_csv_json(client_for, staff):
    follow_up = follow_up_for(OrganisationFactory(name="Misola"), project_types=["cooperation"])
    contact(follow_up, minutes=60)
    contact(follow_up, date=dt.date(2023, 4, 1), channel="email")
    contact(follow_up, date=dt.date(2023, 5, 1), minutes=60)
    client = client_for(staff)
    url = reverse("coaching:recap")

    response = client.get(url, {"year": 2023, "export": "xlsx"})
    assert response["Content-Disposition"] == (
        'attachment; filename="accompagnements-20230101-20231231.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == [
        "Nom de l'organisation",
        "Type de projet",
        "Type d'accompagnement",
        "Nombre de session d'accompagnement",
        "Nombre d'heures au total",
    ]
    assert [c.value for c in sheet[2]] == [
        "Misola",
        "Coopération internationale",
        "Tél, mails",
        2,
        2,
    ]
    assert '" h"' in sheet["E2"].number_format  # hours: a number Excel can sum, shown "2,00 h"
    assert sheet["A3"].value == "Total : 1 structure"

    response = client.get(url, {"year": 2023, "export": "csv"})
    assert response.content.startswith("\ufeff".encode())
    assert "Misola;Coopération internationale;Tél, mails;2;2h" in response.content.decode(
        "utf-8-sig"
    )

    response = client.get(url, {"year": 2023, "export": "json"})
    assert json.loads(response.content) == {
        "rows": [
            {
                "organisation": "Misola",
                "project_types": ["cooperation"],
                "channels": ["phone", "email"],
                "sessions": 2,
                "hours": "2.0",
            }
        ],
        "totals": {"organisations": 1, "sessions": 2, "hours": "2.0"},
    }


def _create_many(n, start_index):
    """n organisations, each with a follow-up and three contacts in 2023 (bulk: setup only)."""
    from ouverture.organisations.models import ProjectType

    types = list(ProjectType.objects.all())
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"S{i:05d}", legal_kind="association")  # keys filled by bulk_create
        for i in range(start_index, start_index + n)
    )
    follow_ups = FollowUp.objects.bulk_create(
        FollowUp(organisation=o, opened_on=dt.date(2023, 1, 2)) for o in organisations
    )
    FollowUp.project_types.through.objects.bulk_create(
        FollowUp.project_types.through(followup_id=f.pk, projecttype_id=types[i % 3].pk)
        for i, f in enumerate(follow_ups)
    )
    Interaction.objects.bulk_create(
        Interaction(follow_up=f, date=dt.date(2023, 1 + k, 3), channel=channel, duration_minutes=m)
        for f in follow_ups
        for k, (channel, m) in enumerate([("phone", 60), ("email", None), ("video", 45)])
    )


def test_recap_costs_the_same_queries_whatever_the_size(client_for, staff):
    client = client_for(staff)
    counts = []
    for n, start in ((10, 0), (990, 10)):
        _create_many(n, start)
        for params in ({"year": 2023}, {"year": 2023, "project_type": "cooperation"}):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse("coaching:recap"), params)
            assert response.status_code == 200
            counts.append(len(queries))
    assert Organisation.objects.count() == 1000
    # One in three follow-ups is cooperation: 3 of the first 10, 330 of the next 990.
    assert response.context["recap"].organisations == 333
    assert counts[:2] == counts[2:], counts


def test_recap_exports_cost_the_same_queries_whatever_the_size(client_for, staff):
    client = client_for(staff)
    counts = []
    for n, start in ((10, 0), (990, 10)):
        _create_many(n, start)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("coaching:recap"), {"year": 2023, "export": "xlsx"})
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_page_shows_a_hundred_rows_and_totals_over_the_whole_period(client_for, staff):
    _create_many(250, 0)
    client = client_for(staff)
    url = reverse("coaching:recap")
    first = client.get(url, {"year": 2023})
    names = [row.organisation for row in first.context["page"]]
    assert names == [f"S{i:05d}" for i in range(100)]
    body = text(first)
    assert "Total : 250 structures 500 437h30" in body  # 250 × (1h + 45 min)
    assert "Structures 1 à 100 sur 250 (page 1 sur 3)" in body
    html = first.content.decode()
    assert f"{url}?year=2023&amp;page=2" in html
    assert "S00100" not in html

    last = client.get(url, {"year": 2023, "page": 3}, HTTP_HX_REQUEST="true")
    assert "<html" not in last.content.decode()  # the results partial, for htmx
    assert "S00249" in text(last) and "S00199" not in text(last)
    assert "Structures 201 à 250 sur 250 (page 3 sur 3)" in text(last)
    assert "Total : 250 structures 500 437h30" in text(last)
    assert client.get(url, {"year": 2023, "page": "x"}).context["page"].number == 1

    # The filters stay in the page links; the exports give every row whatever the page.
    filtered = client.get(url, {"year": 2023, "project_type": "cooperation"})
    assert "page=" not in filtered.content.decode()  # a third of the rows: one page
    response = client.get(url, {"year": 2023, "page": 2, "export": "json"})
    assert len(json.loads(response.content)["rows"]) == 250
    assert "year=2023&amp;export=csv" in html
    csv_lines = client.get(url, {"year": 2023, "page": 2, "export": "csv"}).content.decode(
        "utf-8-sig"
    )
    assert "S00000;" in csv_lines and "S00249;" in csv_lines


def test_the_year_field_shows_the_year_the_table_shows(client_for, staff, source_data):
    """Without a filter the table shows the latest year with contacts: the empty field says so."""
    page = client_for(staff).get(reverse("coaching:recap")).content.decode()
    assert 'name="year" value="" placeholder="2023"' in page
    assert "Période : 2023" in text(client_for(staff).get(reverse("coaching:recap")))
