"""The PAM of the source document, loaded from records: 7 modules, a 2025 cohort of
6 months and 8 seats, the 3 selection criteria, and the advice meeting cap."""

import datetime as dt
import io

from django.core.management import call_command

from ouverture.coaching.services import advice_meeting_cap
from ouverture.events.enums import Audience, WorkshopKind
from ouverture.events.models import Workshop
from ouverture.pathways.enums import Criterion
from ouverture.pathways.models import Candidate, Cohort, Module, ModuleSession
from ouverture.surveys.seed import pam_intake


def test_pam_figures_are_computed_from_records(source_data, seed_figures):
    expected = seed_figures["pam"]
    cohort = Cohort.objects.get(title="PAM 2025")
    assert Module.objects.count() == expected["modules"]
    assert cohort.sessions.count() == expected["modules"]
    assert cohort.months == expected["months"]
    assert cohort.capacity == expected["capacity"]
    assert list(Criterion.values) == expected["selection_criteria"]
    assert advice_meeting_cap() == expected["advice_meeting_cap"]


def test_the_2025_cohort_starts_in_january_after_an_early_december_deadline(source_data):
    cohort = Cohort.objects.get(title="PAM 2025")
    assert cohort.start_date == dt.date(2025, 1, 6)
    assert cohort.intake_deadline == dt.date(2024, 12, 6)
    assert cohort.end_date == dt.date(2025, 7, 6)
    assert cohort.status == "draft"
    assert pam_intake().subject_ref == cohort.subject_ref
    assert not Candidate.objects.exists()  # none invented


def test_modules_are_those_of_the_document_scheduled_as_sessions(source_data):
    modules = list(Module.objects.in_order())
    assert [m.title for m in modules] == [
        "Contextualisation et diagnostic",
        "Recherche de financements",
        "Etablir un plan de financement",
        "Accompagner les jeunes dans le projet",
        "Suivi-évaluation",
        "Présenter son projet",
        "Préparer le dépôt du projet",
    ]
    assert [m.audience == Audience.COHORT_ONLY for m in modules] == [
        False, False, True, True, False, True, True,
    ]  # fmt: skip
    assert [m.formats for m in modules] == [
        ["video"], ["online_resource", "video"], ["individual_meeting"], ["in_person"],
        ["in_person"], ["in_person"], ["individual_meeting"],
    ]  # fmt: skip
    assert [m.duration_minutes for m in modules] == [120, 60, None, 180, 180, 180, 150]
    sessions = list(ModuleSession.objects.in_order())
    assert [s.workshop.date for s in sessions] == [
        dt.date(2025, 1, 6) + dt.timedelta(weeks=4 * n) for n in range(7)
    ]
    assert all(s.workshop.kind == WorkshopKind.PAM_MODULE for s in sessions)
    assert [s.workshop.audience for s in sessions] == [m.audience for m in modules]
    assert sessions[3].workshop.end_time == dt.time(17, 0)
    assert sessions[2].workshop.end_time is None


def test_loading_twice_changes_nothing(source_data):
    counts = (Module.objects.count(), ModuleSession.objects.count(), Workshop.objects.count())
    call_command("load_source_data", stdout=io.StringIO())
    assert (
        Module.objects.count(),
        ModuleSession.objects.count(),
        Workshop.objects.count(),
    ) == counts
