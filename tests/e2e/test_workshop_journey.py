"""The issue's journey: a holder registers on the public page, staff checks them in,
sends the satisfaction questionnaire to the people present, the holder answers by the
personal link received by e-mail, and the results page charts the answer."""

import datetime as dt
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ouverture.events import services
from tests.e2e.charts import chart_data
from tests.events.factories import make_workshop
from tests.organisations.factories import OrganisationFactory


def test_register_check_in_answer_the_questionnaire_and_see_the_chart(
    transactional_db, live_server, page, login, staff, browser
):
    OrganisationFactory(name="MALCO HDF")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    workshop = make_workshop(date=tomorrow, title="Dépôt de projet")

    # The holder, without an account, on the public page.
    holder = browser.new_context(locale="fr-FR")
    public = holder.new_page()
    public.goto(f"{live_server.url}/temps-collectifs/p/{workshop.public_key}/")
    public.get_by_label("Nom et prénom").fill("Léa Dupont")
    public.get_by_role("textbox", name="E-mail").fill("lea.dupont@example.org")
    public.get_by_role("textbox", name=re.compile(r"^Structure")).fill("MALCO HDF")
    public.get_by_label("Type de projet").select_option("youth_mobility")
    public.get_by_label("Atelier 1").check()
    public.locator("#id_consent").check()
    public.get_by_role("button", name="M'inscrire").click()
    expect(public.get_by_role("heading", name="Votre inscription")).to_be_visible()

    # The day comes.
    services.update_workshop(workshop, actor=staff, date=timezone.localdate())

    login(staff)
    page.goto(f"{live_server.url}/temps-collectifs/{workshop.pk}/")
    page.get_by_role("button", name="Accueil (tablette)").click()
    page.get_by_role("button", name="Arrivée de Léa Dupont").click()
    expect(page.get_by_role("button", name="Annuler l'arrivée")).to_be_visible()
    page.get_by_role("link", name="Retour au temps collectif").click()

    satisfaction = page.locator("#satisfaction")
    expect(satisfaction).to_contain_text("Aucun questionnaire d'évaluation rattaché.")
    page.get_by_role("button", name="Créer le questionnaire d'évaluation").click()
    expect(page.get_by_text("Questionnaire d'évaluation créé (brouillon)")).to_be_visible()
    sent_before = len(mail.outbox)
    page.get_by_role("button", name="Envoyer aux personnes présentes").click()
    expect(page.get_by_text("Questionnaire envoyé à 1 personne présente.")).to_be_visible()
    expect(satisfaction.locator("[data-rate]")).to_have_text("0 réponse sur 1 participant (0 %)")

    # The personal link, from the e-mail the holder received.
    (message,) = mail.outbox[sent_before:]
    assert message.to == ["lea.dupont@example.org"]
    link = re.search(r"http://\S+(/questionnaires/p/\S+/)", message.body).group(1)
    public.goto(f"{live_server.url}{link}")
    expect(public.get_by_text("Lien personnel de Léa Dupont")).to_be_visible()
    public.locator("#question-expectations").get_by_label("Construire mon budget").check()
    public.locator("#question-other_workshop").get_by_label("Non").check()
    public.locator("#question-sessions").get_by_label("Atelier 1").check()
    for code in ("satisfaction", "format", "facilitation", "content", "materials"):
        public.locator(f"#question-{code}").get_by_label("4", exact=True).check()
    public.locator("#question-satisfaction").get_by_label("5", exact=True).check()
    public.locator("#question-timing").get_by_label("Adapté").check()
    public.get_by_label("Quels sont les principaux enseignements").fill("Le budget à l'équilibre")
    public.get_by_role("button", name="Envoyer ma réponse").click()
    expect(public.get_by_text("votre réponse a bien été enregistrée")).to_be_visible()
    holder.close()

    # The workshop page counts it; the results page charts it.
    page.reload()
    expect(satisfaction.locator("[data-rate]")).to_have_text("1 réponse sur 1 participant (100 %)")
    page.get_by_role("link", name="Résultats et graphiques").click()
    result = page.locator("#result-satisfaction")
    expect(result.get_by_role("row", name="5 — Très satisfait 1")).to_be_visible()
    canvas = result.locator("canvas")
    expect(canvas).to_be_visible()
    assert chart_data(page, canvas) == [0, 0, 0, 0, 1]
    sessions = page.locator("#result-sessions")
    expect(sessions.get_by_role("row", name="Atelier 1 1")).to_be_visible()
    expect(page.locator("#result-lessons")).to_contain_text("Le budget à l'équilibre")
