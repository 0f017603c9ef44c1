"""A person registers on the public page; staff checks them in on the tablet; the summary counts them."""

import datetime as dt
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ouverture.events import services
from tests.events.factories import make_workshop, register_past
from tests.organisations.factories import OrganisationFactory


def test_public_registration_then_tablet_check_in(
    transactional_db, live_server, page, login, staff
):
    OrganisationFactory(name="MALCO HDF")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    workshop = make_workshop(date=tomorrow, title="Suivi et évaluation de projet")

    # Anonymous: the public page.
    page.goto(f"{live_server.url}/temps-collectifs/p/{workshop.public_key}/")
    page.get_by_label("Nom et prénom").fill("Léa Dupont")
    page.get_by_role("textbox", name="E-mail").fill("lea.dupont@example.org")
    page.get_by_role("textbox", name=re.compile(r"^Structure")).fill("malco hdf")
    page.get_by_label("Type de projet").select_option("youth_mobility")
    page.get_by_label("Atelier 2").check()
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.get_by_text("Cochez la case d'accord")).to_be_visible()
    page.locator("#id_consent").check()
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.get_by_role("heading", name="Votre inscription")).to_be_visible()
    expect(page.locator("[data-status]")).to_have_text("Inscrit·e")
    assert mail.outbox[-1].to == ["lea.dupont@example.org"]

    # The day comes (the workshop is brought forward to today).
    services.update_workshop(workshop, actor=staff, date=timezone.localdate())
    register_past(workshop, full_name="Samir Benali")

    login(staff)
    page.goto(f"{live_server.url}/temps-collectifs/{workshop.pk}/")
    counts = page.locator(".summary-counts")
    expect(counts.locator('[data-count="registered"]')).to_have_text("2")
    expect(counts.locator('[data-count="participants"]')).to_have_text("0")

    page.get_by_role("button", name="Accueil (tablette)").click()
    expect(page.locator(".checkin-row")).to_have_count(2)
    page.get_by_label("Rechercher une personne inscrite").fill("dupont")
    expect(page.locator(".checkin-row")).to_have_count(1)
    page.get_by_role("button", name="Arrivée de Léa Dupont").click()
    expect(page.get_by_role("button", name="Annuler l'arrivée")).to_be_visible()
    expect(page.locator('#checkin-counts [data-count="participants"]')).to_have_text("1")

    page.get_by_role("link", name="Retour au temps collectif").click()
    expect(counts.locator('[data-count="participants"]')).to_have_text("1")
    expect(counts.locator('[data-count="structures"]')).to_have_text("1")
    expect(page.get_by_role("table", name="Structures représentées")).to_contain_text("MALCO HDF")


def test_tablet_check_in_fits_the_screen_with_big_targets(
    transactional_db, live_server, page, login, staff
):
    workshop = make_workshop(days_ahead=0, title="Rencontre du jour")
    register_past(workshop, full_name="Léa Dupont")
    page.set_viewport_size({"width": 768, "height": 1024})
    login(staff)
    page.goto(f"{live_server.url}/temps-collectifs/{workshop.pk}/accueil/")
    expect(page.locator(".checkin-row")).to_have_count(1)
    # The menu wraps: nothing is wider than the tablet, no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    # Touch targets of at least 44 px.
    assert page.get_by_role("button", name="Arrivée de Léa Dupont").bounding_box()["height"] >= 44
    summary = page.get_by_text("Ajouter une personne venue sans inscription")
    assert summary.bounding_box()["height"] >= 44
    # The search text starts after the magnifier icon.
    search = page.get_by_label("Rechercher une personne inscrite")
    assert float(search.evaluate("e => parseFloat(getComputedStyle(e).paddingLeft)")) >= 32
