"""The decision chain in a real browser: a holder applies to the open 62MEI call with a budget,
the funder's officer asks for a completion, the holder completes, the officer proposes it and
reserves the credit on the operation's screen; the secretariat's screens record the sitting,
the presence table, one proxy (a refused one first, its rule shown next to the field), the
item, the 5th commission's opinion and the vote by group (a refused count first); each of these
pages passes axe-core. The deliberation is then drafted on its screen (the amount and the
beneficiary read from the records; a citation of a missing act refused on its field) and
adopted on the next; its page shows the vote and the agreement, and the funder's available
credit has dropped by the amount."""

import datetime as dt
from decimal import Decimal

from playwright.sync_api import expect

from ouverture.agreements import services as agreements
from ouverture.agreements.hooks import reference_text
from ouverture.assemblies import deliberations
from ouverture.assemblies.enums import BodyKind
from ouverture.assemblies.models import AgendaItem, Deliberation, GroupVote
from ouverture.calls.models import Funder
from ouverture.core.formats import format_money
from tests.assemblies.factories import make_body, make_members
from tests.calls.factories import make_call, make_scheme
from tests.e2e.a11y import assert_accessible


def step(page, target, reason=""):
    page.locator("#target").select_option(label=target)
    if reason:
        page.locator("#reason").fill(reason)
    page.get_by_role("button", name="Valider").click()


def item_voted(sitting_url):
    return GroupVote.objects.filter(
        item__sitting_id=int(sitting_url.rstrip("/").split("/")[-1])
    ).exists()


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
    # The funder's budget: the proposal reserves the credit (the operation's screen).
    officer.goto(f"{live_server.url}/conventions/budget-financeur/{operation.pk}/")
    officer.locator("#id_label").fill("Jeunes à Cracovie")
    officer.locator("#id_amount").fill("3 000")
    officer.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(officer.get_by_text("Proposition de Jeunes à Cracovie enregistrée.")).to_be_visible()
    line = operation.commitments.get()
    available = operation.available_amount()

    # The bodies and their members are reference records (no screen in this issue).
    standing = make_body(funder, kind=BodyKind.STANDING, name="Commission Permanente")
    make_body(funder, kind=BodyKind.THEMATIC, name="5ème commission")
    members = make_members(standing, {"Groupe A": 3, "Groupe B": 2})
    everyone = members["Groupe A"] + members["Groupe B"]

    # The secretariat records the sitting, its presence, one proxy, the item, the opinion and
    # the vote by group through the screens; each page passes axe-core (WCAG 2.1 AA).
    officer.goto(f"{live_server.url}/deliberations/seances/nouvelle/")
    assert_accessible(officer)
    officer.locator("#id_body").select_option(label="Commission Permanente")
    officer.locator("#id_date").fill(today.isoformat())
    officer.locator("#id_place").fill("Arras")
    officer.locator("#id_president").select_option(label=f"{everyone[0].titled_name} (Groupe A)")
    officer.get_by_role("button", name="Enregistrer la séance").click()
    expect(officer.get_by_text("Séance créée")).to_be_visible()
    sitting_url = officer.url

    officer.get_by_role("link", name="Présences", exact=True).click()
    for member in everyone[:4]:
        officer.get_by_label(f"{member.titled_name} : Présent", exact=True).check()
    officer.get_by_label(f"{everyone[4].titled_name} : Excusé", exact=True).check()
    assert_accessible(officer)
    officer.get_by_role("button", name="Enregistrer les présences").click()
    expect(officer.get_by_text("Présences enregistrées.")).to_be_visible()

    officer.get_by_role("link", name="Pouvoirs", exact=True).click()
    giver, holder = officer.locator("#id_giver"), officer.locator("#id_holder")
    giver.select_option(label=f"{everyone[1].titled_name} (Groupe A)")  # present: refused
    holder.select_option(label=f"{everyone[0].titled_name} (Groupe A)")
    officer.get_by_role("button", name="Enregistrer le pouvoir").click()
    expect(officer.locator("#id_giver_error")).to_contain_text(
        "est marqué présent : le mandant d'un pouvoir n'est pas présent"
    )
    expect(officer.get_by_text("Rien n'a été enregistré.")).to_be_visible()
    assert_accessible(officer)
    officer.locator("#id_giver").select_option(label=f"{everyone[4].titled_name} (Groupe B)")
    officer.get_by_role("button", name="Enregistrer le pouvoir").click()
    expect(
        officer.get_by_text(f"Pouvoir de {everyone[4]} à {everyone[0]} enregistré.")
    ).to_be_visible()

    officer.goto(sitting_url)
    officer.get_by_role("link", name="Ajouter un point").click()
    officer.locator("#id_report_number").fill("3")
    officer.locator("#id_title").fill("62MEI")
    officer.get_by_label(str(application)).check()
    officer.locator("#id_credit_line").select_option(label="Jeunes à Cracovie")
    assert_accessible(officer)
    officer.get_by_role("button", name="Enregistrer le point").click()
    expect(officer.get_by_text("Point « 62MEI » enregistré.")).to_be_visible()

    officer.get_by_role("link", name="Avis de commission sur le point 1").click()
    officer.locator("#id_body").select_option(label="5ème commission")
    officer.locator("#id_date").fill(today.isoformat())
    officer.locator("#id_verdict").select_option(label="Favorable")
    officer.get_by_role("button", name="Enregistrer l'avis").click()
    expect(officer.get_by_text("Avis enregistré.")).to_be_visible()

    officer.get_by_role("link", name="Enregistrer le vote du point 1").click()
    expect(officer.get_by_text("soit 5 voix")).to_be_visible()
    officer.get_by_label("Pour — Groupe A").fill("3")
    officer.get_by_label("Pour — Groupe B").fill("1")  # one voice forgotten: refused
    officer.get_by_role("button", name="Enregistrer le vote").click()
    expect(
        officer.get_by_text("Le vote compte 4 voix pour 5 membres présents ou représentés")
    ).to_be_visible()
    assert_accessible(officer)
    assert not item_voted(sitting_url)
    officer.get_by_label("Pour — Groupe B").fill("2")
    officer.get_by_role("button", name="Enregistrer le vote").click()
    expect(officer.get_by_text("Vote enregistré : Adopté.")).to_be_visible()
    # The sitting page: presence per item, who held the proxy, the vote.
    expect(
        officer.get_by_text(f"{everyone[4]} a donné pouvoir à {everyone[0]}").first
    ).to_be_visible()
    expect(officer.get_by_role("table", name="Vote par groupe — point 1")).to_be_visible()
    expect(officer.get_by_text("Pour : 5 voix — Contre : 0 voix")).to_be_visible()
    assert_accessible(officer)

    item = AgendaItem.objects.get(sitting__body=standing)
    sitting = item.sitting
    deliberations.create_deliberation(
        actor=funder_officer, body=standing, number="2023-125", date=dt.date(2023, 3, 25),
        title="L'ouverture au monde du Pas-de-Calais",
    )  # fmt: skip
    number = f"{today.year}-900"

    # The act is drafted on its screen: the amount and the beneficiary come from the records.
    officer.get_by_role("link", name="Délibération du point 1").click()
    expect(officer.get_by_role("table", name="Articles d'attribution")).to_contain_text(
        str(holder_organisation)
    )
    expect(officer.get_by_role("table", name="Articles d'attribution")).to_contain_text(
        format_money(Decimal("3000"))
    )
    officer.locator("#id_number").fill(number)
    officer.locator("#id_texts").fill("le Code Général des Collectivités Territoriales")
    officer.locator("#id_citations").fill("2023-125, 2019-1")  # 2019-1 is no record: refused
    officer.locator("#id_signatory_1_title").fill("Le Président du Conseil départemental")
    officer.locator("#id_signatory_1_name").fill("Jean-Claude LEROY")
    officer.get_by_role("button", name="Rédiger la délibération").click()
    expect(officer.locator("#id_citations_error")).to_contain_text(
        "La délibération n°2019-1 citée n'existe pas"
    )
    expect(officer.get_by_text("Rien n'a été enregistré.")).to_be_visible()
    assert not Deliberation.objects.filter(number=number).exists()
    assert_accessible(officer)
    officer.locator("#id_citations").fill("2023-125")
    officer.get_by_role("button", name="Rédiger la délibération").click()
    expect(officer.get_by_text(f"Délibération n°{number} rédigée")).to_be_visible()
    expect(officer.get_by_role("table", name="Crédits engagés à l'adoption")).to_contain_text(
        "C05-043A06"
    )
    assert_accessible(officer)
    officer.get_by_role("button", name="Adopter la délibération").click()
    expect(officer.get_by_text(f"Délibération n°{number} adoptée")).to_be_visible()
    act = Deliberation.objects.get(number=number)
    assert [c.cited.number for c in act.citations.exclude(cited=None)] == ["2023-125"]
    line.refresh_from_db()
    assert line.status == "committed" and line.agreement == act.agreements.get()

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
