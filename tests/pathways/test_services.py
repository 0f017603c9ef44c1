"""The PAM's write paths: intake, joint scoring, ranking, admission, waiting list,
cohort-only modules. Each refusal says why and writes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ouverture.accounts.services import system_user
from ouverture.events import services as events
from ouverture.events.enums import Audience, WorkshopKind
from ouverture.events.models import Registration
from ouverture.pathways import services
from ouverture.pathways.eligibility import seat_token
from ouverture.pathways.enums import CandidateStatus, CohortStatus, OrganisationReview
from ouverture.pathways.models import Candidate, Score
from ouverture.pathways.progress import cohort_progress
from ouverture.pathways.ranking import cohort_ranking
from ouverture.surveys import services as surveys
from ouverture.surveys.models import Response
from tests.organisations.factories import OrganisationFactory
from tests.pathways.factories import (
    INTAKE,
    apply,
    attend,
    catalogue,
    held_session,
    make_cohort,
    move_to_the_past,
    score_both,
    scores,
    today,
)

A = CandidateStatus


def _walk_to_selection(staff, funder_officer, n=10):
    """A cohort of 8 seats, n applications through the public path, both sides' scores."""
    cohort = make_cohort()
    organisations = [OrganisationFactory(name=f"Association {i:02d}") for i in range(n)]
    candidates = [apply(cohort, o.name) for o in organisations]
    services.close_intake(cohort, actor=staff)
    for i, candidate in enumerate(candidates):
        # Totals fall with i; candidate 3 and 4 tie on total, coherence decides.
        network = (5 - i // 3, 3, 2)
        funder = (4, 3, 3 - (i % 3 == 0))
        if i == 3:
            network, funder = (5, 2, 2), (5, 2, 2)
        if i == 4:
            network, funder = (4, 3, 2), (4, 3, 2)
        score_both(candidate, staff, funder_officer, network, funder)
    cohort.refresh_from_db()
    return cohort, candidates


def test_a_cohort_walks_from_intake_to_admission_with_both_sides_scores(
    staff, funder_officer, make_user
):
    cohort, candidates = _walk_to_selection(staff, funder_officer)
    assert cohort.status == CohortStatus.SELECTION
    assert Candidate.objects.count() == 10
    first = candidates[0]
    assert first.organisation.name == "Association 00"  # matched to the registry
    assert first.organisation_review == OrganisationReview.MATCHED
    assert first.response.answers.filter(question__code="what").get().text == INTAKE["what"]

    # Both sides' scores, side by side.
    ranking = cohort_ranking(cohort)
    row = next(r for r in ranking.ranked if r.candidate == first)
    assert row.network == [5, 3, 2] and row.funder == [4, 3, 2]
    assert (row.network_total, row.funder_total, row.total) == (10, 9, 19)

    to_admit, to_wait = services.apply_ranking(cohort, actor=funder_officer)
    assert len(to_admit) == 8 and len(to_wait) == 2
    ranked = [r.candidate for r in cohort_ranking(cohort).ranked]
    assert [c.status for c in ranked] == [A.ADMITTED] * 8 + [A.WAITING_LIST] * 2
    # Four candidates tie on 18: coherence puts 3 (10) before 4 (8) before 7 and 8 (7),
    # who tie on every criterion: the earlier application first.
    tied = [r.candidate.pk for r in cohort_ranking(cohort).ranked if r.total == 18]
    assert tied == [candidates[i].pk for i in (3, 4, 7, 8)]
    assert [c.pk for c in ranked] == [candidates[i].pk for i in (1, 2, 0, 5, 3, 4, 7, 8, 6, 9)]
    waiting = cohort_ranking(cohort).waiting()
    assert [(r.waiting_rank, r.candidate.pk) for r in waiting] == [
        (1, candidates[6].pk),
        (2, candidates[9].pk),
    ]

    # A 9th admission is refused, nothing written.
    ninth = waiting[0].candidate
    with pytest.raises(
        ValidationError, match="La cohorte est complète : 8 porteurs admis pour 8 places"
    ):
        services.admit(ninth, actor=staff)
    ninth.refresh_from_db()
    assert ninth.status == A.WAITING_LIST

    # A withdrawal frees a seat for the first on the waiting list.
    services.withdraw(ranked[0], actor=staff)
    services.admit(ninth, actor=staff)
    assert Candidate.objects.admitted().filter(cohort=cohort).count() == 8
    services.start_cohort(cohort, actor=staff)
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.RUNNING


def test_a_cohort_only_module_refuses_a_holder_not_admitted(staff, funder_officer):
    cohort, candidates = _walk_to_selection(staff, funder_officer, n=9)
    services.apply_ranking(cohort, actor=staff)
    admitted = Candidate.objects.admitted().filter(cohort=cohort).first()
    waiting = Candidate.objects.waiting_list().get(cohort=cohort)
    modules = {m.number: m for m in catalogue()}
    session = services.schedule_module(
        cohort, modules[4], actor=staff, date=cohort.start_date + dt.timedelta(days=30)
    )
    workshop = session.workshop
    assert (workshop.kind, workshop.audience, workshop.capacity) == (
        WorkshopKind.PAM_MODULE,
        Audience.COHORT_ONLY,
        8,
    )
    # Not admitted (waiting list): refused, on the public path as from staff.
    for staff_entry in (False, True):
        with pytest.raises(ValidationError, match="réservé aux porteurs admis dans la cohorte"):
            events.register(
                workshop,
                actor=None if not staff_entry else staff,
                staff_entry=staff_entry,
                full_name="Waiting Holder",
                email="someone@example.org",
                organisation=waiting.organisation,
                consent=True,
            )
    with pytest.raises(ValidationError, match="réservé aux porteurs admis"):
        events.register(
            workshop, full_name="Inconnu", email="x@example.org", organisation_name="Inconnue",
            consent=True,
        )  # fmt: skip
    assert not Registration.objects.filter(workshop=workshop).exists()

    # Typing an admitted holder's name and e-mail on the public page is not enough…
    with pytest.raises(ValidationError, match="lien personnel de votre candidature"):
        events.register(
            workshop,
            full_name=admitted.contact_name,
            email=admitted.contact_email,
            organisation=admitted.organisation,
            consent=True,
        )
    # …an altered link neither, nor a link of a holder who is not admitted.
    link = seat_token(admitted)
    for wrong in (link[:-2] + "xx", seat_token(waiting)):
        with pytest.raises(ValidationError):
            events.register(
                workshop, full_name="X", email="x@example.org", consent=True, personal_link=wrong
            )
    assert not Registration.objects.filter(workshop=workshop).exists()
    # The admitted holder's personal link: the seat is the link's holder's, whatever typed.
    registration = events.register(
        workshop,
        full_name=admitted.contact_name,
        email=admitted.contact_email,
        organisation_name="asso (autre nom)",
        consent=True,
        personal_link=link,
    )
    assert registration.organisation == admitted.organisation
    # One seat per admitted holder.
    with pytest.raises(ValidationError, match="une place par porteur admis"):
        events.register(
            workshop, full_name="Collègue", email="collegue@example.org",
            organisation=waiting.organisation, consent=True, personal_link=link,
        )  # fmt: skip
    # Staff still register an admitted holder recognised by its e-mail (no link needed).
    other = Candidate.objects.admitted().filter(cohort=cohort).exclude(pk=admitted.pk).first()
    registration = events.register(
        workshop, actor=staff, staff_entry=True, full_name=other.contact_name,
        email=other.contact_email, organisation_name="autre nom",
    )  # fmt: skip
    assert registration.organisation == other.organisation
    # An open module takes anyone.
    open_session = services.schedule_module(
        cohort, modules[1], actor=staff, date=cohort.start_date + dt.timedelta(days=7)
    )
    assert open_session.workshop.capacity is None
    events.register(open_session.workshop, full_name="Curieux", email="c@example.org", consent=True)


def test_capacity_of_a_cohort_only_session_is_the_cohorts(staff, funder_officer):
    cohort, _ = _walk_to_selection(staff, funder_officer, n=3)
    services.update_cohort(cohort, actor=staff, capacity=2)
    services.apply_ranking(cohort, actor=staff)
    cohort.refresh_from_db()
    session = services.schedule_module(
        cohort, catalogue()[5], actor=staff, date=cohort.start_date + dt.timedelta(days=40)
    )
    assert session.workshop.capacity == 2
    with pytest.raises(ValidationError, match="2 porteurs sont déjà admis"):
        services.update_cohort(cohort, actor=staff, capacity=1)


@pytest.mark.parametrize("value", [6, -1, "7", "quatre", ""])
def test_a_score_outside_the_range_is_refused_and_nothing_written(staff, funder_officer, value):
    cohort = make_cohort()
    candidate = apply(cohort, "Association A")
    with pytest.raises(ValidationError) as error:
        services.score_candidate(candidate, scores(4, value, 3), actor=staff)
    assert "maturity" in error.value.message_dict
    assert "de 0 à 5" in error.value.message_dict["maturity"][0]
    assert not Score.objects.exists()


def test_each_side_scores_for_itself_and_others_do_not_score(users_by_role):
    cohort = make_cohort()
    candidate = apply(cohort, "Association A")
    for user in users_by_role.values():
        side = services.side_for(user)
        if side is None:
            with pytest.raises(ValidationError, match="Seuls l'équipe du réseau et les agents"):
                services.score_candidate(candidate, scores(3, 3, 3), actor=user)
        else:
            services.score_candidate(candidate, scores(3, 3, 3), actor=user)
    assert set(Score.objects.values_list("side", flat=True)) == {"network", "funder"}
    assert Score.objects.count() == 6  # the coordinator's network scores replaced the staff's


def test_scores_are_replaced_and_their_history_kept(staff):
    candidate = apply(make_cohort(), "Association A")
    services.score_candidate(candidate, scores(1, 2, 3), actor=staff)
    services.score_candidate(candidate, scores(4, 2, 3), actor=staff)
    coherence = Score.objects.get(criterion="coherence")
    assert coherence.value == 4
    assert [h.value for h in coherence.history.order_by("history_date")] == [1, 4]


def test_admission_needs_both_sides_and_a_registry_organisation(staff, funder_officer):
    cohort = make_cohort()
    known = apply(cohort, OrganisationFactory(name="Association connue").name)
    unknown = apply(cohort, "Association toute nouvelle")
    assert unknown.organisation is None and unknown.organisation_review == "pending"
    services.close_intake(cohort, actor=staff)
    services.score_candidate(known, scores(3, 3, 3), actor=staff)
    with pytest.raises(ValidationError, match="Département \\(financeur\\)"):
        services.admit(known, actor=staff)
    score_both(unknown, staff, funder_officer)
    with pytest.raises(ValidationError, match="Rattachez d'abord « Association toute nouvelle »"):
        services.admit(unknown, actor=staff)
    organisation = services.create_proposed_organisation(unknown, actor=staff)
    assert organisation.name == "Association toute nouvelle"
    services.admit(unknown, actor=funder_officer)
    unknown.refresh_from_db()
    assert unknown.status == A.ADMITTED


def test_apply_ranking_refuses_while_a_candidate_lacks_scores(staff, funder_officer):
    cohort = make_cohort()
    scored = apply(cohort, OrganisationFactory().name)
    apply(cohort, OrganisationFactory(name="Pas encore notée").name)
    services.close_intake(cohort, actor=staff)
    score_both(scored, staff, funder_officer)
    with pytest.raises(ValidationError, match="Pas encore notée"):
        services.apply_ranking(cohort, actor=staff)
    assert not Candidate.objects.exclude(status=A.CANDIDATE).exists()


def test_decisions_wait_for_the_intake_to_close(staff, funder_officer):
    cohort = make_cohort()
    candidate = score_both(apply(cohort, OrganisationFactory().name), staff, funder_officer)
    with pytest.raises(ValidationError, match="les décisions se prennent une fois"):
        services.admit(candidate, actor=staff)


def test_an_application_after_the_deadline_is_refused_and_nothing_written(db):
    cohort = make_cohort()
    late = cohort.intake_deadline + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="sont closes : la date limite était le"):
        services.submit_candidacy(
            cohort,
            {**INTAKE, "organisation": "En retard"},
            respondent_name="Camille",
            respondent_email="late@example.org",
            today=late,
        )
    assert not Response.objects.exists() and not Candidate.objects.exists()
    # The deadline day itself is still open.
    services.submit_candidacy(
        cohort,
        {**INTAKE, "organisation": "À temps"},
        respondent_name="Camille",
        respondent_email="ontime@example.org",
        today=cohort.intake_deadline,
    )


def test_the_intake_questionnaire_closes_at_the_end_of_the_deadline_day(db):
    cohort = make_cohort()
    questionnaire = cohort.intake_questionnaire()
    assert questionnaire.status == "open" and questionnaire.is_public
    assert questionnaire.closes_at == cohort.intake_closes_at()
    assert questionnaire.subject_ref == f"pathways.cohort:{cohort.pk}"


def test_bad_applications_are_refused_with_their_reasons(db):
    cohort = make_cohort()
    with pytest.raises(ValidationError) as error:
        services.submit_candidacy(
            cohort,
            {**INTAKE, "organisation": "", "destination": "mars"},
            respondent_name="",
            respondent_email="pas-une-adresse",
        )
    messages = error.value.message_dict
    assert "organisation" in messages and "destination" in messages
    assert "respondent_name" in messages and "respondent_email" in messages
    apply(cohort, "Association A", email="same@example.org")
    with pytest.raises(ValidationError, match="déjà été déposée avec l'adresse same@example.org"):
        apply(cohort, "Association B", email="Same@example.org")
    assert Candidate.objects.count() == 1 and Response.objects.count() == 1


def test_no_application_before_the_intake_opens(db):
    cohort = make_cohort(open_intake=False)
    with pytest.raises(ValidationError, match="pas encore ouvertes"):
        apply(cohort)


def test_responses_by_the_questionnaires_own_link_are_taken_in(staff):
    cohort = make_cohort()
    questionnaire = cohort.intake_questionnaire()
    surveys.submit_response(
        questionnaire,
        {**INTAKE, "organisation": "Par le lien du questionnaire"},
        respondent_name="Léa",
        respondent_email="lea@example.org",
    )
    # A paper form typed in by staff, without the organisation: left aside with the reason.
    surveys.submit_response(questionnaire, {"what": "Sur papier"}, entered_by=staff)
    assert services.pending_responses(cohort).count() == 2
    services.close_intake(cohort, actor=staff)
    candidate = Candidate.objects.get()
    assert candidate.organisation_name == "Par le lien du questionnaire"
    assert candidate.contact_email == "lea@example.org"
    assert services.pending_responses(cohort).count() == 1
    _, skipped = services.take_in_responses(cohort, actor=staff)
    assert "Indiquez le nom de votre structure." in skipped[0][1]


def test_steps_go_one_at_a_time(staff):
    cohort = make_cohort(open_intake=False)
    with pytest.raises(ValidationError, match="directement"):
        services.start_cohort(cohort, actor=staff)
    services.open_intake(cohort, actor=staff)
    services.close_intake(cohort, actor=staff)
    with pytest.raises(ValidationError, match="Admettez au moins un porteur"):
        services.start_cohort(cohort, actor=staff)


def test_opening_after_the_deadline_is_refused(staff):
    cohort = make_cohort(open_intake=False)
    with pytest.raises(ValidationError, match="est passée"):
        services.open_intake(
            cohort, actor=staff, today=cohort.intake_deadline + dt.timedelta(days=1)
        )
    assert cohort.intake_questionnaire() is None


@pytest.mark.parametrize(
    "fields,field,message",
    [
        ({"intake_deadline": dt.date(2025, 2, 1)}, "intake_deadline", "doit précéder"),
        ({"months": 0}, "months", "de 1 à 24 mois"),
        ({"capacity": 0}, "capacity", "au moins un porteur"),
    ],
)
def test_bad_cohorts_are_refused(db, fields, field, message):
    data = {
        "title": "PAM",
        "start_date": dt.date(2025, 1, 6),
        "intake_deadline": dt.date(2024, 12, 6),
        **fields,
    }
    with pytest.raises(ValidationError) as error:
        services.create_cohort(actor=system_user(), **data)
    assert message in " ".join(error.value.message_dict[field])


def test_a_session_outside_the_pathway_or_twice_is_refused(staff):
    cohort = make_cohort(open_intake=False)
    module = catalogue()[0]
    with pytest.raises(ValidationError, match="programmez la séance entre ces dates"):
        services.schedule_module(
            cohort, module, actor=staff, date=cohort.start_date - dt.timedelta(days=1)
        )
    services.schedule_module(cohort, module, actor=staff, date=cohort.start_date)
    with pytest.raises(ValidationError, match="déjà programmé"):
        services.schedule_module(cohort, module, actor=staff, date=cohort.start_date)


def test_attendance_per_module_and_progress_per_holder(staff, funder_officer):
    cohort, candidates = _walk_to_selection(staff, funder_officer, n=3)
    services.apply_ranking(cohort, actor=staff)
    cohort = move_to_the_past(cohort)
    modules = catalogue()
    first, second, third = (Candidate.objects.get(pk=c.pk) for c in candidates)
    s1 = held_session(cohort, modules[0], days_ago=50)
    s4 = held_session(cohort, modules[3], days_ago=20)
    services.schedule_module(
        cohort, modules[6], actor=staff, date=today() + dt.timedelta(days=30)
    )  # not held yet
    attend(s1, first)
    attend(s1, second)
    attend(s4, first)
    attend(s4, second, present=False)
    events.add_walk_in(s1.workshop, actor=staff, full_name="Curieuse")  # open module
    progress = cohort_progress(cohort)
    assert [(s.module.number, s.workshop.present_count, s.admitted_present, s.held)
            for s in progress.sessions] == [(1, 3, 2, True), (4, 1, 1, True), (7, 0, 0, False)]  # fmt: skip
    by_name = {h.candidate.pk: h for h in progress.holders}
    assert (by_name[first.pk].attended, by_name[first.pk].held) == (2, 2)
    assert by_name[second.pk].attended == 1 and by_name[second.pk].percent == 50
    assert by_name[third.pk].attended == 0
    assert [cell[1] for cell in by_name[first.pk].cells] == [1, 1, None]


def test_the_remaining_modules_get_the_default_calendar(staff):
    modules = catalogue()
    short = make_cohort(open_intake=False, months=3)
    with pytest.raises(ValidationError, match="programmez la séance entre ces dates"):
        services.schedule_remaining_modules(short, actor=staff)
    assert not short.sessions.exists()
    cohort = make_cohort(open_intake=False)
    services.schedule_module(
        cohort, modules[1], actor=staff, date=cohort.start_date + dt.timedelta(days=3)
    )
    sessions = services.schedule_remaining_modules(cohort, actor=staff)
    assert [s.module.number for s in sessions] == [1, 3, 4, 5, 6, 7]
    assert sessions[-1].workshop.date == cohort.start_date + dt.timedelta(weeks=24)
    assert (sessions[0].workshop.start_time, sessions[0].workshop.end_time) == (
        dt.time(14, 0),
        dt.time(16, 0),
    )
    assert services.schedule_remaining_modules(cohort, actor=staff) == []
