"""The decision chain in a real browser: a holder applies to the open 62MEI call with a budget,
the funder's officer asks for a completion, the holder completes, the officer proposes it; the
5th commission's opinion, the Commission Permanente's presence with one proxy and its vote by
group are recorded, the deliberation is adopted; its page shows the vote and the agreement, and
the funder's available credit has dropped by the amount."""

import datetime as dt
from decimal import Decimal

from playwright.sync_api import expect

from ouverture.agreements import services as agreements
from ouverture.agreements.hooks import reference_text
from ouverture.assemblies import deliberations, services
from ouverture.assemblies.enums import BodyKind
from ouverture.calls.models import Funder
from tests.assemblies.factories import make_body, make_members, make_sitting
from tests.calls.factories import make_call, make_scheme


def step(page, target, reason=""):
    page.locator("#target").select_option(label=target)
    if reason:
        page.locator("#reason").fill(reason)
    page.get_by_role("button", name="Valider").click()


def test_from_application_to_deliberation(
    transactional_db, live_server, login, holder, holder_organisation, funder_officer, browser
):
    holder_organisation.representative_name = "Camille Martin"
    holder_organisation.save()
    today = dt.date.today()
    scheme = make_scheme(
        code="62mei", acronym="62MEI", name="Pas-de-Calais, mobilité européenne et internationale"
    )
    call = make_call(
        scheme=scheme,
        year=today.year,
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=30),
    )
    funder = Funder.objects.get(pk=scheme.funder_id)
    operation = agreements.create_operation(
        actor=funder_officer, funder=funder.organisation, year=today.year, code="C05-043A06",
        imputation="65748//93043", label="Actions européennes et internationales", credits="10000",
    )  # fmt: skip

    page = login(holder)
    page.goto(f"{live_server.url}/appels/candidatures/nouvelle/")
    page.locator("#id_call").select_option(label=str(call))
    # The organisation picker: a search and a few choices (the holder's own organisation).
    page.locator("#id_organisation-options").get_by_label(str(holder_organisation)).check()
    page.locator("#id_title").fill("Jeunes à Cracovie")
    page.locator("#id_requested_amount").fill("3 000")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.locator("#id_line-label").fill("Voyage")
    page.locator("#id_line-total").fill("4 000")
    page.get_by_role("button", name="Ajouter la dépense").click()
    for label, amount, request in (("Département", "3000", True), ("Fonds propres", "1000", False)):
        page.locator("#id_resource-label").fill(label)
        page.locator("#id_resource-amount").fill(amount)
        if request:
            page.locator("#id_resource-is_request").check()
        page.get_by_role("button", name="Ajouter la ressource").click()
    step(page, "Déposée")
    expect(page.get_by_text("Candidature : Déposée.")).to_be_visible()
    url = page.url

    officer = browser.new_page()
    officer.goto(f"{live_server.url}/connexion/")
    officer.get_by_label("Identifiant").fill(funder_officer.username)
    officer.get_by_label("Mot de passe").fill("secret-pass-123")
    officer.get_by_role("button", name="Se connecter").click()
    officer.goto(url)
    step(officer, "En instruction")
    step(officer, "Complément demandé")
    expect(officer.get_by_text("doit être motivée")).to_be_visible()
    step(officer, "Complément demandé", "Devis du transporteur")

    page.goto(url)
    step(page, "Complétée")
    officer.goto(url)
    step(officer, "En instruction")
    step(officer, "Proposée à la commission")
    expect(officer.get_by_text("Proposée à la commission").first).to_be_visible()

    application = call.applications.get()
    line = agreements.reserve_credit(
        operation, actor=funder_officer, amount="3000", label="Jeunes à Cracovie"
    )
    available = operation.available_amount()
    standing = make_body(funder, kind=BodyKind.STANDING, name="Commission Permanente")
    thematic = make_body(funder, kind=BodyKind.THEMATIC, name="5ème commission")
    members = make_members(standing, {"Groupe A": 3, "Groupe B": 2})
    everyone = members["Groupe A"] + members["Groupe B"]
    sitting = make_sitting(funder_officer, standing, everyone, present=4, date=today)
    services.give_proxy(sitting, everyone[4], everyone[0], actor=funder_officer)
    item = services.add_item(
        sitting, actor=funder_officer, title="62MEI", applications=[application], credit_line=line
    )
    services.give_opinion(
        item, actor=funder_officer, body=thematic, date=today, verdict="favourable"
    )
    services.record_vote(
        item, actor=funder_officer,
        groups={members["Groupe A"][0].group: {"for": 3}, members["Groupe B"][0].group: {"for": 2}},
    )  # fmt: skip
    number = f"{today.year}-900"
    act = deliberations.create_deliberation(
        actor=funder_officer, body=standing, number=number, date=today, title="62MEI", item=item
    )
    deliberations.add_article(
        act,
        actor=funder_officer,
        kind="grant",
        text="D'attribuer 3 000 €",
        beneficiary=holder_organisation,
        amount=Decimal("3000.00"),
    )
    deliberations.add_imputation(act, line, actor=funder_officer)
    deliberations.adopt(act, actor=funder_officer)

    officer.goto(f"{live_server.url}/deliberations/{number}/")
    expect(officer.get_by_text("Pour : 5 voix")).to_be_visible()
    expect(officer.get_by_text("(Adopté)")).to_be_visible()
    expect(officer.get_by_text(f"Conventions : DELIB-{number}-1")).to_be_visible()
    officer.goto(f"{live_server.url}/deliberations/seances/{sitting.pk}/")
    expect(officer.get_by_role("table", name="Vote par groupe")).to_be_visible()
    page.goto(url)
    expect(page.get_by_text("Acceptée").first).to_be_visible()
    assert reference_text(act.agreements.get()).endswith(f"délibération n°{number}")
    assert operation.available_amount() == available  # the proposal had reserved it
    assert operation.credits - operation.available_amount() == Decimal("3000.00")
