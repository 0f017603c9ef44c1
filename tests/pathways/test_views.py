"""The PAM screens, for each role; the public intake page; exports; query counts."""

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ouverture.accounts.enums import Role
from ouverture.accounts.services import system_user
from ouverture.pathways import services
from ouverture.pathways.models import Candidate, Cohort, Score
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
)
from tests.utils import text

ALL = set(Role)
INSTITUTIONAL = ALL - {Role.PROJECT_HOLDER}
KEEPERS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.ADMINISTRATOR}
SELECTORS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.FUNDER_OFFICER}
DECIDERS = SELECTORS | {Role.ADMINISTRATOR}


@pytest.fixture
def world(holder_organisation, staff, funder_officer):
    """A cohort in selection: the holder's organisation admitted, another waiting, one
    proposed organisation to review; two sessions held."""
    modules = catalogue()
    cohort = make_cohort(capacity=2)
    own = apply(cohort, holder_organisation.name, name="Porteur Lui-Même")
    other = apply(cohort, OrganisationFactory(name="Autre Structure").name)
    third = apply(cohort, OrganisationFactory(name="Troisième Structure").name)
    pending = apply(cohort, "Structure inconnue")
    services.close_intake(cohort, actor=staff)
    score_both(own, staff, funder_officer, (5, 5, 5), (5, 5, 5))
    score_both(other, staff, funder_officer, (4, 4, 4), (4, 4, 4))
    score_both(third, staff, funder_officer, (1, 1, 1), (1, 1, 1))
    services.admit(own, actor=staff)
    services.put_on_waiting_list(third, actor=staff)
    cohort = move_to_the_past(cohort)
    s1 = held_session(cohort, modules[0], days_ago=40)
    s3 = held_session(cohort, modules[2], days_ago=20)
    attend(s1, Candidate.objects.get(pk=own.pk))
    return {
        "cohort": cohort,
        "own": own,
        "other": other,
        "third": third,
        "pending": pending,
        "modules": modules,
        "sessions": [s1, s3],
    }


def cases(o):
    """(method, url, data, roles allowed, status when refused[, for a holder]): another
    organisation's candidacy is out of a holder's scope (404)."""
    pk = o["cohort"].pk
    return [
        ("get", reverse("pathways:list"), None, ALL, 403),
        ("get", reverse("pathways:create"), None, KEEPERS, 403),
        ("post", reverse("pathways:create"), {"title": ""}, KEEPERS, 403),
        ("get", reverse("pathways:detail", args=[pk]), None, INSTITUTIONAL, 403),
        ("get", reverse("pathways:update", args=[pk]), None, KEEPERS, 403),
        ("post", reverse("pathways:step", args=[pk, "intake"]), {}, KEEPERS, 403),
        ("get", reverse("pathways:schedule", args=[pk, o["modules"][4].pk]), None, KEEPERS, 403),
        ("post", reverse("pathways:schedule_remaining", args=[pk]), {}, KEEPERS, 403),
        ("get", reverse("pathways:candidates", args=[pk]), None, INSTITUTIONAL, 403),
        ("post", reverse("pathways:take_in", args=[pk]), {}, KEEPERS, 403),
        ("post", reverse("pathways:apply_ranking", args=[pk]), {}, DECIDERS, 403),
        ("get", reverse("pathways:export_candidates", args=[pk, "xlsx"]), None, INSTITUTIONAL, 403),
        ("get", reverse("pathways:export_candidates", args=[pk, "csv"]), None, INSTITUTIONAL, 403),
        ("get", reverse("pathways:export_progress", args=[pk, "xlsx"]), None, INSTITUTIONAL, 403),
        ("get", reverse("pathways:export_progress", args=[pk, "csv"]), None, INSTITUTIONAL, 403),
        ("get", reverse("pathways:candidate", args=[o["own"].pk]), None, ALL, 403),
        # Another organisation's candidacy is not in a holder's scope.
        ("get", reverse("pathways:candidate", args=[o["other"].pk]), None, INSTITUTIONAL, 404),
        ("post", reverse("pathways:decide", args=[o["own"].pk]), {"decision": "withdraw"}, KEEPERS | {Role.PROJECT_HOLDER}, 403),
        ("post", reverse("pathways:score", args=[o["other"].pk]), {"coherence": "3", "maturity": "3", "experience": "3"}, SELECTORS, 403, 404),
        ("post", reverse("pathways:decide", args=[o["third"].pk]), {"decision": "wait"}, DECIDERS, 403, 404),
        ("post", reverse("pathways:review_organisation", args=[o["pending"].pk]), {"organisation": "Pas au répertoire"}, KEEPERS, 403, 404),
    ]  # fmt: skip


def test_every_view_per_role(users_by_role, client_for, world):
    for method, url, data, allowed, refused, *holder_refused in cases(world):
        for role, user in users_by_role.items():
            response = getattr(client_for(user), method)(url, data or {})
            if role in allowed:
                assert response.status_code in (200, 302), (url, role, response.status_code)
            else:
                expected = refused
                if role == Role.PROJECT_HOLDER and holder_refused:
                    expected = holder_refused[0]
                assert response.status_code == expected, (url, role, response.status_code)


def test_login_is_required_but_the_public_page_is_open(client, world):
    response = client.get(reverse("pathways:detail", args=[world["cohort"].pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    public = client.get(reverse("pathways:public", args=[world["cohort"].public_key]))
    assert public.status_code == 200
    assert "Les candidatures au" in text(public) and "sont closes" in text(public)


def test_the_cohort_page_shows_modules_attendance_and_progress(client_for, staff, world):
    page = text(client_for(staff).get(reverse("pathways:detail", args=[world["cohort"].pk])))
    for expected in [
        "Contextualisation et diagnostic", "Visioconférence · 2h", "Ouvert à tous",
        "Porteurs admis", "non programmé", "1 / 2", "Association du porteur",
        "1 / 2", "50 %", "Historique",
    ]:  # fmt: skip
        assert expected in page, expected


def test_the_selection_page_shows_both_sides_scores_to_both(
    client_for, staff, funder_officer, world
):
    for user in (staff, funder_officer):
        response = client_for(user).get(reverse("pathways:candidates", args=[world["cohort"].pk]))
        page = text(response)
        assert re.search(
            r"2 Autre Structure [^·]+· \d+(?:er)? [a-zéû]+ \d{4} 4 4 4 12 4 4 4 12 24 En attente",
            page,
        )
        assert re.search(r"1 Association du porteur .+ 5 5 5 15 5 5 5 15 30 Admis·e", page)
        assert "Liste d'attente n° 1" in page
        assert "Structure inconnue" in page and "à rattacher" in page
        assert "à égalité, la note cumulée en cohérence" in page


def test_the_holder_sees_its_candidacy_and_progress_without_scores(client_for, holder, world):
    client = client_for(holder)
    page = text(client.get(reverse("pathways:list")))
    assert "Admis·e dans la cohorte" in page and "Modules suivis : 1 sur 2" in page
    assert "Autre Structure" not in page
    page = text(client.get(reverse("pathways:candidate", args=[world["own"].pk])))
    assert "Un échange de jeunes avec une association de Cotonou" in page
    assert "Progression dans le parcours" in page
    assert "Notes des deux parties" not in page and "Noter pour" not in page


def test_scoring_from_the_candidate_page_with_a_bad_score(client_for, funder_officer, world):
    client = client_for(funder_officer)
    url = reverse("pathways:score", args=[world["pending"].pk])
    response = client.post(url, {"coherence": "4", "maturity": "9", "experience": "2"})
    assert response.status_code == 400
    assert "9 pour « Niveau de maturité du projet » : une note va de 0 à 5." in text(response)
    assert not Score.objects.filter(candidate=world["pending"]).exists()
    response = client.post(url, {"coherence": "4", "maturity": "3", "experience": "2"})
    assert response.status_code == 302
    page = text(client.get(response.url))
    assert "Cohérence de l'idée de projet — 4" in page
    assert Score.objects.filter(candidate=world["pending"], side="funder").count() == 3


def test_a_ninth_admission_from_the_screen_is_refused_with_the_reason(client_for, staff, world):
    # Capacity 2: the holder is admitted; admit "other", then "third" is one too many.
    client = client_for(staff)
    client.post(reverse("pathways:decide", args=[world["other"].pk]), {"decision": "admit"})
    response = client.post(
        reverse("pathways:decide", args=[world["third"].pk]), {"decision": "admit"}, follow=True
    )
    assert "La cohorte est complète : 2 porteurs admis pour 2 places." in text(response)
    world["third"].refresh_from_db()
    assert world["third"].status == "waiting_list"


def test_staff_review_a_proposed_organisation(client_for, staff, world):
    client = client_for(staff)
    url = reverse("pathways:review_organisation", args=[world["pending"].pk])
    response = client.post(url, {"organisation": "Inexistante"}, follow=True)
    assert "Rien n'a été rattaché" in text(response)
    client.post(url, {"legal_kind": "association"})
    world["pending"].refresh_from_db()
    assert world["pending"].organisation.name == "Structure inconnue"
    assert world["pending"].organisation_review == "created"


def test_staff_schedule_a_module_with_a_date_outside_the_pathway(client_for, staff, world):
    client = client_for(staff)
    cohort = world["cohort"]
    url = reverse("pathways:schedule", args=[cohort.pk, world["modules"][4].pk])
    late = cohort.end_date + dt.timedelta(days=3)
    response = client.post(url, {"date": late.isoformat()})
    assert "programmez la séance entre ces dates" in text(response)
    response = client.post(url, {"date": cohort.start_date.isoformat(), "start_time": "14:00"})
    assert response.status_code == 302
    assert cohort.sessions.filter(module=world["modules"][4]).exists()


def test_create_a_cohort_and_walk_its_steps_from_the_screens(client_for, staff):
    client = client_for(staff)
    catalogue()
    today = dt.date.today()
    bad = client.post(
        reverse("pathways:create"),
        {
            "title": "PAM 2027",
            "start_date": (today + dt.timedelta(days=40)).isoformat(),
            "intake_deadline": (today + dt.timedelta(days=50)).isoformat(),
            "months": "6",
            "capacity": "8",
        },
    )
    assert "doit précéder le début du parcours" in text(bad)
    assert not Cohort.objects.exists()
    response = client.post(
        reverse("pathways:create"),
        {
            "title": "PAM 2027",
            "start_date": (today + dt.timedelta(days=40)).isoformat(),
            "intake_deadline": (today + dt.timedelta(days=20)).isoformat(),
            "months": "6",
            "capacity": "8",
        },
    )
    cohort = Cohort.objects.get()
    assert response.url == reverse("pathways:detail", args=[cohort.pk])
    response = client.post(reverse("pathways:step", args=[cohort.pk, "intake"]), follow=True)
    assert "Ouvrir les candidatures : c'est fait." in text(response)
    assert "Candidatures ouvertes" in text(response)
    assert cohort.intake_questionnaire().status == "open"


def test_the_public_intake_page_creates_a_candidate(client, db):
    cohort = make_cohort()
    url = reverse("pathways:public", args=[cohort.public_key])
    page = client.get(url)
    assert "Déposer votre idée de projet" in text(page)
    data = {f"q_{k}": v for k, v in {**INTAKE, "organisation": "Association X"}.items()}
    data.update(respondent_name="Léa Martin", respondent_email="lea@example.org")
    missing = client.post(url, {**data, "q_why": ""})
    assert "Votre candidature n'a pas été enregistrée" in text(missing)
    assert not Candidate.objects.exists()
    response = client.post(url, data)
    assert response.url == reverse("pathways:public_thanks", args=[cohort.public_key])
    candidate = Candidate.objects.get()
    assert (candidate.contact_name, candidate.organisation_name) == ("Léa Martin", "Association X")
    again = client.post(url, data)
    assert "déjà été déposée avec l'adresse lea@example.org" in text(again)


def test_the_public_page_after_the_deadline_refuses(client, db):
    cohort = make_cohort()
    services.update_cohort(
        cohort, actor=system_user(), intake_deadline=dt.date.today() - dt.timedelta(days=1)
    )
    url = reverse("pathways:public", args=[cohort.public_key])
    data = {f"q_{k}": v for k, v in {**INTAKE, "organisation": "En retard"}.items()}
    response = client.post(url, {**data, "respondent_name": "A", "respondent_email": "a@x.org"})
    page = text(response)
    assert "Votre candidature n'a pas été enregistrée." in page and "sont closes" in page
    assert not Candidate.objects.exists()


def test_exports(client_for, funder_officer, world):
    client = client_for(funder_officer)
    response = client.get(reverse("pathways:export_candidates", args=[world["cohort"].pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Rang", "Structure", "Contact"]
    assert "Département — cohérence" in header and "Note cumulée (sur 30)" in header
    assert sheet.cell(2, 2).value == "Association du porteur" and sheet.cell(2, 1).value == 1
    csv_content = client.get(
        reverse("pathways:export_progress", args=[world["cohort"].pk, "csv"])
    ).content.decode("utf-8-sig")
    assert csv_content.splitlines()[1].startswith("Association du porteur;présent;absent;1;2;50")
    assert (
        client.get(
            reverse("pathways:export_progress", args=[world["cohort"].pk, "pdf"])
        ).status_code
        == 404
    )


def test_dashboard_panel_per_role(users_by_role, client_for, world):
    for role, user in users_by_role.items():
        page = text(client_for(user).get(reverse("dashboard")))
        assert "Parcours PAM" in page, role
        if role == Role.PROJECT_HOLDER:
            assert f"{world['cohort'].title} : admis·e dans la cohorte" in page
        else:
            assert "4 candidatures, 1 / 2 admis" in page, role
        if role in SELECTORS:
            assert "1 à noter" in page, role  # the proposed organisation
        else:
            assert "à noter" not in page, role


def _candidates(cohort, n, staff, funder_officer):
    for i in range(n):
        candidate = apply(cohort, OrganisationFactory(name=f"Masse {cohort.pk}-{i}").name)
        if i % 2:
            score_both(candidate, staff, funder_officer)


@pytest.mark.parametrize("url_name", ["pathways:detail", "pathways:candidates"])
def test_cohort_pages_cost_the_same_queries_with_few_and_many_candidates(
    client_for, staff, funder_officer, url_name
):
    modules = catalogue()
    client = client_for(staff)
    counts = []
    for n in (3, 40):
        cohort = make_cohort(capacity=40)
        _candidates(cohort, n, staff, funder_officer)
        services.close_intake(cohort, actor=staff)
        for candidate in Candidate.objects.filter(cohort=cohort)[: n // 2]:
            score_both(candidate, staff, funder_officer)
            services.admit(candidate, actor=staff)
        cohort = move_to_the_past(cohort)
        for module in modules[:3]:
            session = held_session(cohort, module, days_ago=10 + module.number)
            for candidate in Candidate.objects.admitted().filter(cohort=cohort):
                attend(session, candidate)
        url = reverse(url_name, args=[cohort.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert f"Masse {cohort.pk}-{n - 1}" in text(response) or url_name == "pathways:detail"
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_candidate_page_costs_the_same_queries_whatever_the_cohort(
    client_for, staff, funder_officer
):
    client = client_for(staff)
    counts = []
    for n in (2, 30):
        cohort = make_cohort(capacity=40)
        _candidates(cohort, n, staff, funder_officer)
        candidate = Candidate.objects.filter(cohort=cohort).last()
        url = reverse("pathways:candidate", args=[candidate.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_scores_keep_their_history_on_the_candidate_page(client_for, staff, world):
    services.score_candidate(world["other"], scores(2, 2, 2), actor=staff)
    page = text(client_for(staff).get(reverse("pathways:candidate", args=[world["other"].pk])))
    assert "Historique" in page


def test_the_intake_questionnaire_names_and_links_its_cohort(db, client_for, staff):
    from ouverture.surveys import services as surveys
    from tests.pathways.factories import make_cohort

    cohort = make_cohort(open_intake=False, title="PAM 2027")
    q = surveys.create_from_definition(
        "pam_intake", actor=staff, subject_ref=f"pathways.cohort:{cohort.pk}"
    )
    page = client_for(staff).get(reverse("surveys:detail", args=[q.pk])).content.decode()
    url = reverse("pathways:detail", args=[cohort.pk])
    assert f'<a href="{url}">Cohorte du PAM « PAM 2027 »</a>' in page


def test_a_draft_cohort_past_its_deadline_reads_closed_and_offers_no_past_session(
    db, client, staff
):
    """The 2025 cohort of the source data stayed a draft: its page must not say "not yet open"
    nor invite to register to sessions already held."""
    import datetime as dt

    from ouverture.pathways import services as pathways
    from tests.pathways.factories import catalogue, make_cohort

    catalogue()
    cohort = make_cohort(open_intake=False)
    pathways.schedule_remaining_modules(cohort, actor=staff)
    assert cohort.sessions.count() == 7
    today = dt.date.today()
    cohort.intake_deadline = today - dt.timedelta(days=400)
    cohort.start_date = today - dt.timedelta(days=380)
    cohort.save(update_fields=["intake_deadline", "start_date"])
    for session in cohort.sessions.select_related("workshop"):
        session.workshop.date = today - dt.timedelta(days=30)
        session.workshop.save(update_fields=["date"])
    page = text(client.get(reverse("pathways:public", args=[cohort.public_key])))
    assert "sont closes : la date limite était le" in page
    assert "pas encore ouvertes" not in page
    assert "s'inscrire" not in page


def test_decision_buttons_read_the_same_on_the_ranking_and_the_candidate_page(
    client_for, staff, world
):
    client = client_for(staff)
    ranking = client.get(reverse("pathways:candidates", args=[world["cohort"].pk])).content.decode()
    candidate = client.get(reverse("pathways:candidate", args=[world["other"].pk])).content.decode()
    for page in (ranking, candidate):
        assert ">Ne pas retenir</button>" in page
        assert ">Liste d'attente</button>" in page
    assert ">Non retenu</button>" not in ranking and ">Attente</button>" not in ranking


def test_withdrawing_asks_for_confirmation_first(client_for, holder, world):
    page = client_for(holder).get(reverse("pathways:candidate", args=[world["own"].pk]))
    assert 'data-confirm="Se désister du parcours ?' in page.content.decode()
