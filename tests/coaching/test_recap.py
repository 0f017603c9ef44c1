"""The recap: figures from the records, the source document's table for 2023."""

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from ouverture.coaching.recap import (
    CHANNEL_SETS,
    TYPE_SETS,
    CoachingRecap,
    Recap,
    RecapRow,
    channels_text,
)
from ouverture.core.formats import hours_decimal, parse_duration
from ouverture.core.tables import dumps, to_csv
from tests.coaching.factories import contact, follow_up_for
from tests.organisations.factories import OrganisationFactory


def test_recap_2023_equals_the_source_document(source_data, seed_figures):
    expected = seed_figures["coaching_2023"]
    builder = CoachingRecap.for_year(2023)
    recap = builder.build()
    data = json.loads(dumps(builder.as_json(recap)))
    assert data["totals"] == {
        "organisations": expected["organisations"],
        "sessions": expected["sessions"],
        "hours": expected["hours"],
    }
    rows = {row["organisation"]: row for row in data["rows"]}
    assert len(data["rows"]) == len(expected["rows"]) == len(rows)
    for name, types, channels, sessions, hours in expected["rows"]:
        row = rows[name]
        assert set(row["project_types"]) == set(types), name
        assert set(row["channels"]) == set(channels), name
        assert row["sessions"] == sessions, name
        assert row["hours"] == str(hours_decimal(parse_duration(hours))), name
    assert str(hours_decimal(recap.review_minutes)) == expected["document_review_hours"]


def test_the_source_data_loader_is_idempotent(source_data):
    from django.core.management import call_command

    before = CoachingRecap.for_year(2023).build()
    call_command("load_source_data", stdout=__import__("io").StringIO())
    after = CoachingRecap.for_year(2023).build()
    assert (after.sessions, after.minutes, after.review_minutes) == (
        before.sessions,
        before.minutes,
        before.review_minutes,
    )


def test_emails_are_contacts_not_sessions_and_count_their_time(db):
    organisation = OrganisationFactory(name="Avotra France")
    follow_up = follow_up_for(organisation)
    contact(follow_up, channel="phone", minutes=60)
    contact(follow_up, channel="email")  # no duration: counts 0
    contact(follow_up, channel="email", minutes=15)
    (row,) = CoachingRecap.for_year(2023).build().rows
    assert (row.sessions, row.minutes, row.channels) == (1, 75, ("phone", "email"))
    assert row.channels_text == "Tél, mails"


def test_period_and_filters(db, staff):
    coop = follow_up_for(OrganisationFactory(name="A"), project_types=["cooperation"])
    mobility = follow_up_for(
        OrganisationFactory(name="B"), project_types=["youth_mobility"], kind="advice"
    )
    contact(coop, date=dt.date(2023, 3, 1), minutes=90, staff=staff)
    contact(coop, date=dt.date(2024, 3, 1), minutes=30)
    contact(mobility, date=dt.date(2023, 6, 1), channel="video", minutes=45)

    def names(builder):
        return [(r.organisation, r.sessions, r.minutes) for r in builder.build().rows]

    assert names(CoachingRecap.for_year(2023)) == [("A", 1, 90), ("B", 1, 45)]
    assert names(CoachingRecap.for_year(2024)) == [("A", 1, 30)]
    assert names(CoachingRecap(dt.date(2023, 5, 1), dt.date(2024, 12, 31))) == [
        ("A", 1, 30),
        ("B", 1, 45),
    ]
    assert names(CoachingRecap.for_year(2023, project_type="cooperation")) == [("A", 1, 90)]
    assert names(CoachingRecap.for_year(2023, kind="advice")) == [("B", 1, 45)]
    assert names(CoachingRecap.for_year(2023, staff=staff)) == [("A", 1, 90)]


def test_row_shows_the_usual_name_and_all_project_types(db):
    organisation = OrganisationFactory(
        name="Association Tantely Soa Madagascar", usual_name="Tantely Soa"
    )
    follow_up = follow_up_for(organisation, project_types=["cooperation", "youth_mobility"])
    contact(follow_up, channel="in_person", minutes=150)
    (row,) = CoachingRecap.for_year(2023).build().rows
    assert row.organisation == "Tantely Soa"
    assert row.project_types == ("youth_mobility", "cooperation")
    assert row.project_types_text == "Mobilité jeunesse / Coopération internationale"


def test_channels_are_written_like_the_document():
    assert (
        channels_text(["phone", "email", "video", "in_person"]) == "Tél, mails, visio, présentiel"
    )
    assert channels_text(["email", "in_person"]) == "Mails, présentiel"


def test_csv_export_has_the_document_columns_and_totals(db):
    follow_up = follow_up_for(OrganisationFactory(name="Misola"))
    contact(follow_up, minutes=60)
    contact(follow_up, date=dt.date(2023, 4, 1), minutes=90)
    builder = CoachingRecap.for_year(2023)
    lines = to_csv(builder.table(builder.build())).decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Nom de l'organisation;Type de projet;Type d'accompagnement;"
        "Nombre de session d'accompagnement;Nombre d'heures au total"
    )
    assert lines[1] == "Misola;Mobilité jeunesse;Tél;2;2h30"
    assert lines[2] == "Total : 1 structure;;;2;2h30"


def test_hours_text_is_the_half_up_decimal_of_the_formats_kit():
    from ouverture.coaching.recap import hours_text

    assert hours_text(2940) == "49.0"
    assert all(hours_text(m) == str(hours_decimal(m)) for m in range(0, 6000))


def test_rows_sort_without_accents_or_case():
    from ouverture.core.text import sort_key

    names = ["Zèbre", "École des Arts", "Cœur", "avotra", "Élan"]
    assert sorted(names, key=sort_key) == ["avotra", "Cœur", "École des Arts", "Élan", "Zèbre"]


def test_the_database_merges_follow_ups_into_organisations(db):
    """One aggregate row per organisation (not per follow-up), its project types flagged in
    the same query: two queries in all (with the review time)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    organisation = OrganisationFactory(name="Deux suivis")
    first = follow_up_for(organisation, project_types=["twinning"])
    second = follow_up_for(organisation, kind="advice", project_types=["youth_mobility"])
    contact(first, channel="phone", minutes=60)
    contact(second, channel="email", minutes=None)
    contact(second, channel="video", minutes=30)
    contact(follow_up_for(OrganisationFactory(name="Autre")), channel="in_person", minutes=90)
    builder = CoachingRecap.for_year(2023)
    assert len(builder._rows(builder.by_organisation())) == 2
    assert len(builder._rows(builder.aggregate())) == 3  # per follow-up, kept for callers
    with CaptureQueriesContext(connection) as queries:
        recap = builder.build()
    assert len(queries) == 2
    row = next(r for r in recap.rows if r.organisation == "Deux suivis")
    assert row.channels == ("phone", "email", "video")
    assert set(row.project_types) == {"twinning", "youth_mobility"}
    assert (row.sessions, row.minutes) == (2, 90)


names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
codes = st.sampled_from(list(CHANNEL_SETS.values()))
types = st.sampled_from(list(TYPE_SETS.values()))


@given(
    st.lists(st.tuples(names, types, codes, st.integers(0, 500), st.integers(0, 10**6)), max_size=6)
)
def test_json_text_is_json_dumps_indented(rows):
    """The command's JSON text is exactly json.dumps(as_json(), ensure_ascii=False, indent=2)
    (core.tables.dumps' layout): quotes, backslashes, control characters, empty lists."""
    recap = Recap(
        dt.date(2023, 1, 1),
        dt.date(2023, 12, 31),
        rows=[RecapRow(i, *row) for i, row in enumerate(rows)],
    )
    expected = json.dumps(CoachingRecap.as_json(recap), ensure_ascii=False, indent=2)
    assert CoachingRecap.json_text(recap) == expected
