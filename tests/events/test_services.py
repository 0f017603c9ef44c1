"""Registration rules, attendance, waiting list, review of proposed organisations."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from ouverture.accounts.services import system_user
from ouverture.events import hooks, services
from ouverture.events.enums import Audience, OrganisationReview, WorkshopKind
from ouverture.events.models import Registration, Workshop
from ouverture.organisations.models import Organisation
from tests.events.factories import make_training, make_workshop, register, register_past
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def messages(error):
    return " ".join(error.value.messages)


def test_register_matches_the_organisation_and_sends_the_confirmation(
    django_capture_on_commit_callbacks,
):
    organisation = OrganisationFactory(
        name="Association Tantely Soa Madagascar", usual_name="Tantely Soa"
    )
    workshop = make_workshop()
    atelier = workshop.ateliers.first()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(
            workshop,
            full_name="Léa Dupont",
            email="Lea.Dupont@Example.org ",
            organisation_name="association tantély-soa MADAGASCAR",
            ateliers=[atelier],
        )
    assert registration.email == "lea.dupont@example.org"
    assert registration.organisation == organisation
    assert registration.organisation_review == OrganisationReview.MATCHED
    assert registration.consent_at is not None
    assert list(registration.ateliers.all()) == [atelier]
    assert registration.history.exists()
    assert registration.history.first().history_user is None  # the public, no account
    [message] = mail.outbox
    assert message.to == ["lea.dupont@example.org"]
    assert "Inscription confirmée" in message.subject
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    assert "/p/inscription/" in message.body


def test_usual_name_matches_too():
    organisation = OrganisationFactory(
        name="Association Tantely Soa Madagascar", usual_name="Tantely Soa"
    )
    registration = register(make_workshop(), organisation_name="TANTELY SOA")
    assert registration.organisation == organisation


def test_an_unknown_organisation_waits_for_review_and_is_not_created():
    before = Organisation.objects.count()
    registration = register(
        make_workshop(), organisation_name="Les Amis du Togo", organisation_city="Lens"
    )
    assert registration.organisation is None
    assert registration.organisation_review == OrganisationReview.PENDING
    assert Organisation.objects.count() == before


def test_two_organisations_with_the_same_name_are_not_guessed():
    OrganisationFactory(name="Comité de jumelage")
    OrganisationFactory(name="Comité de jumelage")
    registration = register(make_workshop(), organisation_name="Comité de jumelage")
    assert registration.organisation_review == OrganisationReview.PENDING


def test_consent_is_required_and_nothing_is_written():
    workshop = make_workshop()
    with pytest.raises(ValidationError) as error:
        register(workshop, consent=False)
    assert "utilisation de vos données" in error.value.message_dict["consent"][0]
    assert not Registration.objects.exists()


def test_name_and_email_are_required_on_the_public_path():
    with pytest.raises(ValidationError) as error:
        register(make_workshop(), full_name=" ", email="")
    assert set(error.value.message_dict) == {"full_name", "email"}


def test_the_same_email_twice_is_refused_whatever_its_case():
    workshop = make_workshop()
    register(workshop, email="lea@example.org")
    with pytest.raises(ValidationError) as error:
        register(workshop, email="LEA@example.org")
    assert "déjà inscrite" in messages(error)
    assert workshop.registrations.count() == 1


def test_the_same_email_may_register_to_another_workshop_or_again_after_cancelling():
    first, second = make_workshop(), make_workshop(title="Autre")
    registration = register(first, email="lea@example.org")
    register(second, email="lea@example.org")
    services.cancel_registration(registration)
    again = register(first, email="lea@example.org")
    assert again.status == "registered"


def test_after_the_deadline_the_waiting_list_is_offered():
    workshop = make_workshop(
        days_ahead=5, registration_deadline=dt.date.today() - dt.timedelta(days=1)
    )
    with pytest.raises(services.SeatUnavailable) as error:
        register(workshop)
    assert "closes depuis le" in messages(error)
    assert "liste d'attente" in messages(error)
    assert not workshop.registrations.exists()
    waiting = register(workshop, waiting_list=True)
    assert waiting.status == "waiting_list"


def test_over_capacity_the_waiting_list_is_offered():
    workshop = make_workshop(capacity=2)
    register(workshop)
    register(workshop)
    with pytest.raises(services.SeatUnavailable) as error:
        register(workshop)
    assert "complet (2 places)" in messages(error)
    assert workshop.registrations.count() == 2
    assert register(workshop, waiting_list=True).status == "waiting_list"


def test_a_workshop_held_today_or_before_takes_no_online_registration():
    for days in (0, -3):
        workshop = make_workshop(days_ahead=days)
        with pytest.raises(ValidationError) as error:
            register(workshop, waiting_list=True)
        assert "inscriptions en ligne sont closes" in messages(error)


def test_cancelled_workshops_and_trainings_take_no_registration():
    workshop = make_workshop(cancelled=True)
    with pytest.raises(ValidationError, match="annulé"):
        register(workshop)
    training = make_training(OrganisationFactory(), date=dt.date.today() + dt.timedelta(days=9))
    with pytest.raises(ValidationError, match="ne prend pas d'inscriptions"):
        register(training.workshop)


def test_ateliers_are_those_of_the_workshop_and_no_more_than_allowed():
    workshop = make_workshop(ateliers=3)
    other = make_workshop(title="Autre")
    with pytest.raises(ValidationError, match="au plus 1 atelier"):
        register(workshop, ateliers=list(workshop.ateliers.all()[:2]))
    with pytest.raises(ValidationError, match="n'appartient pas"):
        register(workshop, ateliers=[other.ateliers.first()])
    assert not workshop.registrations.exists()


def test_cancelling_frees_the_seat_for_the_first_person_waiting(
    django_capture_on_commit_callbacks,
):
    workshop = make_workshop(capacity=1)
    holder_of_seat = register(workshop)
    first = register(workshop, waiting_list=True)
    second = register(workshop, waiting_list=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(holder_of_seat)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("registered", "waiting_list")
    assert [m.to for m in mail.outbox] == [[first.email]]
    assert "place s'est libérée" in mail.outbox[0].subject


def test_cancelling_twice_or_after_the_workshop_is_refused():
    registration = register(make_workshop())
    services.cancel_registration(registration)
    with pytest.raises(ValidationError, match="déjà annulée"):
        services.cancel_registration(registration)
    past = register_past(make_workshop(days_ahead=-2))
    with pytest.raises(ValidationError, match="a eu lieu"):
        services.cancel_registration(past)


def test_staff_entry_records_a_past_registration_without_deadline_nor_consent():
    workshop = make_workshop(days_ahead=-10, capacity=1)
    register_past(workshop)
    registration = register_past(workshop)
    assert registration.status == "registered"
    assert registration.consent_at is None


def test_walk_ins_are_added_on_the_day_present():
    future = make_workshop(days_ahead=3)
    with pytest.raises(ValidationError, match="le jour même ou après"):
        services.add_walk_in(future, actor=system_user(), full_name="Sam Roux")
    today = make_workshop(days_ahead=0)
    walk_in = services.add_walk_in(
        today, actor=system_user(), full_name="Sam Roux", organisation_name="MALCO HDF"
    )
    assert (walk_in.status, walk_in.walk_in) == ("present", True)
    assert walk_in.checked_in_at is not None
    with pytest.raises(ValidationError, match="nom de la personne"):
        services.add_walk_in(today, actor=system_user(), full_name="")


def test_check_in_of_someone_registered_to_another_workshop_is_refused():
    here = make_workshop(days_ahead=0, title="Suivi et évaluation")
    elsewhere = make_workshop(days_ahead=0, title="Dépôt de projet")
    registration = register_past(elsewhere, full_name="Léa Dupont")
    with pytest.raises(ValidationError) as error:
        services.check_in(here, registration, actor=system_user())
    assert "Léa Dupont est inscrit·e à « Dépôt de projet »" in messages(error)
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_presence_is_noted_on_the_day_excuses_before():
    registration = register(make_workshop(days_ahead=4))
    with pytest.raises(ValidationError, match="le jour même ou après"):
        services.set_attendance(registration, "present", actor=system_user())
    excused = services.set_attendance(registration, "excused", actor=system_user())
    assert excused.status == "excused"


def test_a_cancelled_registration_cannot_be_checked_in():
    workshop = make_workshop(days_ahead=0)
    registration = services.cancel_registration(register_past(workshop))
    with pytest.raises(ValidationError, match="désinscrit"):
        services.check_in(workshop, registration, actor=system_user())


def test_check_in_records_the_actor_in_the_history(staff):
    workshop = make_workshop(days_ahead=0)
    registration = services.check_in(workshop, register_past(workshop), actor=staff)
    assert registration.status == "present"
    assert registration.history.first().history_user == staff


def test_eligibility_hook_refuses_before_anything_is_written():
    admitted = OrganisationFactory(name="Admise au parcours")
    other = OrganisationFactory(name="Pas admise")
    # A kind no app checks (pathways checks PAM modules against its cohorts).

    @hooks.eligibility_check(WorkshopKind.OTHER)
    def cohort_only(workshop, registration):
        if workshop.audience == Audience.COHORT_ONLY and registration.organisation != admitted:
            raise ValidationError("Ce module est réservé aux porteurs admis au parcours.")

    try:
        module = make_workshop(kind=WorkshopKind.OTHER, audience=Audience.COHORT_ONLY)
        with pytest.raises(ValidationError, match="réservé aux porteurs admis"):
            register(module, organisation=other)
        with pytest.raises(ValidationError, match="réservé aux porteurs admis"):
            services.add_walk_in(
                make_workshop(kind=WorkshopKind.OTHER, audience=Audience.COHORT_ONLY, days_ahead=0),
                actor=system_user(),
                full_name="X",
                organisation=other,
            )
        assert not Registration.objects.exists()
        assert register(module, organisation=admitted).organisation == admitted
        # Other kinds are not concerned.
        assert register(make_workshop(), organisation=other)
    finally:
        hooks.unregister_eligibility_check(cohort_only, WorkshopKind.OTHER)


def test_capacity_cannot_go_below_the_people_registered():
    workshop = make_workshop(capacity=5)
    for _ in range(3):
        register(workshop)
    with pytest.raises(ValidationError) as error:
        services.update_workshop(workshop, actor=system_user(), capacity=2)
    assert "3 personnes sont déjà inscrites" in error.value.message_dict["capacity"][0]
    workshop.refresh_from_db()
    assert workshop.capacity == 5
    single = make_workshop(capacity=5)
    register(single)
    with pytest.raises(ValidationError) as error:
        services.update_workshop(single, actor=system_user(), capacity=0)
    assert error.value.message_dict["capacity"][0].startswith("1 personne est déjà inscrite :")


def test_workshop_times_and_deadline_are_checked():
    with pytest.raises(ValidationError) as error:
        make_workshop(start_time=dt.time(15, 0), end_time=dt.time(14, 0))
    assert "end_time" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_workshop(days_ahead=3, registration_deadline=dt.date.today() + dt.timedelta(days=5))
    assert "registration_deadline" in error.value.message_dict
    assert not Workshop.objects.exists()


def test_an_atelier_chosen_by_someone_is_not_deleted():
    workshop = make_workshop()
    atelier = workshop.ateliers.first()
    register(workshop, ateliers=[atelier])
    with pytest.raises(ValidationError) as one:
        services.remove_atelier(atelier, actor=system_user())
    assert "1 personne a choisi l'atelier « Atelier 1 » : retirez-le de ses choix" in str(one.value)
    register(workshop, ateliers=[atelier])
    with pytest.raises(ValidationError) as two:
        services.remove_atelier(atelier, actor=system_user())
    assert "2 personnes ont choisi l'atelier « Atelier 1 » : retirez-le de leurs choix" in str(
        two.value
    )
    assert workshop.ateliers.filter(pk=atelier.pk).exists()


def test_staff_create_a_proposed_organisation_and_link_every_pending_registration(staff):
    first = register(make_workshop(), organisation_name="Les Amis du Togo")
    second = register(make_workshop(title="Autre"), organisation_name="les amis du togo")
    organisation = services.create_proposed_organisation(first, actor=staff)
    first.refresh_from_db()
    second.refresh_from_db()
    assert organisation.name == "Les Amis du Togo"
    assert first.organisation == second.organisation == organisation
    assert {first.organisation_review, second.organisation_review} == {"created"}
    assert list(organisation.project_types.values_list("code", flat=True)) == ["youth_mobility"]
    with pytest.raises(ValidationError, match="n'attend pas"):
        services.create_proposed_organisation(first, actor=staff)


def test_staff_link_a_proposed_organisation(staff):
    organisation = OrganisationFactory(name="Association Community")
    registration = register(make_workshop(), organisation_name="Community asso")
    services.link_organisation(registration, organisation, actor=staff)
    registration.refresh_from_db()
    assert registration.organisation == organisation
    assert registration.organisation_review == "linked"


def test_training_keeps_counts_only_and_checks_them():
    holder = OrganisationFactory(name="MALCO HDF")
    training = make_training(holder)
    assert training.workshop.kind == "pre_departure_training"
    assert training.workshop.title == "Préparation au départ — MALCO HDF"
    assert training.destination == "Togo"
    with pytest.raises(ValidationError, match="au moins un jeune"):
        make_training(holder, young_people=0, date=dt.date(2023, 5, 1))
    assert holder.pre_departure_trainings.count() == 1


def test_update_training_changes_both_records(staff):
    training = make_training(OrganisationFactory())
    services.update_training(training, actor=staff, place="Arras", young_people=8)
    training.refresh_from_db()
    assert (training.workshop.place, training.young_people) == ("Arras", 8)
    assert training.history.first().history_user == staff
