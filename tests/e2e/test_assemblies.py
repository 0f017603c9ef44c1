"""The secretariat's pages in the browser: axe-core (WCAG 2.1 A/AA) on each of them, with a
refused row shown; the attendance tables work without JavaScript."""

from playwright.sync_api import expect

from ouverture.assemblies import services
from ouverture.assemblies.enums import BodyKind
from ouverture.assemblies.models import Attendance, ItemAttendance
from tests.assemblies.factories import make_body, make_members, make_sitting
from tests.e2e.a11y import assert_accessible, violations


def test_axe_runs_and_finds_an_unlabelled_field(page):
    page.set_content('<!doctype html><html lang="fr"><title>t</title><main><input></main></html>')
    assert any(v.startswith("label") for v in violations(page))


def test_secretariat_pages_pass_axe(transactional_db, live_server, login, funder_officer, actor):
    body = make_body(kind=BodyKind.STANDING, name="Commission Permanente")
    make_body(body.funder, kind=BodyKind.THEMATIC, name="5ème commission")
    members = make_members(body, {"Groupe A": 30, "Groupe B": 18})  # 48 members
    everyone = members["Groupe A"] + members["Groupe B"]
    sitting = make_sitting(actor, body, everyone, present=45)
    services.give_proxy(sitting, everyone[45], everyone[0], actor=actor)
    item = services.add_item(sitting, actor=actor, title="Rapport n°2", report_number="2")
    page = login(funder_officer)
    base = f"{live_server.url}/deliberations/seances"
    for path in (
        "/", f"/{sitting.pk}/", f"/{sitting.pk}/modifier/", f"/{sitting.pk}/pouvoirs/",
        f"/{sitting.pk}/points/{item.pk}/modifier/", f"/{sitting.pk}/points/{item.pk}/avis/",
        f"/{sitting.pk}/points/{item.pk}/vote/",
    ):  # fmt: skip
        page.goto(base + path)
        assert_accessible(page)
    # The 48-member table: the giver of the proxy marked present is refused on his row.
    page.goto(f"{base}/{sitting.pk}/presences/")
    expect(page.locator('input[type="radio"]')).to_have_count(48 * 3)
    page.get_by_label(f"{everyone[45].titled_name} : Présent", exact=True).check()
    page.get_by_role("button", name="Enregistrer les présences").click()
    row_error = page.locator(f"#m{everyone[45].pk}-error")
    expect(row_error).to_contain_text("le mandant d'un pouvoir n'est pas présent")
    expect(
        page.get_by_label(f"{everyone[45].titled_name} : Présent", exact=True)
    ).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    assert Attendance.objects.get(sitting=sitting, member=everyone[45]).status == "excused"


def test_item_attendance_without_javascript(
    transactional_db, live_server, browser, funder_officer, actor
):
    body = make_body(kind=BodyKind.STANDING, name="Commission Permanente")
    members = make_members(body, {"Groupe A": 6})["Groupe A"]
    sitting = make_sitting(actor, body, members, present=6)
    item = services.add_item(sitting, actor=actor, title="Rapport")
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Identifiant").fill(funder_officer.username)
    page.get_by_label("Mot de passe").fill("secret-pass-123")
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{live_server.url}/deliberations/seances/{sitting.pk}/points/{item.pk}/presences/")
    page.get_by_label(f"{members[2].titled_name} : Sorti avant ce point", exact=True).check()
    page.get_by_label(f"{members[3].titled_name} : Ne prend pas part au vote", exact=True).check()
    page.get_by_role("button", name="Enregistrer les présences sur ce point").click()
    expect(page.get_by_text(f"Sortis avant ce point : {members[2].titled_name}.")).to_be_visible()
    assert ItemAttendance.objects.filter(item=item).count() == 2
    context.close()


def test_bodies_and_members_pages_pass_axe(transactional_db, live_server, login, funder_officer):
    body = make_body(kind=BodyKind.STANDING, name="Commission Permanente")
    make_members(body, {"Groupe A": 2})
    page = login(funder_officer)
    page.goto(f"{live_server.url}/deliberations/seances/")
    page.get_by_role("link", name="Instances et élus").click()
    assert_accessible(page)
    page.get_by_role("link", name="Nouvel élu").click()
    page.locator("#id_civility").select_option("Mme")
    page.locator("#id_first_name").fill("Zohra")
    page.locator("#id_last_name").fill("OUAGUEF")
    page.locator("#id_group").select_option(label="Groupe A")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer l'élu").click()
    expect(page.get_by_text("enregistré : ajoutez ses mandats")).to_be_visible()
    page.locator("#id_mandate-body").select_option(label=str(body))
    page.locator("#id_mandate-starts_on").fill("2021-07-01")
    page.locator("#id_mandate-ends_on").fill("2021-06-01")  # before its start: refused
    page.get_by_role("button", name="Ajouter le mandat").click()
    expect(page.locator("#id_mandate-ends_on_error")).to_contain_text("précède son début")
    assert_accessible(page)
    page.locator("#id_mandate-ends_on").fill("")
    page.get_by_role("button", name="Ajouter le mandat").click()
    expect(page.get_by_text("Mandat de")).to_be_visible()
    page.get_by_role("link", name="Commission Permanente").first.click()
    expect(page.get_by_role("table", name="Mandats dans Commission Permanente")).to_contain_text(
        "OUAGUEF"
    )
    assert_accessible(page)
