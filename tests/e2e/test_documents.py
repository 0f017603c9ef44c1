"""Staff write the report's introduction with a live figure, generate the report, open the HTML
preview, follow the sessions figure to the rows behind it, and download the Word file."""

import datetime as dt
import io
import re
from pathlib import Path

from docx import Document as WordDocument
from playwright.sync_api import expect

from ouverture.accounts.services import system_user
from ouverture.agreements import services as agreements
from tests.agreements.factories import make_agreement
from tests.coaching.factories import contact, follow_up_for


def test_staff_writes_generates_and_traces_a_figure(transactional_db, live_server, login, staff):
    agreement = make_agreement(reference="BILAN-E2E")
    agreements.add_commitment(
        agreement, actor=system_user(), label="Accompagnements personnalisés", target=5,
        unit="accompagnements", period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
        indicator_code="coaching.follow_ups_opened", indicator_params={"kind": "coaching"},
    )  # fmt: skip
    follow_up = follow_up_for(opened_on=dt.date(2024, 2, 1))
    for day in (5, 12, 19):
        contact(follow_up, date=dt.date(2024, 3, day), minutes=60)

    page = login(staff)
    page.get_by_role("link", name="Documents", exact=True).first.click()
    page.get_by_role("link", name="Bilan d'activités — BILAN-E2E").click()
    page.get_by_role("link", name="Rédiger : Introduction").click()
    page.get_by_label("Texte").fill("Cette année : [[coaching.sesions]].")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Champ inconnu : « coaching.sesions »")).to_be_visible()
    page.get_by_label("Texte").fill("Cette année, [[coaching.sessions]] ont été tenues.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Texte « Introduction » enregistré.")).to_be_visible()

    page.get_by_label("Format").select_option("docx")
    page.get_by_role("button", name="Générer le document").click()
    link = page.get_by_role("link", name=re.compile(r"télécharger \(DOCX\)"))
    expect(link).to_be_visible()
    with page.expect_download() as download_info:
        link.click()
    data = Path(download_info.value.path()).read_bytes()
    paragraphs = [p.text for p in WordDocument(io.BytesIO(data)).paragraphs]
    assert "Cette année, 3 sessions ont été tenues." in paragraphs

    page.get_by_role("link", name="Aperçu dans la plateforme").click()
    expect(page.get_by_role("heading", name="Introduction")).to_be_visible()
    page.locator("p", has_text="Cette année,").get_by_role("link", name="3 sessions").click()
    expect(
        page.get_by_role("heading", name="Sessions d'accompagnement : 3 sessions")
    ).to_be_visible()
    expect(page.get_by_text("3 lignes derrière ce chiffre")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(3)
