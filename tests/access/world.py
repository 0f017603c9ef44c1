"""A small world of two holder organisations, built through the services, for the access walk.

Organisation A owns one of everything a URL can name (follow-up, contacts, workshop
registration, training, candidacy, twinning…); organisation B is a second holder with
its own follow-up and registration. URL parameters are filled with A's records, so
holder A asks for its own and holder B for another organisation's.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ouverture.accounts.enums import Role
from ouverture.accounts.services import create_user, system_user
from ouverture.agreements import services as agreements
from ouverture.api.services import create_service_account, create_token
from ouverture.assemblies import deliberations
from ouverture.assemblies import services as assemblies
from ouverture.calls import services as calls
from ouverture.coaching import services as coaching
from ouverture.documents import services as documents
from ouverture.events.reviews import save_review
from ouverture.events.tokens import registration_token
from ouverture.liaison import services as liaison
from ouverture.organisations.services import add_member
from ouverture.pathways import services as pathways
from ouverture.surveys import services as surveys
from ouverture.twinnings import campaigns
from ouverture.twinnings import services as twinnings
from tests.agreements.factories import expense, make_agreement
from tests.assemblies.factories import make_body, make_members, make_sitting
from tests.calls.factories import make_call, make_funder, make_scheme
from tests.coaching.factories import contact, follow_up_for
from tests.events.factories import make_training, make_workshop, register
from tests.organisations.factories import OrganisationFactory, contact_for
from tests.pathways.factories import apply, catalogue, make_cohort
from tests.surveys.factories import answer, invitation, questionnaire
from tests.twinnings.factories import make_agreement as make_twinning

# Distinctive names: a holder's page must never contain the other organisation's.
NAME_A = "Zéphyrine Alpha Solidarité"
NAME_B = "Quartzelle Bêta Échanges"

IDENTITIES = (
    "anonymous",
    Role.NETWORK_STAFF.value,
    Role.COORDINATOR.value,
    Role.FINANCE_MANAGER.value,
    Role.FUNDER_OFFICER.value,
    Role.ADMINISTRATOR.value,
    "holder_a",
    "holder_b",
)


@dataclass
class World:
    users: dict = field(default_factory=dict)  # identity -> User (anonymous: None)
    objects: dict = field(default_factory=dict)  # key -> record or raw value
    names: dict = field(default_factory=dict)  # identity -> the other organisation's name
    tokens: dict = field(default_factory=dict)  # identity -> a full API token (anonymous: none)


def build_world():
    actor = system_user()
    w = World()
    o = w.objects

    org_a = OrganisationFactory(name=NAME_A, twinning=True)
    org_b = OrganisationFactory(name=NAME_B)
    o["organisation"] = org_a
    o["organisation_b"] = org_b
    o["contact"] = contact_for(org_a, name="Claire Lemaire", email="claire@alpha.example")
    contact_for(org_b, name="Basile Bernard", email="basile@beta.example")

    for role in Role:
        if role == Role.PROJECT_HOLDER:
            continue
        w.users[role.value] = create_user(
            username=f"walk-{role.value}", role=role, password="walk-pass-123",
            email=f"{role.value}@walk.example",
        )  # fmt: skip
    for key, org in (("holder_a", org_a), ("holder_b", org_b)):
        user = create_user(
            username=f"walk-{key}", role=Role.PROJECT_HOLDER, password="walk-pass-123",
            email=f"{key}@walk.example",
        )  # fmt: skip
        add_member(org, user, actor=actor)
        w.users[key] = user
    w.users["anonymous"] = None
    # The API's face of the same identities: one token each, of the user's full scope.
    w.tokens = {
        key: create_token(user, name="walk", actor=actor)[1]
        for key, user in w.users.items()
        if user is not None
    }
    w.names = {"holder_a": NAME_B, "holder_b": NAME_A}
    # The funder officer above has no structure: it reaches the default funder's agreements
    # (the world's agreement's funder, see tests.agreements.factories.default_funder). An
    # officer of another funder, attached to its structure, reaches none of them (404).
    elsewhere = create_user(
        username="walk-funder-elsewhere", role=Role.FUNDER_OFFICER, password="walk-pass-123",
        email="elsewhere@walk.example",
    )  # fmt: skip
    add_member(OrganisationFactory(name="Financeur d'ailleurs"), elsewhere, actor=actor)
    o["other_funder_officer"] = elsewhere
    o["other_funder_token"] = create_token(elsewhere, name="walk", actor=actor)[1]
    # A's holder's own token (the revoke URL), and a system's account.
    o["api_token"] = create_token(w.users["holder_a"], name="tableur", actor=actor)[0]
    o["service_account"] = create_service_account(
        username="walk-portail", system="Portail des aides", actor=w.users["administrator"]
    )

    # Coaching.
    follow_up = follow_up_for(org_a)
    o["follow_up"] = follow_up
    o["interaction"] = contact(follow_up)
    o["review"] = coaching.record_document_review(
        actor=actor, date=dt.date(2023, 3, 2), duration_minutes=60, follow_up=follow_up
    )
    contact(follow_up_for(org_b))

    # Agreements (the network's conventions: holders reach none).
    agreement = make_agreement(status="signed")
    o["agreement"] = agreement
    o["line"] = agreement.budget_lines.first()
    o["revenue"] = agreement.revenues.first()
    o["commitment"] = agreements.add_commitment(
        agreement, actor=actor, label="Ateliers", target=2, unit="atelier",
        measure_kind="manual", manual_value=Decimal("1"), evidence_url="https://example.org/preuve",
    )  # fmt: skip
    o["expense"] = expense(agreement)
    o["payment"] = agreements.record_payment(
        agreement, actor=actor, kind="advance", date=dt.date(2024, 2, 1), amount="1000"
    )
    o["operation"] = agreements.create_operation(
        actor=actor, funder=agreement.funder, year=2024, code="c05-043a06",
        imputation="65748//93043", label="Actions internationales", credits="10000",
    )  # fmt: skip
    o["credit"] = agreements.reserve_credit(o["operation"], actor=actor, amount="100", label="A")
    o["deliverable"] = agreements.add_deliverable(
        o["commitment"], actor=actor, date=o["commitment"].period_start, title="Programme"
    )

    # Events: a workshop with A's and B's people registered, a training of A.
    workshop = make_workshop()
    o["workshop"] = workshop
    o["item"] = workshop.agenda_items.first()
    o["atelier"] = workshop.ateliers.first()
    o["registration"] = register(workshop, organisation=org_a, ateliers=[o["atelier"]])
    register(workshop, organisation=org_b, ateliers=[o["atelier"]])
    o["pending_registration"] = register(
        workshop, organisation_name="Structure inconnue du registre", ateliers=[o["atelier"]]
    )
    o["registration_token"] = registration_token(o["registration"])
    o["training"] = make_training(org_a)
    save_review(workshop, actor=actor, strengths="Des échanges nourris.")

    # Surveys.
    q = questionnaire(is_public=True)
    o["questionnaire"] = q
    o["section"] = q.sections.first()
    o["question"] = q.sections.first().questions.first()
    o["invitation"] = invitation(q, name="Claire Lemaire", email="claire@alpha.example")
    o["invitation_token"] = surveys.invitation_token(o["invitation"])
    o["response"] = answer(q)
    o["excluded_response"] = answer(q)
    surveys.create_campaign(
        q, actor=actor, collection_start=dt.date(2024, 1, 1), collection_end=dt.date(2024, 3, 31),
        invited=20,
    )  # fmt: skip
    surveys.exclude_response(o["excluded_response"], actor=actor, reason="Doublon")

    # Pathways: a cohort taking applications, A's candidacy.
    modules = catalogue()
    cohort = make_cohort()
    o["cohort"] = cohort
    o["module"] = modules[0]
    o["candidate"] = apply(cohort, NAME_A, name="Claire Lemaire", email="claire@alpha.example")
    pathways.link_organisation(o["candidate"], org_a, actor=actor)
    apply(cohort, NAME_B, name="Basile Bernard", email="basile@beta.example")

    # Twinnings: A is the committee of one agreement; B's commune has another.
    twinning = make_twinning("62041", "Herten", "DE", status="active", committee=org_a,
                             contact=o["contact"])  # fmt: skip
    o["twinning"] = twinning
    o["party"] = twinning.local_parties.first()
    o["link"] = twinning.partners.first()
    o["town"] = o["link"].town
    o["batch"] = twinnings.upload_import(
        actor=actor, content=b"Commune;Ville partenaire;Pays\nArras;Herten;DE\n",
        filename="jumelages.csv",
    )  # fmt: skip
    # A file contradicting A's known status (a conflict), another with a status no word explains.
    twinnings.import_file(
        b"Code INSEE;Commune;Ville partenaire;Pays;Statut\n62041;Arras;Herten;DE;en sommeil\n",
        "mise-a-jour.csv", actor=actor,
    )  # fmt: skip
    o["conflict"] = twinning.conflicts.get()
    o["values_batch"] = twinnings.upload_import(
        actor=actor, content=b"Commune;Ville partenaire;Pays;Statut\nArras;Herten;DE;vivace\n",
        filename="statuts.csv",
    )  # fmt: skip
    twinnings.import_agreements(o["values_batch"], actor=actor, dry_run=True)
    campaign = campaigns.launch_campaign(actor=actor, name="Vérification", stale_months=0)
    o["campaign"] = campaign
    verification = campaign.invitations.filter(agreement=twinning).first()
    o["verification_token"] = campaigns.make_token(verification)
    o["holder_user"] = w.users["holder_a"]

    # Calls: a funder's scheme (the one liaison's event names), its call, A's application.
    funder = make_funder()
    o["scheme"] = make_scheme(
        code="62cmi", funder=funder, name="Coopération et Mobilité Internationale"
    )
    o["call"] = make_call(scheme=o["scheme"], documents_asked="Statuts\nRIB")
    o["application"] = calls.create_application(
        actor=actor, call=o["call"], organisation=org_a, title="Projet de la marche",
        requested_amount="1000",
    )  # fmt: skip
    o["application_document"] = calls.upload_document(
        o["application"], actor=actor, asked="Statuts",
        file=SimpleUploadedFile("statuts.pdf", b"%PDF-1.4\n%%EOF\n"),
    )  # fmt: skip

    # Assemblies: a sitting of the funder's body, an item voted, its deliberation adopted
    # (granting a third organisation, so the public SCDL file names neither A nor B).
    body = make_body(funder, name="Commission de la marche")
    members = make_members(body, {"Groupe M": 3})["Groupe M"]
    members += make_members(body, {"Groupe M": 1})["Groupe M"]  # excused, gives a proxy
    o["sitting"] = make_sitting(actor, body, members, present=3, date=dt.date(2024, 10, 14))
    o["body"], o["member"] = body, members[0]
    o["proxy"] = assemblies.give_proxy(o["sitting"], members[3], members[0], actor=actor)
    item = assemblies.add_item(o["sitting"], actor=actor, title="Subventions", report_number="1")
    o["agenda_item"] = item
    assemblies.record_vote(item, actor=actor, groups={members[0].group: {"for": 4}})
    o["deliberation"] = deliberations.create_deliberation(
        actor=actor, body=body, number="2024-12", date=o["sitting"].date, title="Subventions",
        item=item,
    )  # fmt: skip
    grantee = OrganisationFactory(name="Tierce Association", representative_name="M. Tiers")
    deliberations.add_article(
        o["deliberation"], actor=actor, kind="grant", text="D'attribuer 500 €",
        beneficiary=grantee, amount=Decimal("500.00"),
    )  # fmt: skip
    deliberations.adopt(o["deliberation"], actor=actor)

    # Documents: a generated proposal of the agreement.
    o["generation"] = documents.generate_now("proposal", agreement, "html", actor=actor)

    # Liaison: a meeting with the funder (A present), a promotion event organised by A where A
    # was met, and an organisation met outside any event.
    o["meeting"] = liaison.record_meeting(
        actor=actor, date=dt.date(2023, 6, 27), subject="Bilan", parties=[org_a]
    )
    o["event"] = liaison.record_event(
        actor=actor, date=dt.date(2023, 12, 2), name="Festisol", kind="festival", place="Arras",
        organiser=org_a, schemes=["62cmi"],
    )  # fmt: skip
    liaison.record_organisation_met(actor=actor, year=2023, event=o["event"], organisation=org_a)
    o["met"] = liaison.record_organisation_met(actor=actor, year=2023, name="Aidhum 62")
    invited = create_user(username="walk-invited", role=Role.NETWORK_STAFF, email="i@walk.example")
    o["uidb64"] = urlsafe_base64_encode(force_bytes(invited.pk))
    o["reset_token"] = default_token_generator.make_token(invited)
    return w
