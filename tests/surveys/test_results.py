"""Counts, response rate, charts and exports, computed from the recorded answers."""

import csv
import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ouverture.accounts.services import system_user
from ouverture.core.tables import to_csv
from ouverture.surveys import services
from ouverture.surveys.models import Answer, Response
from ouverture.surveys.results import (
    ResponseRate,
    chart_images,
    questionnaire_results,
    response_rate,
    responses_table,
)
from tests.surveys.factories import VALID, answer, invitation, questionnaire
from tests.utils import text


def test_counts_per_choice_and_scale_and_free_texts(db):
    q = questionnaire()
    answer(q)
    answer(q, expectations=["network"], other_workshop="yes", which="Écriture", satisfaction="5")
    results = questionnaire_results(q)
    assert results.get("expectations").rows == [
        ("Les critères", 1), ("Le budget", 1), ("Le réseau", 1),
    ]  # fmt: skip
    assert results.get("other_workshop").rows == [("Oui", 1), ("Non", 1)]
    assert results.get("which").texts == ["Écriture"] and results.get("which").answered == 1
    assert [count for _, count in results.get("satisfaction").rows] == [0, 0, 0, 1, 1]
    assert results.get("participants").summary["total"] == Decimal("6")
    assert results.get("lessons").texts == ["La méthodologie", "La méthodologie"]


def test_the_rate_says_answers_out_of_people_invited():
    assert ResponseRate(responses=5, invited=13, answered=5).text("participants") == (
        "5 réponses sur 13 participants (38\u00a0%)"
    )
    assert ResponseRate(responses=1, invited=1, answered=1).text() == (
        "1 réponse sur 1 personne invitée (100\u00a0%)"
    )
    assert ResponseRate(responses=7, invited=13, answered=5).text("participants") == (
        "5 réponses sur 13 participants (38\u00a0%), et 2 autres réponses sans invitation"
    )
    assert ResponseRate(responses=5, invited=0, answered=0).text() == (
        "5 réponses (aucune invitation envoyée)"
    )
    assert ResponseRate(responses=5, invited=13, answered=5).percent * 13 == 500


def test_response_rate_counts_invitations_and_their_answers(db):
    q = questionnaire()
    links = [invitation(q, name=f"P{i}", email=f"p{i}@example.org") for i in range(3)]
    services.submit_response(q, VALID, invitation=links[0])
    answer(q)
    rate = response_rate(q)
    assert (rate.responses, rate.invited, rate.answered) == (2, 3, 1)


def test_response_rate_against_an_audience_reached_outside_the_platform(source_data):
    from ouverture.surveys.seed import satisfaction_2023_03_02

    rate = response_rate(satisfaction_2023_03_02(), audience=13)
    assert rate.text("participants") == "5 réponses sur 13 participants (38\u00a0%)"


def test_a_budget_answer_derives_the_size_class(db, actor):
    q = services.create_from_definition("regional_survey", actor=actor)
    services.open_questionnaire(q, actor=actor)
    for budget in ["5 000", "9 999,99", "45 000", "600 000"]:
        services.submit_response(q, {"budget": budget}, entered_by=actor)
    result = questionnaire_results(q).get("budget")
    assert result.derived_rows == [
        ("Pico (< 10 k€)", 2), ("Nano (10 à 50 k€)", 1), ("Micro (50 à 130 k€)", 0),
        ("Micro-Méso (130 à 500 k€)", 0), ("Méso (> 500 k€)", 1),
    ]  # fmt: skip
    table = responses_table(q)
    assert [row["budget__size_class"] for row in table.rows] == [
        "Pico (< 10 k€)", "Pico (< 10 k€)", "Nano (10 à 50 k€)", "Méso (> 500 k€)",
    ]  # fmt: skip


def test_export_has_one_row_per_response_and_one_column_per_question(db):
    q = questionnaire()
    link = invitation(q, reference="events.registration:9")
    services.submit_response(q, VALID, invitation=link)
    answer(q, other_workshop="yes", which="Écriture", participants="2,5")
    table = responses_table(q, with_respondents=True)
    assert [c.key for c in table.columns][6:] == [
        "expectations", "other_workshop", "which", "satisfaction", "participants", "lessons",
    ]  # fmt: skip
    assert table.rows[0]["expectations"] == ["Les critères", "Le budget"]
    assert table.rows[0]["reference"] == "events.registration:9"
    assert table.rows[1]["which"] == "Écriture"
    rows = list(csv.reader(io.StringIO(to_csv(table).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][6] == "Quelles étaient vos attentes ?"
    assert rows[1][6:12] == ["Les critères, Le budget", "Non", "", "4", "3,00", "La méthodologie"]
    anonymous = responses_table(q)
    assert "name" not in [c.key for c in anonymous.columns]


def test_whole_numbers_export_without_decimals(db):
    q = questionnaire()
    answer(q)
    column = next(c for c in responses_table(q).columns if c.key == "participants")
    assert column.kind == "int"


def test_chart_images_for_documents(db):
    q = questionnaire()
    answer(q)
    images = chart_images(q)
    assert [i["code"] for i in images] == ["expectations", "other_workshop", "satisfaction"]
    assert all(i["png"].startswith(b"\x89PNG") for i in images)


def test_results_page_and_downloads(client_for, staff):
    q = questionnaire()
    invitation(q)
    answer(q, other_workshop="yes", which="Un atelier d'écriture")
    client = client_for(staff)
    response = client.get(reverse("surveys:results", args=[q.pk]))
    assert response.status_code == 200
    page = text(response)
    assert "0 réponse sur 1 personne invitée (0 %), et 1 autre réponse sans invitation" in page
    assert "Un atelier d'écriture" in page
    assert 'id="chart-data-' in response.content.decode()
    png = client.get(reverse("surveys:chart", args=[q.pk, q.questions.get(code="satisfaction").pk]))
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert (
        client.get(
            reverse("surveys:chart", args=[q.pk, q.questions.get(code="lessons").pk])
        ).status_code
        == 404
    )
    xlsx = client.get(reverse("surveys:export", args=[q.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row >= 2 and sheet["H2"].value == "Oui"
    csv_response = client.get(reverse("surveys:export", args=[q.pk, "csv"]))
    assert csv_response.content.startswith("\ufeff".encode())
    assert client.get(reverse("surveys:export", args=[q.pk, "pdf"])).status_code == 404


def _many_answers(q, n):
    """Bulk rows for the query-count test (the service is tested elsewhere)."""
    questions = {x.code: x for x in q.questions.prefetch_related("choices")}
    responses = Response.objects.bulk_create(
        Response(questionnaire=q, source="transcribed", entered_by=system_user()) for _ in range(n)
    )
    rows = []
    for i, response in enumerate(responses):
        choices = list(questions["other_workshop"].choices.all())
        rows += [
            Answer(response=response, question=questions["other_workshop"], choice=choices[i % 2]),
            Answer(response=response, question=questions["satisfaction"], number=1 + i % 5),
            Answer(response=response, question=questions["participants"], number=i),
            Answer(response=response, question=questions["lessons"], text=f"Leçon {i}"),
        ]
    Answer.objects.bulk_create(rows)


def test_results_page_costs_the_same_queries_with_few_and_many_answers(client_for, staff):
    q = questionnaire()
    client = client_for(staff)
    url = reverse("surveys:results", args=[q.pk])
    counts = []
    for n in (3, 497):
        _many_answers(q, n)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert Response.objects.filter(questionnaire=q).count() == 500
    assert "Leçon 496" in text(response)
    assert counts[0] == counts[1], counts


def test_list_page_costs_the_same_queries_with_few_and_many_questionnaires(client_for, staff):
    client = client_for(staff)
    counts = []
    for n in (1, 20):
        for i in range(n):
            q = questionnaire(title=f"Q{i}")
            answer(q)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("surveys:list")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
