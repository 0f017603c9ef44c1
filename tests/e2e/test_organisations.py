"""A staff member finds a structure and edits it in a real browser; the change is in its history."""

from playwright.sync_api import expect

from tests.organisations.factories import OrganisationFactory


def test_staff_searches_and_edits_an_organisation(transactional_db, live_server, login, staff):
    OrganisationFactory(name="Comité de jumelage de Brebières")
    OrganisationFactory(name="MALCO HDF")
    page = login(staff)
    page.get_by_role("link", name="Structures").click()
    page.get_by_label("Rechercher une structure").fill("brebieres")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Comité de jumelage de Brebières").click()
    page.get_by_role("button", name="Modifier").click()
    page.get_by_label("SIRET").fill("438 535 221 00025")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("la clé de contrôle ne correspond pas")).to_be_visible()
    page.get_by_label("SIRET").fill("438 535 221 00024")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Modifications enregistrées.")).to_be_visible()
    expect(page.locator(".history")).to_contain_text("SIRET : — → 43853522100024")


def test_deleting_a_contact_asks_first(transactional_db, live_server, login, staff):
    from tests.organisations.factories import contact_for

    organisation = OrganisationFactory(name="MALCO HDF")
    contact_for(organisation, name="Camille Martin")
    page = login(staff)
    page.goto(f"{live_server.url}/structures/{organisation.pk}/")
    row = page.locator("tr", has_text="Camille Martin")
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    row.get_by_role("button", name="Supprimer").click()
    assert messages == ["Supprimer le contact Camille Martin ?"]
    expect(row).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Supprimer").click()
    expect(page.locator("tr", has_text="Camille Martin")).to_have_count(0)
