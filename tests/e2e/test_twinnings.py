"""Staff launch a verification campaign; the committee opens its personal link
without an account and marks the twinning dormant; the statistics change."""

import re

from django.core import mail
from playwright.sync_api import expect

from tests.twinnings.factories import committee_with_contact, make_agreement


def test_campaign_personal_link_and_statistics(
    transactional_db, live_server, login, staff, browser, browser_context_args, settings
):
    settings.OUVERTURE_BASE_URL = live_server.url
    committee, contact = committee_with_contact(email="comite.arras@example.org")
    make_agreement("62041", "Herten", "DE", status="active", committee=committee, contact=contact)
    make_agreement("62193", "Xiangtan", "CN", status="ended")

    page = login(staff)
    menu = page.get_by_role("navigation", name="Navigation principale")
    menu.get_by_role("link", name="Jumelages").click()
    page.get_by_role("link", name="Statistiques et carte").click()
    statuses = page.locator("#by-status-title + canvas + table")
    expect(statuses.get_by_role("row", name="Actif 1")).to_have_count(1)
    expect(statuses.get_by_role("row", name=re.compile("En sommeil"))).to_have_count(0)
    # The world map is drawn locally from the vendored shapes.
    expect(page.locator("#world-map svg path[data-iso-numeric='276']")).to_have_count(1)
    expect(page.locator("#world-map svg path[data-iso-numeric='156']")).to_have_count(1)

    page.get_by_role("link", name="Campagnes de vérification").click()
    page.get_by_label("Nom de la campagne").fill("Mise à jour de fin d'année")
    page.get_by_label("Jumelages non vérifiés depuis (mois)").fill("12")
    expect(page.locator("#candidates")).to_contain_text("1 jumelage en cours à vérifier")
    page.get_by_role("button", name="Lancer la campagne et envoyer les liens").click()
    expect(page.get_by_text("1 lien personnel envoyé")).to_be_visible()
    expect(page.locator("#invitations")).to_contain_text("en attente")

    (message,) = [m for m in mail.outbox if m.to == ["comite.arras@example.org"]]
    link = re.search(r"https?://\S+/p/verification/\S+/", message.body).group(0)

    committee_context = browser.new_context(**browser_context_args)
    visitor = committee_context.new_page()
    visitor.goto(link)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Votre jumelage : Arras – Herten (Allemagne)"
    )
    visitor.get_by_label("En sommeil").check()
    visitor.get_by_label("Votre nom").fill("Claire Lemaire")
    visitor.get_by_label("Projets à venir").fill("Relancer les échanges scolaires en 2026")
    visitor.get_by_role("button", name="Envoyer ma réponse").click()
    expect(visitor.get_by_text("Merci pour votre réponse")).to_be_visible()
    visitor.goto(link)
    expect(visitor.get_by_role("alert")).to_contain_text("il n'est valable qu'une fois")
    committee_context.close()

    page.reload()
    expect(page.locator("#progress")).to_contain_text("1 sur 1 lien")
    expect(page.locator("#invitations")).to_contain_text("En sommeil")
    expect(page.locator("#invitations")).to_contain_text("par Claire Lemaire")
    menu.get_by_role("link", name="Jumelages").click()
    page.get_by_role("link", name="Statistiques et carte").click()
    statuses = page.locator("#by-status-title + canvas + table")
    expect(statuses.get_by_role("row", name="En sommeil 1")).to_have_count(1)
    expect(statuses.get_by_role("row", name=re.compile("Actif"))).to_have_count(0)
