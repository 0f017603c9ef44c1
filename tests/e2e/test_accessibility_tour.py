"""The accessibility tour: the platform's main pages as each role sees them, axe-core (WCAG 2.1
A and AA) on every one, one browser and one page for the whole walk.

The stops are URL names of tests/access/table.py, filled with the records of the access walk's
world (tests/access/world.py), so detail pages are real ones; each stop must be declared 'ok'
for its identity there (a stop that is not reachable would walk a login or error page instead).
The test fails with every page's violations at once, and on any page that answers 500.
"""

import os
from pathlib import Path

from django.conf import settings
from django.test import Client
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.access import table
from tests.access.walk import routes, url_for
from tests.access.world import build_world
from tests.e2e.a11y import violations

# identity -> the URL names it walks (its own dashboard first).
# fmt: off
TOUR = {
    "anonymous": [
        "login", "events:public_list", "events:public_workshop", "events:public_registration",
        "calls:scheme", "opendata:index", "twinnings:verify", "surveys:public", "surveys:answer",
        "pathways:public", "pathways:public_thanks", "surveys:public_thanks", "users:set_password",
        "users:set_password_done",
    ],
    "network_staff": [
        "dashboard",
        "organisations:list", "organisations:detail", "organisations:create",
        "organisations:update", "organisations:contact_update",
        "coaching:recap", "coaching:follow_up", "coaching:log_contact",
        "coaching:follow_up_create", "coaching:follow_up_update", "coaching:import",
        "coaching:interaction_update", "coaching:review_update",
        "events:list", "events:detail", "events:create", "events:update", "events:agenda",
        "events:checkin", "events:review", "events:workshop_review", "events:training",
        "events:training_create",
        "surveys:list", "surveys:detail", "surveys:create", "surveys:update", "surveys:preview",
        "surveys:invite", "surveys:transcribe", "surveys:question_add", "surveys:results",
        "surveys:campaign",
        "pathways:list", "pathways:detail", "pathways:create", "pathways:schedule",
        "pathways:candidates", "pathways:candidate",
        "twinnings:list", "twinnings:detail", "twinnings:create", "twinnings:town",
        "twinnings:statistics", "twinnings:exports", "twinnings:import_home",
        "twinnings:import_batch", "twinnings:conflicts", "twinnings:campaigns",
        "twinnings:campaign",
        "liaison:meetings", "liaison:meeting", "liaison:meeting_create", "liaison:events",
        "liaison:event", "liaison:met_create",
        "privacy:register",
        "calls:list", "calls:dashboard", "calls:applications", "calls:application",
        "assemblies:sittings", "assemblies:sitting", "assemblies:deliberations",
        "assemblies:deliberation",
        "documents:list", "documents:detail", "documents:preview", "documents:figure_rows",
        "api_tokens:list", "api_tokens:create",
    ],
    "coordinator": [
        "dashboard",
        "agreements:list", "agreements:create", "agreements:detail", "agreements:update",
        "agreements:line", "agreements:commitment", "agreements:expenses", "agreements:expense",
        "agreements:schedule",
        "documents:narrative",
    ],
    "finance_manager": [
        "dashboard", "agreements:operations", "agreements:operation",
        "agreements:payment_create",
    ],
    "funder_officer": [
        "dashboard", "assemblies:sitting_create", "assemblies:attendance",
        "assemblies:item_create", "assemblies:item_vote", "calls:dashboard",
        "agreements:operation_create", "assemblies:proxies", "assemblies:item_update",
        "assemblies:item_opinion",
    ],
    "administrator": [
        "users:list", "users:invite", "users:detail", "users:update",
        "api_tokens:service_accounts", "api_tokens:service_account_create",
        "api_tokens:service_token",
    ],
    "holder_a": [
        "dashboard", "organisations:detail", "coaching:follow_up", "twinnings:list",
        "twinnings:detail", "calls:applications", "calls:application",
        "calls:application_create", "pathways:candidate", "events:list", "api_tokens:list",
        # The error pages: a rule's refusal (403), another organisation's record (404 below).
        "coaching:recap",
    ],
    "holder_b": ["organisations:detail"],
}
# fmt: on
# Forms sent empty (the browser's own checks off) once walked: the page of errors is checked too.
ERROR_FORMS = {
    ("anonymous", "events:public_workshop"),
    ("anonymous", "surveys:public"),
    ("anonymous", "pathways:public"),
    ("network_staff", "organisations:create"),
    ("network_staff", "coaching:log_contact"),
    ("network_staff", "events:create"),
    ("administrator", "users:invite"),
    ("holder_a", "calls:application_create"),
}  # fmt: skip
SUBMIT_EMPTY = """() => {
  const forms = [...document.querySelectorAll("main form")]
    .filter(f => f.method === "post" && !f.dataset.confirm);
  const form = forms.sort((a, b) => b.elements.length - a.elements.length)[0];
  form.noValidate = true;
  form.requestSubmit();
}"""

# TOUR_DUMP=<folder>: each page's text is written there, for a person to read the screens.
DUMP = Path(os.environ["TOUR_DUMP"]) if os.environ.get("TOUR_DUMP") else None
ERROR_STOPS = {("holder_a", "coaching:recap"): "403", ("holder_b", "organisations:detail"): "404"}


def _session_cookie(user, live_server):
    """Log the browser in without the form (the login page is walked as anonymous): the
    session of Django's test client, handed to the browser."""
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}


def test_the_main_pages_pass_axe_for_every_role(transactional_db, live_server, page):
    world = build_world()
    by_name = {r.name: r for r in routes()}
    identities = list(table.IDENTITIES)
    found, walked = [], 0
    for identity, names in TOUR.items():
        page.context.clear_cookies()
        user = world.users[identity]
        if user is not None:
            page.context.add_cookies([_session_cookie(user, live_server)])
        for name in names:
            want = ERROR_STOPS.get((identity, name), "ok")
            declared = table.ACCESS[name].get[identities.index(identity)]
            assert declared == want, f"{name} is {declared} for {identity}, the tour wants {want}"
            route = by_name[name]
            url = url_for(route, world.objects, table.params_for(name))
            response = page.goto(live_server.url + url + table.QUERY.get(name, ""))
            status = str(response.status)
            if status != ("200" if want == "ok" else want):
                found.append(f"{identity} {url}: HTTP {status}")
                continue
            assert "text/html" in response.headers.get("content-type", ""), url
            walked += 1
            problems = violations(page)
            if DUMP:
                (DUMP / f"{identity}-{name.replace(':', '-')}.txt").write_text(
                    page.inner_text("body"), encoding="utf-8"
                )
            if problems:
                found.append(f"{identity} {url}:\n  " + "\n  ".join(problems))
            if (identity, name) in ERROR_FORMS:
                # A POST answered, then its page loaded (or swapped in by htmx).
                with page.expect_response(lambda r: r.request.method == "POST"):
                    page.evaluate(SUBMIT_EMPTY)
                errors = page.locator(".errorlist, [aria-invalid='true']").first
                try:
                    errors.wait_for(timeout=10_000)
                    problems = violations(page)
                except PlaywrightTimeout:
                    problems = ["no error shown"]
                if problems:
                    found.append(f"{identity} {url} (sent empty):\n  " + "\n  ".join(problems))
    assert walked == sum(len(names) for names in TOUR.values())
    assert not found, f"{len(found)} page(s) with problems:\n" + "\n".join(found)
