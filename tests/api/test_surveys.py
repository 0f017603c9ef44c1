"""Questionnaires through the API: the results screen's aggregated results, to its readers."""

import pytest

from ouverture.surveys.results import questionnaire_results
from tests.api.test_coaching import query_counts
from tests.surveys.factories import answer, invitation, questionnaire

QUESTIONNAIRES = "/api/v1/questionnaires/"


@pytest.fixture
def answered(db):
    q = questionnaire(title="Satisfaction 2023")
    invitation(q, name="Claire Lemaire", email="claire@alpha.example")
    answer(q)
    answer(q)
    return q


def test_results_are_the_screen_s(api_for, answered, funder_officer):
    body = api_for(funder_officer).get(f"{QUESTIONNAIRES}{answered.pk}/").json()
    expected = questionnaire_results(answered)
    results = body["results"]
    assert results["rate"]["responses"] == expected.rate.responses == 2
    assert results["rate"]["invited"] == 1 and results["rate"]["text"] == expected.rate.text()
    questions = [q for section in results["sections"] for q in section["questions"]]
    assert [q["code"] for q in questions] == [r.question.code for r in expected.questions()]
    for row, result in zip(questions, expected.questions(), strict=True):
        assert row["answered"] == result.answered
        assert [(r["label"], r["count"]) for r in row["rows"]] == list(result.rows)
    # Aggregates only: no respondent, no invitation's name or address.
    text = str(body)
    assert "Claire" not in text and "claire@" not in text
    listing = api_for(funder_officer).get(QUESTIONNAIRES).json()["resultats"]
    assert listing[0]["response_count"] == 2


def test_holders_reach_no_questionnaire(api_for, answered, holder):
    api = api_for(holder)
    assert api.get(QUESTIONNAIRES).status_code == 403
    assert api.get(f"{QUESTIONNAIRES}{answered.pk}/").status_code == 404
    assert api_for(holder).get(QUESTIONNAIRES, {"status": "open"}).status_code == 403


def test_unknown_filter_and_query_count(api_for, staff, db):
    for n in range(5):
        questionnaire(title=f"Q{n}")
    api = api_for(staff)
    assert api.get(QUESTIONNAIRES, {"status": "open"}).status_code == 400
    counts = query_counts(api, QUESTIONNAIRES, sizes=(2, 5))
    assert counts[0] == counts[1]
