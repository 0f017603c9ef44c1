"""Staff log contacts in a real browser; the recap and its XLSX follow."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from ouverture.core.formats import format_date
from tests.coaching.factories import advice_for, contact, follow_up_for
from tests.organisations.factories import OrganisationFactory


def test_staff_logs_a_contact_and_the_recap_follows(
    transactional_db, live_server, login, staff, tmp_path
):
    today = timezone.localdate()
    follow_up = follow_up_for(
        OrganisationFactory(name="Misola"), opened_on=dt.date(today.year, 1, 1)
    )
    contact(follow_up, date=dt.date(today.year, 1, 1), minutes=60)
    page = login(staff)

    page.get_by_role("link", name="Accompagnements").click()
    expect(page.locator("#recap-table tfoot")).to_contain_text("Total : 1 structure")
    expect(page.locator("#total-sessions")).to_have_text("1")
    expect(page.locator("#total-hours")).to_have_text("1h")

    page.get_by_role("link", name="Tableau de bord").click()
    form = page.locator("#quick-contact")
    # The picker: type a few letters, the matches follow (htmx), tick the right one.
    form.get_by_label("Structure", exact=True).fill("miso")
    choice = form.get_by_label(f"Misola — Accompagnement (depuis le 1er janvier {today.year})")
    expect(choice).to_have_count(1)
    choice.check()
    expect(form.get_by_label("Date", exact=True)).to_have_value(today.isoformat())
    form.get_by_label("Téléphone").check()
    form.get_by_label("Durée", exact=True).fill("25h30")
    form.get_by_role("button", name="Enregistrer le contact").click()
    expect(page.locator("#quick-contact")).to_contain_text("plus de 24h")
    page.locator("#quick-contact").get_by_label("Durée", exact=True).fill("1h30")
    page.locator("#quick-contact").get_by_role("button", name="Enregistrer le contact").click()
    expect(page.locator("#quick-contact")).to_contain_text("Contact enregistré : Téléphone")

    page.get_by_role("link", name="Accompagnements").click()
    expect(page.locator("#total-sessions")).to_have_text("2")
    expect(page.locator("#total-hours")).to_have_text("2h30")
    expect(page.locator("#recap-table tbody")).to_contain_text("Misola")

    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    sheet = load_workbook(target).active
    # Hours are numbers Excel can sum (2h30 = 2.5), shown with an "h" by the cell's format.
    assert [c.value for c in sheet[2]] == ["Misola", "Mobilité jeunesse", "Tél", 2, 2.5]
    assert (sheet["A3"].value, sheet["D3"].value, sheet["E3"].value) == (
        "Total : 1 structure",
        2,
        2.5,
    )

    # A duration typed wrong is corrected from the follow-up page; the recap follows.
    page.goto(f"{live_server.url}{reverse('coaching:follow_up', args=[follow_up.pk])}")
    page.get_by_role(
        "link", name=f"Corriger le contact du {format_date(dt.date(today.year, 1, 1))}"
    ).click()
    duration = page.get_by_role("textbox", name="Durée")
    expect(duration).to_have_value("1h")
    duration.fill("2h")
    page.get_by_role("button", name="Enregistrer la correction").click()
    expect(page.locator(".messages")).to_contain_text("Correction enregistrée")
    page.get_by_role("link", name="Accompagnements").click()
    expect(page.locator("#total-hours")).to_have_text("3h30")


def test_fourth_advice_meeting_is_converted_from_the_organisation_page(
    transactional_db, live_server, login, staff
):
    organisation = OrganisationFactory(name="ACAM")
    advice = advice_for(organisation)
    for day in (1, 2, 3):
        contact(advice, date=dt.date(2023, 2, day))
    page = login(staff)
    page.goto(f"{live_server.url}/structures/{organisation.pk}/")
    expect(page.get_by_role("button", name="Ouvrir un suivi")).to_be_visible()
    page.get_by_text("Consigner un contact").click()
    form = page.locator("#quick-contact")  # loaded by htmx
    form.get_by_label("Présentiel").check()
    form.get_by_label("Durée", exact=True).fill("45 min")
    form.get_by_role("button", name="Enregistrer le contact").click()
    expect(page.locator("#quick-contact .form-errors")).to_contain_text("au plus 3 rendez-vous")
    page.get_by_role(
        "button", name="Transformer en accompagnement et enregistrer ce rendez-vous"
    ).click()
    expect(page.locator("#quick-contact")).to_contain_text(
        "Le suivi est désormais un accompagnement."
    )
    advice.refresh_from_db()
    assert (advice.kind, advice.meeting_count()) == ("coaching", 4)
