"""Joint selection in the browser: a holder applies on the cohort's public page (a
conditional question on the way), staff closes the intake and scores, the funder's
officer scores too, sees both sides' scores and admits by the ranking."""

from playwright.sync_api import expect

from ouverture.pathways.models import Candidate
from tests.organisations.factories import OrganisationFactory
from tests.pathways.factories import apply, catalogue, make_cohort


def _score(page, coherence, maturity, experience):
    page.locator("#score-form summary").click()
    page.get_by_label("Cohérence de l'idée de projet (0 à 5)").fill(str(coherence))
    page.get_by_label("Niveau de maturité du projet (0 à 5)").fill(str(maturity))
    page.get_by_label("Expérience du porteur (0 à 5)").fill(str(experience))
    page.get_by_role("button", name="Enregistrer les notes").click()


def test_apply_score_on_both_sides_and_admit_by_the_ranking(
    transactional_db, live_server, page, login, staff, funder_officer, browser
):
    catalogue()
    OrganisationFactory(name="Association Jeunes du Monde")
    OrganisationFactory(name="Comité Ouverture")
    cohort = make_cohort(title="PAM 2027", capacity=1)
    apply(cohort, "Comité Ouverture", name="Noé Bernard")

    # A holder applies on the public page, without an account.
    holder = browser.new_context(locale="fr-FR")
    public = holder.new_page()
    public.goto(f"{live_server.url}/parcours/p/{cohort.public_key}/")
    expect(public.get_by_role("heading", name="Déposer votre idée de projet")).to_be_visible()
    public.get_by_label("Votre nom").fill("Léa Dupont")
    public.get_by_label("Votre adresse e-mail").fill("lea@example.org")
    public.get_by_label("Nom de votre structure").fill("association jeunes du monde")
    public.get_by_label("Quel est votre projet ? (quoi)").fill("Un chantier de jeunes au Sénégal")
    public.get_by_label("Pourquoi ce projet ?").fill("Ouvrir nos jeunes au monde")
    public.locator("#question-destination").get_by_label("À l'international (hors Europe)").check()
    detail = public.get_by_label("Décrivez brièvement cette expérience")
    expect(detail).to_be_hidden()
    public.locator("#question-experience").get_by_label("Oui").check()
    expect(detail).to_be_visible()
    detail.fill("Un échange en 2023 avec la Pologne")
    public.locator("#question-group").get_by_label("Non, pas encore").check()
    public.locator("#question-partnership").get_by_label("Non").check()
    public.get_by_role("button", name="Envoyer ma candidature").click()
    expect(public.get_by_role("heading", name="Merci, votre candidature")).to_be_visible()
    holder.close()

    # Staff closes the intake and scores both candidates.
    login(staff)
    page.goto(f"{live_server.url}/parcours/{cohort.pk}/")
    page.get_by_role("button", name="Clore les candidatures et passer à la sélection").click()
    expect(page.locator("[data-status]")).to_have_text("Sélection")
    page.get_by_role("button", name="Candidatures et sélection").click()
    page.get_by_role("link", name="Association Jeunes du Monde").click()
    expect(page.get_by_text("Un échange en 2023 avec la Pologne")).to_be_visible()
    _score(page, 5, 4, 4)
    expect(page.get_by_text("Notes de Association Jeunes du Monde enregistrées.")).to_be_visible()
    page.goto(f"{live_server.url}/parcours/{cohort.pk}/candidatures/")
    page.get_by_role("link", name="Comité Ouverture").click()
    _score(page, 3, 3, 6)
    expect(
        page.get_by_text("6 pour « Expérience du porteur » : une note va de 0 à 5.")
    ).to_be_visible()
    page.get_by_label("Expérience du porteur (0 à 5)").fill("3")
    page.get_by_role("button", name="Enregistrer les notes").click()
    expect(page.get_by_text("Notes de Comité Ouverture enregistrées.")).to_be_visible()

    # The funder's officer, in another session, scores and sees both sides.
    funder = browser.new_context(locale="fr-FR")
    officer = funder.new_page()
    officer.goto(f"{live_server.url}/connexion/")
    officer.get_by_label("Identifiant").fill(funder_officer.username)
    officer.get_by_label("Mot de passe").fill("secret-pass-123")
    officer.get_by_role("button", name="Se connecter").click()
    officer.goto(f"{live_server.url}/parcours/{cohort.pk}/candidatures/")
    ranking = officer.locator("#ranking")
    expect(ranking).to_contain_text("incomplet")
    for name, values in (
        ("Association Jeunes du Monde", (4, 4, 3)),
        ("Comité Ouverture", (4, 3, 3)),
    ):
        officer.goto(f"{live_server.url}/parcours/{cohort.pk}/candidatures/")
        officer.get_by_role("link", name=name).click()
        _score(officer, *values)
        expect(officer.get_by_text(f"Notes de {name} enregistrées.")).to_be_visible()
    officer.goto(f"{live_server.url}/parcours/{cohort.pk}/candidatures/")
    first = Candidate.objects.get(organisation__name="Association Jeunes du Monde")
    row = officer.locator(f'tr[data-candidate="{first.pk}"]')
    expect(row.locator('[data-side="network"]')).to_have_text("13")
    expect(row.locator('[data-side="funder"]')).to_have_text("11")
    officer.get_by_role("button", name="Admettre selon le classement").click()
    expect(
        officer.get_by_text("1 porteur admis selon le classement, 1 sur la liste d'attente.")
    ).to_be_visible()
    expect(row.locator("[data-decision]")).to_have_text("Admis·e dans la cohorte")
    expect(officer.locator("[data-count=admitted]")).to_have_text("1 / 1")
    funder.close()

    # Staff sees the same decision; a second admission is refused.
    page.goto(f"{live_server.url}/parcours/{cohort.pk}/candidatures/")
    expect(page.get_by_text("Liste d'attente n° 1")).to_be_visible()
    page.get_by_role("button", name="Admettre Comité Ouverture").click()
    expect(
        page.get_by_text("La cohorte est complète : 1 porteur admis pour 1 place.")
    ).to_be_visible()
