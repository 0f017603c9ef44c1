"""The coaching import on real files: bounds checked in the dry run as in the real run,
implausible dates, corrections reported (issue 9, finding 9)."""

import csv
import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ouverture.coaching import services
from ouverture.coaching.importing import apply_plan, read_coaching_table
from ouverture.coaching.models import FollowUp
from ouverture.core.formats import parse_duration
from ouverture.core.tabular import FileRejected
from ouverture.organisations.models import Organisation
from tests.coaching.factories import follow_up_for
from tests.coaching.test_importing import HEADER, _csv
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(db):
    OrganisationFactory(name="Misola")


def test_an_organisation_name_over_200_characters_is_refused_in_the_dry_run(actor):
    name = "A" * 201
    plan = read_coaching_table(
        _csv(f"{name};Jumelage;Tél;1;1h"), "t.csv", year=2023, create_organisations=True
    )
    assert not plan.ok
    [issue] = plan.issues
    assert str(issue).startswith(
        "ligne 2, colonne « Nom de l'organisation » (A) : Le nom compte 201"
    )
    assert "au plus 200" in str(issue)
    plan = read_coaching_table(
        _csv(f"{name[:200]};Jumelage;Tél;1;1h"), "t.csv", year=2023, create_organisations=True
    )
    assert plan.ok, plan.issues
    apply_plan(plan, actor=actor)  # what the dry run accepts, the real run writes
    assert Organisation.objects.filter(name=name[:200]).exists()


def test_a_contact_dated_1850_is_refused_with_the_bound(known):
    header = HEADER + ";Date"
    plan = read_coaching_table(_csv("Misola;Jumelage;Tél;1;1h;14/10/1850", header=header), "t.csv")
    [issue] = plan.issues
    assert "Le 14 octobre 1850 est antérieur au 1er janvier 2000 : vérifiez l'année." in str(issue)
    follow_up = follow_up_for()
    with pytest.raises(Exception, match="antérieur au 1er janvier 2000"):
        services.log_interaction(
            follow_up, actor=None, date=dt.date(1850, 10, 14), channel="phone", duration_minutes=60
        )
    assert FollowUp.objects.get(pk=follow_up.pk).interactions.count() == 0


def test_corrections_of_the_reader_are_shown(known):
    content = _csv("Mis\x00ola;Jumelage;Tél;1;1h").replace(b"\n", b"\r")
    plan = read_coaching_table(content, "t.csv", year=2023)
    assert plan.ok, plan.issues
    assert plan.rows[0].organisation.name == "Misola"
    assert plan.warnings == [
        "Caractères de contrôle invisibles (NUL, tabulation verticale…) supprimés, ligne 2."
    ]


def test_a_windows_1252_file_with_undefined_bytes_reads(known):
    content = _csv("Misola\x81;Jumelage;Tél;1;1h").decode().encode("cp1252", errors="ignore")
    content = content.replace(b"Misola", b"Misola\x81")
    plan = read_coaching_table(content, "t.csv", year=2023, encoding="cp1252")
    assert plan.ok, plan.issues
    assert "0x81" in plan.warnings[0]


@settings(
    deadline=None,
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.tuples(
            st.text(max_size=30), st.text(max_size=12), st.text(max_size=12),
            st.text(max_size=5), st.text(max_size=8),
        ),
        min_size=1, max_size=5,
    ),
    st.sampled_from(["\n", "\r\n", "\r"]),
)  # fmt: skip
def test_any_table_is_planned_or_refused_in_french(known, rows, newline):
    """The coaching reader never crashes: a plan (rows or issues with their line) or a
    FileRejected with a message."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator=newline, quoting=csv.QUOTE_ALL)
    writer.writerows([HEADER.split(";"), *rows])
    try:
        plan = read_coaching_table(buffer.getvalue().encode(), "t.csv", year=2023)
    except FileRejected as error:
        assert str(error)
        return
    assert plan.rows or plan.issues
    assert all(issue.message for issue in plan.issues)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=20))
def test_parse_duration_gives_minutes_or_a_french_message(raw):
    try:
        minutes = parse_duration(raw)
    except ValueError as error:
        assert str(error)
    else:
        assert 0 <= minutes <= 24 * 60


def test_the_upload_screen_refuses_a_file_over_the_size_limit_before_reading_it(
    client_for, staff, monkeypatch
):
    from ouverture.core import tabular
    from tests.coaching.test_importing import _upload

    monkeypatch.setattr(tabular, "MAX_BYTES", 100)
    response = _upload(client_for(staff), _csv(*["Misola;Jumelage;Tél;1;1h"] * 10))
    assert response.status_code == 200
    page = response.content.decode()
    assert "refusé, rien n'a été importé" in page and "au-delà de 100 : découpez-le." in page
