"""Twinnings pages, for each role; forms that refuse bad input; the statistics page's SQL."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ouverture.accounts.enums import Role
from ouverture.geo.models import Commune
from ouverture.twinnings.enums import AgreementStatus, PartyKind
from ouverture.twinnings.models import Agreement, AgreementPartner, LocalParty, PartnerTown
from ouverture.twinnings.stats import analyze_register
from tests.organisations.factories import OrganisationFactory, contact_for
from tests.twinnings.factories import make_agreement
from tests.utils import text

INSTITUTIONAL = {
    Role.NETWORK_STAFF, Role.COORDINATOR, Role.FINANCE_MANAGER, Role.FUNDER_OFFICER,
    Role.ADMINISTRATOR,
}  # fmt: skip
EDITORS = {Role.NETWORK_STAFF, Role.COORDINATOR, Role.ADMINISTRATOR}


@pytest.fixture
def agreements(holder_organisation):
    own = make_agreement("62041", "Herten", "DE", committee=holder_organisation, status="active")
    other = make_agreement("62193", "Dover", "GB", status="dormant")
    return own, other


def test_login_is_required(client, agreements):
    own, _ = agreements
    for name, args in [("list", []), ("detail", [own.pk]), ("statistics", []), ("campaigns", []),
                       ("import_home", []), ("export_active", [])]:  # fmt: skip
        response = client.get(reverse(f"twinnings:{name}", args=args))
        assert response.status_code == 302 and response.url.startswith(reverse("login")), name


def test_list_per_role(users_by_role, client_for, agreements):
    for role, user in users_by_role.items():
        response = client_for(user).get(reverse("twinnings:list"))
        assert response.status_code == 200, role
        shown = {str(a) for a in response.context["page"]}
        expected = {"Arras – Herten (Allemagne)"} | (
            {"Calais – Dover (Royaume-Uni)"} if role in INSTITUTIONAL else set()
        )
        assert shown == expected, role


def test_detail_per_role(users_by_role, client_for, agreements):
    own, other = agreements
    for role, user in users_by_role.items():
        client = client_for(user)
        assert client.get(reverse("twinnings:detail", args=[own.pk])).status_code == 200, role
        response = client.get(reverse("twinnings:detail", args=[other.pk]))
        assert response.status_code == (200 if role in INSTITUTIONAL else 404), role
        if role in INSTITUTIONAL:
            assert "Historique" in text(response), role
            assert ("Enregistrer la vérification" in text(response)) == (role in EDITORS), role


PAGES = {
    # name: (args builder, roles allowed)
    "create": (lambda own: [], EDITORS),
    "update": (lambda own: [own.pk], EDITORS),
    "statistics": (lambda own: [], INSTITUTIONAL),
    "exports": (lambda own: [], INSTITUTIONAL),
    "export_active": (lambda own: [], INSTITUTIONAL),
    "export_mailing": (lambda own: [], INSTITUTIONAL),
    "import_home": (lambda own: [], EDITORS),
    "campaigns": (lambda own: [], EDITORS),
    "campaign_candidates": (lambda own: [], EDITORS),
    "town": (lambda own: [own.partners.get().town_id], set(Role)),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_per_role(users_by_role, client_for, agreements, name):
    own, _ = agreements
    args, allowed = PAGES[name]
    for role, user in users_by_role.items():
        response = client_for(user).get(reverse(f"twinnings:{name}", args=args(own)))
        assert response.status_code == (200 if role in allowed else 403), (name, role)


POSTS = {
    "verification": lambda a: [a.pk],
    "review_done": lambda a: [a.pk],
    "source_add": lambda a: [a.pk],
    "party_add": lambda a: [a.pk],
    "partner_add": lambda a: [a.pk],
    "party_remove": lambda a: [a.pk, a.local_parties.get().pk],
    "partner_remove": lambda a: [a.pk, a.partners.get().pk],
}


@pytest.mark.parametrize("name", sorted(POSTS))
def test_writes_per_role(users_by_role, client_for, agreements, name):
    own, other = agreements
    for role, user in users_by_role.items():
        client = client_for(user)
        response = client.post(reverse(f"twinnings:{name}", args=POSTS[name](other)), {})
        expected = {200, 302} if role in EDITORS else ({403} if role in INSTITUTIONAL else {404})
        assert response.status_code in expected, (name, role, response.status_code)
        if role == Role.PROJECT_HOLDER:
            response = client.post(reverse(f"twinnings:{name}", args=POSTS[name](own)), {})
            assert response.status_code == 403, name
    # Nothing was removed: an agreement keeps its last party and partner.
    assert other.local_parties.count() == 1 and other.partners.count() == 1


def test_import_and_campaign_pages_of_a_record_per_role(users_by_role, client_for, actor):
    from ouverture.twinnings.campaigns import launch_campaign
    from ouverture.twinnings.services import upload_import

    make_agreement("62041", "Herten", "DE")
    batch = upload_import(actor=actor, content=b"Commune;Ville partenaire;Pays\nArras;Herten;DE\n",
                          filename="a.csv")  # fmt: skip
    campaign = launch_campaign(actor=actor, name="C", stale_months=0)
    for role, user in users_by_role.items():
        client = client_for(user)
        expected = 200 if role in EDITORS else 403
        assert (
            client.get(reverse("twinnings:import_batch", args=[batch.pk])).status_code == expected
        )
        assert client.get(reverse("twinnings:campaign", args=[campaign.pk])).status_code == expected
        assert client.post(reverse("twinnings:import_run", args=[batch.pk])).status_code in (
            {302} if role in EDITORS else {403}
        )


def test_staff_creates_an_agreement(client_for, staff):
    committee = OrganisationFactory(name="Comité de jumelage de Bapaume", twinning=True)
    germany = "DE"
    response = client_for(staff).post(reverse("twinnings:create"), {
        "kind": "twinning", "status": "active", "commune": "Bapaume (62080)",
        "local_signed": "12/05/1968", "partner_name": "Moers", "partner_country": germany,
        "partner_signed": "1968", "committee": committee.pk,
    })  # fmt: skip
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert str(agreement) == "Bapaume – Moers (Allemagne)"
    assert agreement.local_parties.get().signature == "12 mai 1968"
    assert agreement.partners.get().signed_year == 1968
    assert agreement.committee == committee
    assert agreement.history.first().history_user == staff


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("commune", "Flers", "Plusieurs communes s'appellent « Flers »"),
        ("commune", "62999", "n'est pas celui d'une commune"),
        ("local_signed", "01/01/2999", "dans le futur"),
        ("partner_signed", "2999", "dans le futur"),
        ("partner_country", "ZZ", "Sélectionnez un choix valide"),
        ("partner_country", "FR", "Sélectionnez un choix valide"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(client_for, staff, field, value, message):
    data = {"kind": "twinning", "status": "unknown", "commune": "Arras (62041)",
            "partner_name": "Herten", "partner_country": "DE", field: value}  # fmt: skip
    response = client_for(staff).post(reverse("twinnings:create"), data)
    assert response.status_code == 200
    assert message in text(response)
    assert "Rien n'a été enregistré" in text(response)
    assert not Agreement.objects.exists()


def test_a_duplicate_pair_is_refused_on_the_form(client_for, staff):
    make_agreement("62041", "Herten", "DE")
    data = {"kind": "twinning", "status": "unknown", "commune": "Arras (62041)",
            "partner_name": "HERTEN", "partner_country": "DE"}  # fmt: skip
    response = client_for(staff).post(reverse("twinnings:create"), data)
    assert "déjà enregistré" in text(response)
    assert Agreement.objects.count() == 1


def test_record_page_edits(client_for, staff):
    agreement = make_agreement("59350", "Erfurt", "DE")
    client = client_for(staff)
    client.post(reverse("twinnings:verification", args=[agreement.pk]), {"status": "active"})
    client.post(reverse("twinnings:review_done", args=[agreement.pk]), {"note": "vu"})
    client.post(reverse("twinnings:source_add", args=[agreement.pk]),
                {"url": "https://www.lille.fr/jumelages", "note": "site de la ville"})  # fmt: skip
    client.post(reverse("twinnings:partner_add", args=[agreement.pk]),
                {"name": "Cologne", "country": "DE", "signed": "1958"})  # fmt: skip
    client.post(reverse("twinnings:party_add", args=[agreement.pk]),
                {"kind": "departement", "departement": "59"})  # fmt: skip
    agreement.refresh_from_db()
    assert agreement.status == "active" and agreement.verified_by == staff
    assert not agreement.needs_review
    assert agreement.sources.get().note == "site de la ville"
    assert agreement.partners.count() == 2 and agreement.local_parties.count() == 2
    page = text(client.get(reverse("twinnings:detail", args=[agreement.pk])))
    assert "statut : Inconnu → Actif" in page
    bad = client.post(reverse("twinnings:partner_add", args=[agreement.pk]),
                      {"name": "Nulle part", "country": "DE", "signed": "3000"})  # fmt: skip
    assert "dans le futur" in text(bad)
    assert agreement.partners.count() == 2


def test_import_through_the_screens(client_for, staff):
    client = client_for(staff)
    content = "Ville;Jumelée avec;Nation\nArras;Herten;Allemagne\nFlers;Warminster;England\n"
    upload = io.BytesIO(content.encode())
    upload.name = "liste.csv"
    response = client.post(reverse("twinnings:import_home"), {"file": upload, "encoding": "utf-8"})
    assert response.status_code == 302
    batch_url = response.url
    page = client.get(batch_url)
    assert "Aperçu du fichier" in text(page) and "Warminster" in text(page)
    mapping = {"map_commune_name": "Ville", "map_partner_name": "Jumelée avec",
               "map_partner_country": "Nation"}  # fmt: skip
    page = client.post(batch_url, mapping, follow=True)
    body = text(page)
    assert "1 ligne en erreur" in body
    assert "Plusieurs communes s'appellent « Flers »" in body
    assert "Importer les" not in body
    assert not Agreement.objects.exists()
    # The person fixes the file: a new upload without the homonym.
    upload = io.BytesIO("Ville;Jumelée avec;Nation\nArras;Herten;Allemagne\n".encode())
    upload.name = "liste.csv"
    batch_url = client.post(reverse("twinnings:import_home"), {"file": upload}).url
    client.post(batch_url, mapping)
    page = client.get(batch_url)
    assert "Importer les 1 jumelage" in text(page)
    assert not Agreement.objects.exists()
    pk = int(batch_url.rstrip("/").rsplit("/", 1)[1])
    done = client.post(reverse("twinnings:import_run", args=[pk]), follow=True)
    assert "Import terminé : 1 jumelage créé" in text(done)
    assert Agreement.objects.get().history.first().history_user == staff


def test_unreadable_uploads_are_refused(client_for, staff):
    upload = io.BytesIO("Commune;Pays\nBéthune;Allemagne\n".encode("cp1252"))
    upload.name = "latin.csv"
    response = client_for(staff).post(
        reverse("twinnings:import_home"), {"file": upload, "encoding": "utf-8"}
    )
    assert response.status_code == 200
    assert "n'est pas en UTF-8" in text(response)


def test_exports_for_the_funder(client_for, funder_officer, holder_organisation):
    committee = OrganisationFactory(name="Comité d'Arras", twinning=True)
    contact = contact_for(committee, name="Claire Lemaire", email="claire@example.org")
    make_agreement("62041", "Herten", "DE", status="active", committee=committee, contact=contact)
    make_agreement("62041", "Ipswich", "GB", status="dormant", committee=committee, contact=contact)
    make_agreement("62193", "Dover", "GB", status="active")
    make_agreement("62160", "Folkestone", "GB", status="ended")
    client = client_for(funder_officer)
    response = client.get(reverse("twinnings:export_active"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Partie(s) locale(s)", "Code INSEE")
    data = [r for r in rows[1:] if r[0] in ("Arras", "Calais")]
    assert sorted((r[0], r[4], r[10]) for r in data) == [
        ("Arras", "Herten", "claire@example.org"), ("Calais", "Dover", None),
    ]  # fmt: skip
    csv = client.get(reverse("twinnings:export_mailing")).content.decode("utf-8-sig")
    lines = csv.strip().split("\r\n")
    assert lines[0].startswith("E-mail;Destinataire")
    assert len(lines) == 2
    assert "claire@example.org;Claire Lemaire;Comité d'Arras" in lines[1]
    assert "Actif, En sommeil" in lines[1]
    page = text(client.get(reverse("twinnings:exports")))
    assert "sans adresse (1)" in page and "Calais – Dover" in page


def test_statistics_page(client_for, funder_officer):
    make_agreement("62041", "Herten", "DE", status="active")
    make_agreement("62041", "Moscou", "RU", status="dormant")
    make_agreement("62193", "Xiangtan", "CN", status="active")
    client = client_for(funder_officer)
    body = text(client.get(reverse("twinnings:statistics")))
    assert "3 accords 2 communes 3 pays 2 continents 2 européens (67 %)" in body
    assert "regroupement de l'INSEE" in body
    filtered = client.get(reverse("twinnings:statistics"), {"status": "active"})
    assert filtered.context["figures"].agreements == 2
    partial = client.get(
        reverse("twinnings:statistics"), {"continent": "asia"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in partial.content.decode()
    assert 'data-figure="agreements">1<' in partial.content.decode()
    assert '"156": {"name": "Chine", "count": 1}' in partial.content.decode()


def _bulk_register(n):
    """n agreements written straight to the tables (the page's SQL is what is measured)."""
    communes = list(Commune.objects.current().in_departement("62").order_by("code")[:400])
    countries = ["DE", "GB", "PL", "BE", "IT", "SN", "US", "CN"]
    start = Agreement.objects.count()
    towns = PartnerTown.objects.bulk_create(
        PartnerTown(name=f"Ville {i}", search_name=f"ville {i}", country_id=countries[i % 8])
        for i in range(start, start + n)
    )
    statuses = list(AgreementStatus.values)
    rows = Agreement.objects.bulk_create(
        Agreement(title=f"Jumelage {i}", status=statuses[i % 4], needs_review=i % 5 == 0)
        for i in range(start, start + n)
    )
    LocalParty.objects.bulk_create(
        LocalParty(agreement=a, kind=PartyKind.COMMUNE, commune=communes[i % len(communes)])
        for i, a in enumerate(rows)
    )
    AgreementPartner.objects.bulk_create(
        AgreementPartner(agreement=a, town=t) for a, t in zip(rows, towns, strict=True)
    )
    # Production tables have planner statistics (autovacuum, or the importer's ANALYZE);
    # rows bulk-written inside a test transaction have none until analysed.
    analyze_register()


def test_statistics_page_costs_the_same_queries_with_100_or_10000_agreements(client_for, staff):
    client = client_for(staff)
    counts = []
    for n in (100, 9900):
        _bulk_register(n)
        client.get(reverse("twinnings:statistics"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("twinnings:statistics"), {"continent": "europe"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert Agreement.objects.count() == 10_000
    assert response.context["figures"].agreements == 6_250  # 5 European countries of 8
    assert counts[0] == counts[1], counts


def test_list_page_costs_the_same_queries_whatever_the_size(client_for, staff):
    client = client_for(staff)
    counts = []
    for n in (10, 990):
        _bulk_register(n)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("twinnings:list"), {"status": "active"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_statistics_tables_have_headers_and_filters_say_what_they_keep(client_for, staff):
    make_agreement("62041", "Herten", "DE", status="active")
    client = client_for(staff)
    page = client.get(reverse("twinnings:statistics")).content.decode()
    assert '<th scope="col">Statut</th><th scope="col" class="num">Jumelages</th>' in page
    assert '<th scope="col">Continent</th><th scope="col" class="num">Jumelages</th>' in page
    for name in ("twinnings:statistics", "twinnings:list"):
        options = text(client.get(reverse(name)))
        assert "Avec ou sans point à vérifier" in options


def test_a_party_without_contact_shows_a_dash_not_an_empty_cell(client_for, staff):
    import re

    agreement = make_agreement("62041", "Herten", "DE")
    page = client_for(staff).get(reverse("twinnings:detail", args=[agreement.pk])).content.decode()
    table = page[
        page.index('<th scope="col">Partie</th>') : page.index("</table>", page.index("Partie"))
    ]
    cells = re.findall(r"<td>(.*?)</td>", re.sub(r"\s+", " ", table))
    assert cells[5].strip() == "—"


def test_the_register_sorts_accents_with_their_letter(client_for, staff):
    for code, partner in [("62297", "Lubliniec"), ("62119", "Hastings"), ("62186", "Rheine")]:
        make_agreement(code, partner, "DE")
    page = client_for(staff).get(reverse("twinnings:list")).context["page"]
    assert [a.title.split(" ")[0] for a in page] == ["Béthune", "Bully-les-Mines", "Éperlecques"]


def test_the_create_form_takes_a_departement_or_an_intercommunality(staff, client_for):
    from ouverture.twinnings.enums import PartyKind
    from ouverture.twinnings.models import Agreement

    client = client_for(staff)
    url = reverse("twinnings:create")
    base = {"kind": "twinning", "status": "unknown", "partner_name": "Opole",
            "partner_country": "PL"}  # fmt: skip
    response = client.post(url, {**base, "party_kind": PartyKind.DEPARTEMENT, "departement": "62"})
    assert response.status_code == 302, response.content.decode()[:2000]
    party = Agreement.objects.get().local_parties.get()
    assert party.kind == PartyKind.DEPARTEMENT and party.departement_id == "62"
    refused = client.post(url, {**base, "partner_name": "Lublin",
                                "party_kind": PartyKind.INTERCOMMUNALITY,
                                "epci_siren": "999999999"})  # fmt: skip
    assert refused.status_code == 200
    assert "inconnu du référentiel des intercommunalités" in refused.content.decode()
    assert Agreement.objects.count() == 1


def test_the_statistics_page_offers_the_seven_continent_grouping(staff, client_for):
    from tests.twinnings.factories import make_agreement

    make_agreement("62041", "Moscou", "RU")
    make_agreement("62041", "Rosario", "AR")
    client = client_for(staff)
    page = client.get(reverse("twinnings:statistics"), {"grouping": "seven"}).content.decode()
    assert "Par continent (sept continents)" in page
    assert "Amérique du Sud" in page
    assert "Russie (Europe pour l&#x27;INSEE, Asie en sept continents)" in page
    default = client.get(reverse("twinnings:statistics")).content.decode()
    assert "Par continent (INSEE)" in default


def _checked_batch(client, content):
    upload = io.BytesIO(content.encode())
    upload.name = "liste.csv"
    batch_url = client.post(reverse("twinnings:import_home"), {"file": upload}).url
    mapping = {"map_commune_name": "Ville", "map_partner_name": "Jumelée avec",
               "map_partner_country": "Nation"}  # fmt: skip
    client.post(batch_url, mapping)
    return int(batch_url.rstrip("/").rsplit("/", 1)[1])


def test_a_large_import_runs_as_a_task_and_shows_the_report(
    client_for, staff, coordinator, settings, django_capture_on_commit_callbacks
):
    from ouverture.core.models import ImportJob

    settings.OUVERTURE_IMPORT_TASK_ROWS = 1
    client = client_for(staff)
    pk = _checked_batch(
        client, "Ville;Jumelée avec;Nation\nArras;Herten;Allemagne\nArras;Ipswich;Angleterre\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("twinnings:import_run", args=[pk]))
    job = ImportJob.objects.get()
    assert response.url == reverse("twinnings:import_job", args=[job.pk])
    assert job.status == "done" and job.created_by == staff and job.rows == 2
    body = text(client.get(response.url))
    assert "Import de liste.csv terminé — 2 jumelages créés" in body
    assert Agreement.objects.count() == 2
    assert Agreement.objects.first().history.first().history_user == staff
    assert client_for(coordinator).get(response.url).status_code == 404


def test_a_failing_background_import_writes_nothing(
    client_for, staff, settings, django_capture_on_commit_callbacks
):
    settings.OUVERTURE_IMPORT_TASK_ROWS = 1
    client = client_for(staff)
    pk = _checked_batch(
        client, "Ville;Jumelée avec;Nation\nArras;Herten;Allemagne\nArras;Ipswich;Angleterre\n"
    )
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("twinnings:import_run", args=[pk]))
    # Before the task runs, a second commune named Arras appears: the row is now ambiguous.
    homonym = Commune.objects.get(code="62041")
    homonym.pk, homonym.code = None, "62999"
    homonym.save()
    for callback in callbacks:
        callback()
    assert not Agreement.objects.exists()
    body = text(client.get(response.url))
    assert "liste.csv : 2 erreurs, rien n'a été importé." in body
    assert "Plusieurs communes s'appellent « Arras »" in body
