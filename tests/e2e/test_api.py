"""The API's documentation page renders offline under the CSP; a token is created on screen."""

import re

from playwright.sync_api import expect


def test_the_documentation_page_renders_under_the_csp(transactional_db, live_server, page):
    violations, requests = [], []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("API d'Ouverture")
    expect(page.get_by_text("/api/v1/structures/", exact=True).first).to_be_visible()
    assert violations == []
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requests)


def test_a_person_creates_a_token_and_sees_it_once(
    transactional_db, live_server, page, login, staff
):
    login(staff)
    page.get_by_role("link", name="Mes jetons d'API").click()
    page.get_by_role("button", name="Créer un jeton").click()
    page.get_by_label("Nom du jeton").fill("Tableur du service")
    page.get_by_role("button", name="Créer le jeton").click()
    key = page.get_by_label("Jeton").input_value()
    assert re.fullmatch(r"ouv_[\w-]{43}", key)
    page.get_by_role("link", name="Retour à la liste des jetons").click()
    expect(page.get_by_role("cell", name="Tableur du service", exact=True)).to_be_visible()
    assert key not in page.content()
