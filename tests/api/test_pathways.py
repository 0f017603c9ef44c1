"""The PAM through the API: cohorts with the cohort page's progress, candidacies in scope."""

import pytest

from ouverture.accounts.enums import Role
from ouverture.pathways import services
from ouverture.pathways.models import Candidate
from ouverture.pathways.progress import cohort_progress
from tests.api.test_coaching import query_counts
from tests.pathways.factories import (
    apply,
    attend,
    catalogue,
    held_session,
    make_cohort,
    move_to_the_past,
)
from tests.pathways.test_services import _walk_to_selection

COHORTS = "/api/v1/parcours/cohortes/"
CANDIDATES = "/api/v1/parcours/candidatures/"


@pytest.fixture
def running(staff, funder_officer):
    cohort, candidates = _walk_to_selection(staff, funder_officer, n=3)
    services.apply_ranking(cohort, actor=staff)
    cohort = move_to_the_past(cohort)
    modules = catalogue()
    first, second, _third = (Candidate.objects.get(pk=c.pk) for c in candidates)
    s1 = held_session(cohort, modules[0], days_ago=50)
    attend(s1, first)
    attend(s1, second, present=False)
    return cohort, first, second


def test_the_cohort_s_progress_is_the_page_s(api_for, running, staff):
    cohort, first, second = running
    body = api_for(staff).get(f"{COHORTS}{cohort.pk}/").json()
    expected = cohort_progress(cohort)
    progress = body["progress"]
    assert progress["admitted"] == expected.admitted == 3
    assert [(s["module_number"], s["present"], s["admitted_present"], s["held"])
            for s in progress["sessions"]] == [(1, 1, 1, True)]  # fmt: skip
    holders = {h["candidate"]: h for h in progress["holders"]}
    assert holders[first.pk]["attended"] == 1 and holders[first.pk]["percent"] == "100"
    assert holders[second.pk]["present_by_session"] == [0]
    assert body["admitted_count"] == 3
    assert "scores" not in str(body)


def test_a_holder_sees_cohorts_without_counts_and_its_own_candidacy(api_for, make_user, running):
    cohort, first, second = running
    holder = make_user(Role.PROJECT_HOLDER, organisation=first.organisation)
    api = api_for(holder)
    row = api.get(COHORTS).json()["resultats"][0]
    assert row["id"] == cohort.pk and "admitted_count" not in row
    assert api.get(f"{COHORTS}{cohort.pk}/").status_code == 403
    assert [c["id"] for c in api.get(CANDIDATES).json()["resultats"]] == [first.pk]
    other = api.get(f"{CANDIDATES}{second.pk}/")
    assert other.status_code == 404 and second.organisation_name not in other.content.decode()


def test_filters_and_query_count(api_for, staff, db):
    cohorts = [make_cohort(title=f"PAM {n}") for n in range(5)]
    for n, cohort in enumerate(cohorts):
        apply(cohort, f"Structure {n}")
    api = api_for(staff)
    assert api.get(COHORTS, {"status": "intake"}).json()["nombre"] == 5
    assert api.get(CANDIDATES, {"cohort": cohorts[0].pk}).json()["nombre"] == 1
    assert api.get(CANDIDATES, {"status": "admis"}).status_code == 400
    for url in (COHORTS, CANDIDATES):
        counts = query_counts(api, url, sizes=(2, 5))
        assert counts[0] == counts[1], url
