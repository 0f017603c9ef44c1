"""API : une page de la liste des structures, à côté de la requête SQL nue de la même page.

On the national set of bench.coaching (20 000 organisations), GET /api/v1/structures/ with
network staff's token — a page in the middle of the list (page 200 of 50) and the first page of 500 —
through the whole stack (middleware, token look-up and its use recorded, TokenScope and the
rules permission, throttle, filters, serialization, ETag), alternated over the rounds with
its floor: the bare SQL of the same page (count, the rows with their commune, their project
types) through a cursor. Goal: within 3×.
"""

from bench.coaching import generate_national

GOAL = 3.0


def _floor(page, size):
    from django.db import connection

    from ouverture.geo.models import Commune
    from ouverture.organisations.models import Organisation

    organisations, communes = Organisation._meta.db_table, Commune._meta.db_table
    through = Organisation.project_types.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {organisations}")
        cursor.fetchone()
        cursor.execute(
            f"SELECT o.id, o.name, o.usual_name, o.legal_kind, o.siret, o.address, "
            f"o.postal_code, c.code, c.name, o.email, o.phone, o.website, o.annual_budget, "
            f"o.created_at, o.updated_at FROM {organisations} o "
            f"LEFT JOIN {communes} c ON c.id = o.commune_id "
            "ORDER BY o.search_name, o.id LIMIT %s OFFSET %s",
            [size, (page - 1) * size],
        )
        rows = cursor.fetchall()
        ids = [row[0] for row in rows]
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(
            f"SELECT organisation_id, projecttype_id FROM {through} "
            f"WHERE organisation_id IN ({marks})",
            ids,
        )
        cursor.fetchall()
    return rows


def run(report):
    import logging

    from django.test import Client

    from ouverture.accounts.models import User
    from ouverture.accounts.services import system_user
    from ouverture.api.models import ApiToken
    from ouverture.api.services import create_token

    generate_national()
    logging.getLogger("django.request").setLevel(logging.ERROR)
    logging.getLogger("ouverture.api").setLevel(logging.WARNING)  # one line per request
    staff = User.objects.get(username="bench-staff")
    ApiToken.objects.filter(user=staff, name="bench").delete()
    _token, key = create_token(staff, name="bench", actor=system_user())
    client = Client(SERVER_NAME="localhost", HTTP_AUTHORIZATION=f"Bearer {key}")
    from ouverture.api.conventions import TokenRateThrottle

    TokenRateThrottle.rate = "1000000/minute"  # the bench measures, it is not throttled
    from ouverture.organisations.models import Organisation

    middle = max(1, Organisation.objects.count() // 50 // 2)
    for page, size in ((middle, 50), (1, 500)):
        url = f"/api/v1/structures/?page={page}&page_size={size}"
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        count = len(response.json()["resultats"])
        report.compare(
            f"API {url} ({count} structures)",
            lambda url=url: client.get(url),
            lambda page=page, size=size: _floor(page, size),
            floor_name="SQL nu",
            goal=GOAL,
        )
