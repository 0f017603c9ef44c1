"""The activity report for 2023, generated from the source data and read back as Word and PDF."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from ouverture.accounts.services import system_user
from ouverture.agreements import seed_2023
from ouverture.coaching import services as coaching
from ouverture.coaching.enums import Channel
from ouverture.coaching.models import FollowUp
from ouverture.core.formats import format_date
from ouverture.documents import services
from ouverture.documents.models import Generation, NarrativeSection
from ouverture.documents.wording import plural

pytestmark = pytest.mark.django_db


def _docx_text(data):
    document = WordDocument(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return document, paragraphs, tables


def _table(tables, first_header):
    return [t for t in tables if t[0][0] == first_header]


def test_the_2023_report_holds_the_source_figures(agreement_2023, tmp_path, seed_figures):
    docx_path, pdf_path = tmp_path / "bilan.docx", tmp_path / "bilan.pdf"
    for path, fmt in ((docx_path, "docx"), (pdf_path, "pdf")):
        call_command(
            "documents", "generate", "activity-report", "--agreement", "cd62-lianes-2023",
            "--format", fmt, "--output", str(path), stdout=io.StringIO(),
        )  # fmt: skip
    document, paragraphs, tables = _docx_text(docx_path.read_bytes())
    text = "\n".join(paragraphs)

    assert document.sections[0].header.paragraphs[0].text == (
        "Lianes Coopération 2023 – Bilan d'activités Pas-de-Calais"
    )
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
    assert 'TOC \\o "1-3"' in document.element.xml and "NUMPAGES" in (
        document.sections[0].footer._element.xml
    )
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)

    # The coaching recap: 17 rows, totals 43 sessions / 49 h; the 18 h of review apart.
    (coaching_table,) = _table(tables, "Nom de l'organisation")
    coaching_2023 = seed_figures["coaching_2023"]
    assert len(coaching_table) == 1 + coaching_2023["organisations"] + 1
    assert coaching_table[-1][0] == "Total : 17 structures"
    assert coaching_table[-1][3:] == ["43", "49h"]
    assert {row[0] for row in coaching_table[1:-1]} == {r[0] for r in coaching_2023["rows"]}
    assert "Relecture et annotation des dossiers, comptée à part : 18 h." in text
    assert "17 structures, 43 sessions, 49 h" in text

    # Both workshops: registrations / excused / walk-ins / participants / structures.
    for workshop in seed_figures["workshops_2023"]:
        for label, key in (
            ("Inscrits", "registered"), ("Excusés", "excused"),
            ("Venus sans inscription", "walk_ins"), ("Participants", "participants"),
            ("Structures présentes", "structures"),
        ):  # fmt: skip
            assert f"{label} : {workshop[key]} " in text, (workshop["title"], label)
    structure_tables = _table(tables, "Nom de la structure")
    assert [len(t) - 2 for t in structure_tables] == [8, 7]  # header and totals aside
    assert structure_tables[0][0][1:] == ["Ville", "Type de projet", "Nombre de participant(s)"]
    assert "Taux de réponse : 5 réponses sur 13 participants" in text

    # Both trainings, each commitment with its unit, the annex.
    (trainings,) = _table(tables, "Date")
    holders = {t["holder"] for t in seed_figures["pre_departure_trainings_2023"]}
    assert (
        {row[1] for row in trainings[1:]}
        == holders
        == {"MALCO HDF", "Campus agro-environnemental 62"}
    )
    for line in (
        "Cible : 30 structures accompagnées ; réalisé : 17 structures accompagnées",
        "Cible : 2 temps collectifs ; réalisé : 2 temps collectifs — atteint.",
        "Cible : 2 journées de formation ; réalisé : 2 journées de formation — atteint.",
        "Cible : 1 enquête avec focus ; réalisé : 1 enquête avec focus — atteint.",
        "Engagement sans cible chiffrée ; réalisé : 4 rendez-vous.",
        "Engagement sans cible chiffrée ; réalisé : 1 événement.",
    ):
        assert line in text
    # Each commitment of the source, recalled with its target and unit.
    units = {label: unit for label, _t, unit, _c, _p in seed_2023.COMMITMENTS}
    for commitment in seed_figures["commitments_2023"]:
        unit = units[commitment["text"]]
        if commitment["target"] is None:
            assert f"{commitment['text']} : sans cible chiffrée ({unit})" in paragraphs
        else:
            target = commitment["target"]
            assert f"{commitment['text']} : {target} {plural(unit, target)}" in paragraphs
    assert "1 temps collectifs" not in text and " prévus" not in text

    # Activity 4: the survey campaign, its focus; Activity 5: the meetings; Activity 6: Festisol.
    survey = seed_figures["survey_2023"]
    flat = text.replace("\xa0", " ").replace("\u202f", " ")
    assert (
        f"Le questionnaire a été adressé à plus de {survey['invited_at_least']} associations ; "
        f"collecte de juin à octobre 2023 : {survey['answers']} réponses reçues, "
        f"{survey['kept']} réponses traitées après nettoyage des données, soit un taux de "
        f"réponse de {survey['rate_percent']} %."
    ) in flat
    assert f"{survey['interviews']} entretiens réalisés de septembre à novembre 2023." in text
    focus = survey["focus_pas_de_calais"]
    assert f"Associations interrogées : {focus['associations']} associations" in text
    assert (
        "Déjà candidates à un dispositif du Département : "
        f"{focus['already_applied_to_departement']} associations"
    ) in text
    assert f"(anciennement Imagine un Monde Meilleur) : {focus['applied_to_cmi62']} " in text
    dates = [format_date(dt.date.fromisoformat(d)) for d in seed_figures["funder_meetings_2023"]]
    assert (
        f"{len(dates)} rendez-vous avec l'équipe du financeur au cours de la période "
        f"({', '.join(dates[:-1])} et {dates[-1]})."
    ) in text
    for event in seed_figures["promotion_events_2023"]:
        day = format_date(dt.date.fromisoformat(event["date"]))
        assert f"{event['name']} — {day}" in paragraphs
        assert f"{event['place']}, organisé par {event['organiser']}." in text
    assert "Comité de jumelage de Fabus (Jumelages innovants)" in text
    # Each workshop's review in its chapter.
    first, second = text.split("Suivi et évaluation de projet — 10 novembre 2023")
    assert "Bilan du temps collectif" in first and "Bilan du temps collectif" in second
    for heading in ("Points positifs :", "Points négatifs :", "Axes d'amélioration :"):
        assert heading in first.split("Dépôt de projet — 2 mars 2023")[1]
    assert "Adaptations apportées :" in second
    assert "Annexe — D'où viennent les chiffres" in text
    assert "[[" not in text  # the editor's field syntax stays in the editor
    (annex,) = _table(tables, "Chiffre")
    sessions = next(row for row in annex if row[1] == "coaching.sessions")
    assert sessions[2:] == ["43 sessions", sessions[3], "43"]
    annexed = {row[1]: row for row in annex[1:]}
    for code, value, rows in (
        ("enquete1.answers", "103 réponses", "1"), ("enquete1.kept", "77 réponses", "1"),
        ("enquete1.rate", "19\xa0%", "1"), ("enquete1.interviews", "10 entretiens", "1"),
        ("rendez_vous", "4 rendez-vous", "4"), ("evenements", "1 événement", "1"),
        ("enquete1.focus.respondents", "16 associations", "1"),
    ):  # fmt: skip
        assert (annexed[code][2], annexed[code][4]) == (value, rows), code

    pdf = "\n".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    for expected in (
        "5 réponses sur 13", "43", "MALCO HDF", "Dépôt de projet", "18 h", "103 réponses",
        "77 réponses", "19 %", "27 juin 2023", "25 octobre 2023", "Festisol", "Points positifs",
        "sans cible chiffrée",
    ):  # fmt: skip
        assert expected in pdf.replace("\xa0", " ").replace("\u202f", " "), expected
    assert Generation.objects.filter(kind="activity-report", status="done").count() == 2


def test_a_narrative_section_inserts_a_live_figure_and_refuses_an_unknown_one(
    agreement_2023, staff
):
    services.save_narrative(
        "activity-report", agreement_2023, "introduction",
        "En 2023 nous avons tenu [[coaching.sessions]] auprès de {{ coaching.organisations }}.",
        actor=staff,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="« coaching.sessionz »"):
        services.save_narrative(
            "activity-report", agreement_2023, "conclusion", "Soit [[coaching.sessionz]].",
            actor=staff,
        )  # fmt: skip
    assert not NarrativeSection.objects.filter(key="conclusion").exists()
    html = bytes(
        services.generate_now("activity-report", agreement_2023, "html", actor=staff).content
    ).decode()
    assert 'En 2023 nous avons tenu <a class="figure"' in html
    assert 'data-figure="coaching.sessions">43 sessions</a> auprès de' in html
    docx = services.generate_now("activity-report", agreement_2023, "docx", actor=staff)
    _, paragraphs, _ = _docx_text(bytes(docx.content))
    assert "En 2023 nous avons tenu 43 sessions auprès de 17 structures." in paragraphs
    section = NarrativeSection.objects.get(key="introduction")
    assert section.history.first().history_user == staff


def test_versions_keep_their_figures_and_say_which_changed(agreement_2023, staff):
    # The recap as a table document: hours are number cells Excel can sum.
    recap = services.generate_now("coaching-recap", agreement_2023, "xlsx", actor=staff)
    sheet = load_workbook(io.BytesIO(bytes(recap.content))).active
    assert (sheet["D19"].value, sheet["E19"].value) == (43, 49.0)
    assert sheet["E19"].number_format == '#,##0.00" h"'
    first = services.generate_now("activity-report", agreement_2023, "html", actor=staff)
    follow_up = FollowUp.objects.filter(kind="coaching").first()
    coaching.log_interaction(
        follow_up, actor=system_user(), date=dt.date(2023, 12, 1), channel=Channel.PHONE,
        duration_minutes=60,
    )  # fmt: skip
    second = services.generate_now("activity-report", agreement_2023, "html", actor=staff)
    assert first.figures["coaching.sessions"]["value"] == "43"
    assert second.figures["coaching.sessions"]["value"] == "44"
    changes = services.changed_figures(first, second)
    assert "Sessions d'accompagnement : 43 → 44" in changes
    assert "Heures d'accompagnement : 49 → 50" in changes
    assert not any(c.startswith("Structures accompagnées") for c in changes)


def test_the_records_figures_link_to_their_rows(agreement_2023, client_for, coordinator):
    """In the HTML preview each figure of the survey, meetings and promotion chapters links to
    the page of the rows behind it, and each row to its record's page."""
    from django.urls import reverse

    from ouverture.liaison.models import FunderMeeting

    staff = client_for(coordinator)
    pk = agreement_2023.pk
    html = staff.get(reverse("documents:preview", args=["activity-report", pk])).content.decode()
    for code in ("enquete1.kept", "enquete1.rate", "rendez_vous", "evenements"):
        url = reverse("documents:figure_rows", args=["activity-report", pk, code])
        assert f'href="{url}"' in html, code
    rows = staff.get(reverse("documents:figure_rows", args=["activity-report", pk, "rendez_vous"]))
    page = rows.content.decode()
    assert "4 lignes derrière ce chiffre" in page
    for meeting in FunderMeeting.objects.filter(date__year=2023):
        assert reverse("liaison:meeting", args=[meeting.pk]) in page
    assert (
        staff.get(reverse("documents:figure_rows", args=["activity-report", pk, "evenements"]))
        .content.decode()
        .count("Festisol")
        >= 1
    )


def _report_queries(agreement, fmt):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ouverture.documents.activity_report import ActivityReport
    from ouverture.documents.render import generate

    with CaptureQueriesContext(connection) as queries:
        generate(ActivityReport(agreement), fmt)
    return len(queries.captured_queries)


def test_the_report_costs_the_same_queries_whatever_the_volume(agreement_2023):
    """National volumes change the rows, never the number of queries: the same report with 5
    and with 60 more coached organisations (each with a follow-up, a meeting and an e-mail)."""
    from tests.coaching.factories import contact, follow_up_for

    def add(n):
        for i in range(n):
            follow_up = follow_up_for()
            contact(follow_up, date=dt.date(2023, 5, 1 + i % 28))
            contact(follow_up, date=dt.date(2023, 6, 1 + i % 28), channel="email")

    add(5)
    _report_queries(agreement_2023, "html")  # once, so per-process caches are warm
    small = {fmt: _report_queries(agreement_2023, fmt) for fmt in ("html", "docx")}
    add(55)
    big = {fmt: _report_queries(agreement_2023, fmt) for fmt in ("html", "docx")}
    assert big == small


def test_a_long_coaching_table_is_cut_with_a_note_and_totals_over_all(
    agreement_2023, monkeypatch, seed_figures
):
    from ouverture.documents import chapters
    from ouverture.documents.activity_report import ActivityReport
    from ouverture.documents.render import generate

    monkeypatch.setattr(chapters, "TABLE_ROWS_LIMIT", 5)
    content, figures = generate(ActivityReport(agreement_2023), "docx")
    _document, paragraphs, tables = _docx_text(content)
    (coaching_table,) = _table(tables, "Nom de l'organisation")
    assert len(coaching_table) == 1 + 5 + 1  # header, 5 structures, totals
    expected = seed_figures["coaching_2023"]
    assert coaching_table[-1][0] == "Total" or "Total" in coaching_table[-1][0]
    assert str(expected["sessions"]) in coaching_table[-1]
    assert any(
        f"Les 5 premières structures sur {expected['organisations']}" in p for p in paragraphs
    )
    assert figures["coaching.organisations"].value == expected["organisations"]
