"""Staff invites a person; the person answers by the personal link, a conditional
question appearing on the way; the results page counts the answer in its chart."""

import re

from playwright.sync_api import expect

from tests.e2e.charts import chart_data
from tests.surveys.factories import questionnaire


def test_invite_answer_by_personal_link_and_see_the_chart(
    transactional_db, live_server, login, staff, browser, mailoutbox
):
    q = questionnaire(title="Évaluation du temps collectif")
    page = login(staff)
    page.get_by_role("link", name="Questionnaires").click()
    page.get_by_role("link", name="Évaluation du temps collectif").click()
    page.get_by_role("button", name="Inviter").click()
    page.get_by_label("Personnes à inviter").fill("Camille Martin ; camille@example.org")
    page.get_by_role("button", name="Envoyer les invitations").click()
    expect(page.get_by_text("1 invitation envoyée.")).to_be_visible()
    expect(page.locator("#invitations-title + table")).to_contain_text("pas encore")

    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["camille@example.org"]
    link = re.search(r"http://\S+/questionnaires/p/\S+/", mailoutbox[0].body).group(0)
    path = link.split("/questionnaires/", 1)[1]

    # The person has no account: a fresh browser context, nobody logged in.
    context = browser.new_context(locale="fr-FR")
    answer = context.new_page()
    answer.goto(f"{live_server.url}/questionnaires/{path}")
    expect(answer.get_by_text("Lien personnel de Camille Martin")).to_be_visible()
    topic = answer.get_by_label("Sur quel sujet ?")
    expect(topic).to_be_hidden()
    answer.locator("#question-expectations").get_by_label("Le budget").check()
    answer.locator("#question-other_workshop").get_by_label("Oui").check()
    expect(topic).to_be_visible()
    topic.fill("Un atelier d'écriture")
    answer.locator("#question-satisfaction").get_by_label("4", exact=True).check()
    answer.get_by_role("button", name="Envoyer ma réponse").click()
    expect(answer.get_by_text("votre réponse a bien été enregistrée")).to_be_visible()
    context.close()

    page.goto(f"{live_server.url}/questionnaires/{q.pk}/resultats/")
    expect(page.locator("#response-rate")).to_contain_text("1 réponse sur 1 personne invitée")
    result = page.locator("#result-other_workshop")
    expect(result.get_by_role("row", name="Oui 1")).to_be_visible()
    expect(result.get_by_role("row", name="Non 0")).to_be_visible()
    canvas = result.locator("canvas")
    expect(canvas).to_be_visible()
    data = chart_data(page, canvas)
    assert data == [1, 0]
    expect(page.locator("#result-which")).to_contain_text("Un atelier d'écriture")
