"""Import of a coaching table: the document's shape, every error with its line and column."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from ouverture.coaching.importing import (
    apply_plan,
    layout_contacts,
    read_coaching_table,
    split_minutes,
)
from ouverture.coaching.models import FollowUp, Interaction
from ouverture.coaching.recap import CoachingRecap
from ouverture.core.tabular import FileRejected
from ouverture.organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory
from tests.utils import text

HEADER = (
    "Nom de l'organisation;Type de projet;Type d'accompagnement;"
    "Nombre de session d'accompagnement;Nombre d'heures au total"
)


def _csv(*lines, header=HEADER):
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


@pytest.fixture
def known(db):
    OrganisationFactory(name="Association Tantely Soa Madagascar", usual_name="Tantely Soa")
    OrganisationFactory(name="Misola")
    OrganisationFactory(name="Comité de jumelage Brebières")


@pytest.mark.parametrize(
    "hours,minutes",
    [("3h30", 210), ("2h", 120), ("2", 120), ("1h45", 105), ("90 min", 90)],
)
def test_reads_the_document_durations(known, hours, minutes):
    plan = read_coaching_table(
        _csv(f"Misola;Coopération internationale;Tél;1;{hours}"), "t.csv", year=2023
    )
    assert plan.ok, plan.issues
    assert plan.rows[0].minutes == minutes


def test_reads_channels_types_and_names_like_the_document(known):
    plan = read_coaching_table(
        _csv(
            "Tantely Soa;Coopération internationale/mobilité;Tél, mails, visio, présentiel;4;5h",
            "comite de jumelage brebieres;Jumelage;Tél, mails;4;3h30",
        ),
        "t.csv",
        year=2023,
    )
    assert plan.ok, plan.issues
    first, second = plan.rows
    assert first.organisation.name == "Association Tantely Soa Madagascar"
    assert first.project_types == ["youth_mobility", "cooperation"]
    assert first.channels == ["phone", "email", "video", "in_person"]
    assert second.organisation.name == "Comité de jumelage Brebières"


def test_every_error_is_listed_with_line_and_column(known):
    plan = read_coaching_table(
        _csv(
            "Misola;Coopération;fax;1;-1h",
            "Tantely Soa;Coopération;Tél;1;25h30",
            "Misola;Coopération;Tél;2;abc",
            "Inconnue au bataillon;Jumelage;Tél;1;1h",
            "Misola;Solidarité;Mails;3;1h",
            "Misola;Coopération internationale;Tél;1;1h",
        ),
        "t.csv",
        year=2023,
    )
    messages = [str(i) for i in plan.issues]
    assert messages == [
        "ligne 2, colonne « Type d'accompagnement » (C) : Canal « fax » inconnu : écrivez « Tél », "
        "« mails », « visio » ou « présentiel », séparés par des virgules.",
        "ligne 2, colonne « Nombre d'heures au total » (E) : Durée « -1h » : elle doit être positive.",
        "ligne 3, colonne « Nombre d'heures au total » (E) : Durée « 25h30 » : plus de 24h, "
        "ce n'est pas une durée de rendez-vous.",
        "ligne 4, colonne « Nombre d'heures au total » (E) : Durée « abc » illisible : écrivez "
        "par exemple « 3h30 », « 2h », « 2 » ou « 90 min ».",
        "ligne 5, colonne « Nom de l'organisation » (A) : Structure « Inconnue au bataillon » "
        "inconnue : créez-la d'abord, ou demandez la création des structures inconnues (case à "
        "cocher, ou --create-organisations).",
        "ligne 6, colonne « Type de projet » (B) : Type de projet « Solidarité » inconnu : "
        "coopération internationale, mobilité jeunesse ou jumelage.",
        "ligne 6, colonne « Nombre de session d'accompagnement » (D) : 3 sessions mais aucun "
        "canal de rendez-vous (Tél, visio, présentiel) : les mails ne comptent pas comme des "
        "sessions.",
    ]
    assert plan.rows and not plan.ok  # some rows were fine: still nothing may be written
    with pytest.raises(ValueError):
        apply_plan(plan, actor=None)
    assert not FollowUp.objects.exists()


def test_future_date_column_is_refused(known):
    future = (dt.date.today() + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    plan = read_coaching_table(
        _csv(f"Misola;Coopération;Tél;1;1h;{future}", header=HEADER + ";Date"), "t.csv"
    )
    assert [i.column for i in plan.issues] == ["« Date » (F)"]
    assert "dans le futur" in plan.issues[0].message


def test_latin1_semicolon_file_is_refused_unless_the_encoding_is_chosen(known):
    content = (
        _csv("Misola;Coopération internationale;Tél, présentiel;2;2h").decode().encode("cp1252")
    )
    with pytest.raises(FileRejected, match="pas en UTF-8.*Windows-1252"):
        read_coaching_table(content, "t.csv", year=2023)
    plan = read_coaching_table(content, "t.csv", year=2023, encoding="cp1252")
    assert plan.ok and plan.rows[0].channels == ["phone", "in_person"]


def test_empty_file_and_missing_columns_are_refused(known):
    with pytest.raises(FileRejected, match="vide"):
        read_coaching_table(b"", "t.csv", year=2023)
    with pytest.raises(FileRejected, match="Colonnes introuvables"):
        read_coaching_table(b"Nom;Heures\nMisola;2h\n", "t.csv", year=2023)
    with pytest.raises(FileRejected, match="indiquez l'année"):
        read_coaching_table(_csv("Misola;Coopération;Tél;1;1h"), "t.csv")


def _xlsx(rows, merge=None):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_merged_header_cells_is_refused(known):
    content = _xlsx([HEADER.split(";"), ["Misola", "Coopération", "Tél", 1, "1h"]], merge="A1:B1")
    with pytest.raises(FileRejected, match="Cellules d'en-tête fusionnées"):
        read_coaching_table(content, "t.xlsx", year=2023)


def test_xlsx_and_tsv_are_read(known):
    content = _xlsx([HEADER.split(";"), ["Misola", "Coopération", "Tél", 2, 2]])
    plan = read_coaching_table(content, "t.xlsx", year=2023)
    assert plan.ok and (plan.rows[0].sessions, plan.rows[0].minutes) == (2, 120)
    tsv = _csv("Misola\tJumelage\tVisio\t1\t45 min", header=HEADER.replace(";", "\t"))
    plan = read_coaching_table(tsv, "t.tsv", year=2023)
    assert plan.ok and plan.rows[0].channels == ["video"]


def test_unknown_organisations_created_only_when_asked(known, actor):
    content = _csv("Nouvelle structure;Jumelage;Tél, mails;2;1h30")
    assert not read_coaching_table(content, "t.csv", year=2023).ok
    plan = read_coaching_table(content, "t.csv", year=2023, create_organisations=True)
    assert plan.organisations_to_create == ["Nouvelle structure"]
    apply_plan(plan, actor=actor)
    organisation = Organisation.objects.get(name="Nouvelle structure")
    assert list(organisation.project_types.values_list("code", flat=True)) == ["twinning"]
    (row,) = CoachingRecap.for_year(2023).build().rows
    assert (row.organisation, row.sessions, row.minutes, row.channels) == (
        "Nouvelle structure",
        2,
        90,
        ("phone", "email"),
    )


def test_layout_of_a_row():
    assert split_minutes(210, 4) == [60, 60, 45, 45]
    assert split_minutes(120, 1) == [120]
    contacts = layout_contacts(
        ["phone", "email", "video"],
        3,
        210,
        window=(dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    )
    assert [(c.channel, c.minutes) for c in contacts] == [
        ("email", None),
        ("phone", 75),
        ("video", 75),
        ("phone", 60),
    ]
    dates = [c.date for c in contacts]
    assert dates == sorted(dates) and dates[0].year == dates[-1].year == 2023
    last = layout_contacts(["in_person"], 2, 120, last_date=dt.date(2023, 1, 5))
    assert [c.date for c in last] == [dt.date(2023, 1, 1), dt.date(2023, 1, 5)]


def test_totals_row_of_an_exported_recap_is_skipped(known):
    plan = read_coaching_table(
        _csv("Misola;Coopération internationale;Tél;1;1h", "Total : 1 structure;;;1;1h"),
        "t.csv",
        year=2023,
    )
    assert plan.ok and len(plan.rows) == 1


# The upload screen ----------------------------------------------------------


def _upload(client, content, name="tableau.csv", **data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    payload = {"year": "2023", "encoding": "utf-8", "action": "preview", **data}
    payload["file"] = SimpleUploadedFile(name, content)
    return client.post(reverse("coaching:import"), payload)


def test_upload_previews_then_confirms(client_for, staff, known):
    client = client_for(staff)
    response = _upload(client, _csv("Misola;Coopération internationale;Tél, mails;2;2h"))
    body = text(response)
    assert "Aperçu — rien n'est encore écrit" in body
    assert "1 ligne : 1 suivi, 2 sessions, 1 échange de mails, 2h au total." in body
    assert not Interaction.objects.exists()
    response = client.post(reverse("coaching:import"), {"action": "confirm"})
    assert response.status_code == 302
    assert response.url == reverse("coaching:recap") + "?year=2023"
    assert Interaction.objects.count() == 3
    assert FollowUp.objects.get().history.first().history_user == staff
    # The pending file is gone: confirming twice imports nothing more.
    client.post(reverse("coaching:import"), {"action": "confirm"})
    assert Interaction.objects.count() == 3


def test_upload_lists_errors_and_writes_nothing(client_for, staff, known):
    client = client_for(staff)
    response = _upload(client, _csv("Misola;Coopération;fax;1;25h30", "Inconnue;Jumelage;Tél;1;1h"))
    body = text(response)
    assert "3 erreurs, rien n'a été importé" in body
    assert "ligne 2, colonne « Type d'accompagnement » (C) : Canal « fax » inconnu" in body
    assert (
        "ligne 3, colonne « Nom de l'organisation » (A) : Structure « Inconnue » inconnue" in body
    )
    assert "Confirmer l'import" not in body
    client.post(reverse("coaching:import"), {"action": "confirm"})
    assert not FollowUp.objects.exists()


def test_upload_refuses_latin1_unless_chosen_and_empty_files(client_for, staff, known):
    client = client_for(staff)
    latin1 = _csv("Misola;Coopération internationale;Présentiel;1;1h").decode().encode("cp1252")
    body = text(_upload(client, latin1))
    assert "tableau.csv refusé, rien n'a été importé" in body
    assert "Windows-1252" in body
    body = text(_upload(client, latin1, encoding="cp1252"))
    assert "Aperçu" in body
    body = text(_upload(client, b"   \n"))
    assert "Le fichier est vide" in body
    assert not FollowUp.objects.exists()


def test_upload_refuses_a_future_year(client_for, staff, known):
    body = text(
        _upload(
            client_for(staff), _csv("Misola;Jumelage;Tél;1;1h"), year=str(dt.date.today().year + 1)
        )
    )
    assert "n'a pas commencé" in body


# Above the threshold: a background task ---------------------------------------


def test_a_large_import_runs_as_a_task_and_shows_the_same_report(
    client_for, staff, coordinator, known, settings, django_capture_on_commit_callbacks
):
    from ouverture.core.models import ImportJob

    settings.OUVERTURE_IMPORT_TASK_ROWS = 2
    client = client_for(staff)
    lines = ["Misola;Coopération internationale;Tél, mails;2;2h", "Tantely Soa;Jumelage;Visio;1;1h"]
    _upload(
        client, _csv(*lines, "Nouvelle structure;Jumelage;Tél;1;30 min"), create_organisations="on"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("coaching:import"), {"action": "confirm"})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("coaching:import_job", args=[job.pk])
    assert job.status == "done" and job.created_by == staff and job.rows == 3
    assert Interaction.objects.count() == 5
    assert (
        FollowUp.objects.filter(organisation__name="Misola").get().history.first().history_user
        == staff
    )
    body = text(client.get(response.url))
    assert (
        "Import de tableau.csv terminé — 3 lignes : 3 suivis, 4 sessions, 1 échange de mails, "
        "3h30 au total ; 1 structure à créer." in body
    )
    # The partial the page polls, and nobody else's job.
    assert "terminé" in text(client.get(response.url, headers={"HX-Request": "true"}))
    # A job is seen by the person who launched it only.
    assert client_for(coordinator).get(response.url).status_code == 404


def test_below_the_threshold_the_import_stays_inline(client_for, staff, known, settings):
    from ouverture.core.models import ImportJob

    settings.OUVERTURE_IMPORT_TASK_ROWS = 2
    client = client_for(staff)
    _upload(
        client,
        _csv("Misola;Coopération internationale;Tél;1;1h", "Tantely Soa;Jumelage;Visio;1;1h"),
    )
    response = client.post(reverse("coaching:import"), {"action": "confirm"})
    assert response.url == reverse("coaching:recap") + "?year=2023"
    assert not ImportJob.objects.exists() and Interaction.objects.count() == 2


def test_a_failing_background_import_writes_nothing_and_shows_why(
    client_for, staff, known, settings, django_capture_on_commit_callbacks
):
    settings.OUVERTURE_IMPORT_TASK_ROWS = 1
    client = client_for(staff)
    _upload(
        client,
        _csv("Misola;Coopération internationale;Tél;1;1h", "Tantely Soa;Jumelage;Visio;1;1h"),
    )
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("coaching:import"), {"action": "confirm"})
    # The records change before the task runs: Misola is renamed.
    Organisation.objects.filter(name="Misola").update(name="Misola Sénégal")
    for callback in callbacks:
        callback()
    assert not FollowUp.objects.exists() and not Interaction.objects.exists()
    body = text(client.get(response.url))
    assert "tableau.csv : 1 erreur, rien n'a été importé." in body
    assert "ligne 2, colonne « Nom de l'organisation » (A) : Structure « Misola » inconnue" in body
