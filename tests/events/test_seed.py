"""The source document's 2023 workshops and trainings, computed from the loaded records."""

import io
import json

from django.core.management import call_command

from ouverture.events.models import Registration, Training, Workshop
from ouverture.events.queries import year_summary

FIELDS = [
    "date", "title", "registered", "excused", "walk_ins", "participants", "structures",
    "structures_by_type",
]  # fmt: skip


def test_workshops_2023_are_computed_from_records(source_data, seed_figures):
    computed = {w["date"]: w for w in year_summary(2023)["workshops"]}
    expected = seed_figures["workshops_2023"]
    assert sorted(computed) == sorted(w["date"] for w in expected)
    for figures in expected:
        # questionnaire_answers: see tests/events/test_satisfaction.py
        assert {k: computed[figures["date"]][k] for k in FIELDS} == {k: figures[k] for k in FIELDS}


def test_pre_departure_trainings_2023_are_computed_from_records(source_data, seed_figures):
    computed = sorted(year_summary(2023)["trainings"], key=lambda t: t["date"])
    expected = sorted(seed_figures["pre_departure_trainings_2023"], key=lambda t: t["date"])
    assert computed == expected


def test_the_command_prints_the_same_figures_as_json(source_data, seed_figures):
    out = io.StringIO()
    call_command("events", "summary", "--year", "2023", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    first = data["workshops"][0]
    expected = seed_figures["workshops_2023"][0]
    assert {k: first[k] for k in FIELDS} == {k: expected[k] for k in FIELDS}
    assert first["questionnaire_answers"] == 5  # the attached 2 March questionnaire
    assert "questionnaire_answers" not in data["workshops"][1]  # none linked: no invented figure
    assert len(data["trainings"]) == 2


def test_text_format(source_data):
    out = io.StringIO()
    call_command("events", "summary", "--year", "2023", stdout=out)
    assert "13 participant·e·s, 8 structures" in out.getvalue()


def test_agendas_ateliers_and_excused_people_by_role(source_data):
    call_preparation = Workshop.objects.get(date="2023-03-02")
    assert call_preparation.agenda_items.count() == 10
    assert call_preparation.ateliers.count() == 6
    assert set(call_preparation.ateliers.values_list("duration_minutes", flat=True)) == {30}
    follow_up = Workshop.objects.get(date="2023-11-10")
    assert list(follow_up.ateliers.values_list("duration_minutes", flat=True)) == [90, 90]
    excused = Registration.objects.excused().order_by("workshop__date", "pk")
    assert [(r.role, r.organisation.name, r.full_name) for r in excused] == [
        ("Présidente", "Association Tantely Soa Madagascar", ""),
        ("Présidente", "Association les Perles du Faso", ""),
        ("Présidente", "Comité de jumelage Brebières", ""),
    ]
    # Placeholders only: no e-mail of a real person.
    assert not Registration.objects.exclude(email="").exists()
    assert Registration.objects.filter(full_name="Participant·e 1 — MALCO HDF").count() == 2


def test_loading_twice_changes_nothing(source_data):
    counts = (Workshop.objects.count(), Registration.objects.count(), Training.objects.count())
    call_command("load_source_data", stdout=io.StringIO())
    assert (
        Workshop.objects.count(),
        Registration.objects.count(),
        Training.objects.count(),
    ) == counts
