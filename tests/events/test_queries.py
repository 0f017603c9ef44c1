"""Summaries computed from registrations, the functions other apps call, the indicator."""

import datetime as dt
from decimal import Decimal

import pytest

from ouverture.accounts.services import system_user
from ouverture.core import indicators
from ouverture.events import hooks, services
from ouverture.events.enums import WorkshopKind
from ouverture.events.queries import (
    attendance_by_organisation,
    attendance_counts,
    match_organisation,
    present_participants,
    workshop_figures,
    workshop_summary,
    year_summary,
)
from tests.events.factories import make_training, make_workshop, register, register_past
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def mark(registration, status):
    return services.set_attendance(registration, status, actor=system_user())


@pytest.fixture
def held():
    """A workshop held three days ago: two structures, one proposed, people in every state."""
    workshop = make_workshop(days_ahead=-3)
    malco = OrganisationFactory(name="MALCO HDF", project_types=("youth_mobility", "twinning"))
    dourges = OrganisationFactory(name="Mairie de Dourges")
    mark(register_past(workshop, full_name="Ana", organisation=malco), "present")
    mark(
        register_past(workshop, full_name="Bo", organisation=malco, project_type="twinning"),
        "present",
    )
    mark(register_past(workshop, full_name="Cy", organisation=malco), "present")
    mark(register_past(workshop, full_name="Di", organisation=dourges), "excused")
    mark(register_past(workshop, full_name="Ed", organisation=dourges), "absent")
    register_past(workshop, full_name="Fa")  # presence not noted
    services.add_walk_in(
        workshop,
        actor=system_user(),
        full_name="Gi",
        organisation_name="Les Amis du Togo",
        organisation_city="Lens",
        project_type="cooperation",
    )
    return workshop, malco, dourges


def test_summary_counts_and_tables(held):
    workshop, malco, _ = held
    s = workshop_summary(workshop)
    assert (s.registered, s.excused, s.absent, s.walk_ins, s.participants, s.not_yet_marked) == (
        6, 1, 1, 1, 4, 1,
    )  # fmt: skip
    assert [(r.name, r.city, r.project_type, r.participants) for r in s.structures] == [
        ("MALCO HDF", "Arras", "youth_mobility", 3),  # the type most of its people gave
        ("Les Amis du Togo", "Lens", "cooperation", 1),  # proposed, not yet in the registry
    ]
    assert s.structures_by_type == {"youth_mobility": 1, "cooperation": 1}
    assert s.structure_count == 2


def test_waiting_and_cancelled_are_not_registered():
    workshop = make_workshop(capacity=1)
    register(workshop)
    register(workshop, waiting_list=True)
    services.cancel_registration(register(make_workshop(title="x")))
    counts = attendance_counts(workshop)
    assert (counts["registered"], counts["waiting_list"]) == (1, 1)


def test_present_participants_are_the_questionnaire_audience(held):
    workshop, malco, _ = held
    participants = present_participants(workshop)
    assert [p.name for p in participants] == ["Ana", "Bo", "Cy", "Gi"]
    assert participants[0].organisation == "MALCO HDF"
    assert participants[0].email.endswith("@example.org")
    assert participants[3].organisation_id is None


def test_attendance_by_organisation(held):
    workshop, malco, dourges = held
    assert attendance_by_organisation([workshop]) == {(workshop.pk, malco.pk): 3}


def test_questionnaire_answers_come_from_the_hook_or_are_left_out(held):
    workshop, *_ = held
    figures = workshop_figures(workshop, workshop_summary(workshop))
    assert "questionnaire_answers" not in figures

    @hooks.questionnaire_answer_counter
    def five(w):
        return 5 if w.pk == workshop.pk else None

    try:
        figures = workshop_figures(workshop, workshop_summary(workshop))
        assert figures["questionnaire_answers"] == 5
    finally:
        hooks.unregister_questionnaire_answer_counter(five)


def test_match_organisation_is_exact_not_a_substring():
    OrganisationFactory(name="Association Community", usual_name="Community")
    assert match_organisation("community").name == "Association Community"
    assert match_organisation("Comm") is None
    assert match_organisation("  ") is None


def test_year_summary_keeps_workshops_and_trainings_apart(held):
    holder = OrganisationFactory(name="Campus")
    make_training(holder, date=dt.date.today() - dt.timedelta(days=1))
    make_workshop(title="Annulé", cancelled=True, days_ahead=-1)
    data = year_summary((dt.date.today() - dt.timedelta(days=3)).year)
    titles = [w["title"] for w in data["workshops"]]
    assert "Annulé" not in titles
    assert all(not t.startswith("Préparation au départ") for t in titles)
    assert [t["holder"] for t in data["trainings"]] == ["Campus"]


def test_indicator_counts_workshops_held_of_a_kind_with_rows(held):
    workshop, *_ = held
    make_workshop(kind=WorkshopKind.FOLLOW_UP_EVALUATION, days_ahead=-2, title="Suivi")
    make_workshop(kind=WorkshopKind.FOLLOW_UP_EVALUATION, days_ahead=5, title="À venir")
    make_workshop(
        kind=WorkshopKind.FOLLOW_UP_EVALUATION, days_ahead=-1, title="Annulé", cancelled=True
    )
    indicator = indicators.get("events.workshops_held")
    assert ("follow_up_evaluation", "Suivi et évaluation de projet") in indicator.params["kind"]
    start, end = dt.date.today() - dt.timedelta(days=30), dt.date.today() + dt.timedelta(days=30)
    measure = indicator.measure(start, end, kind="follow_up_evaluation")
    assert measure.value == Decimal(1)
    assert [r.label for r in measure.rows] == ["Suivi"]
    every = indicator.measure(start, end)
    assert every.value == Decimal(2)
    assert "4 participants, 2 structures" in every.rows[0].detail
    assert every.rows[0].url == f"/temps-collectifs/{workshop.pk}/"
