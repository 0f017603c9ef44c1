"""A register already loaded learns from every file: rows for known pairs are merged
field by field, contradictions become conflicts decided by a person, nothing is lost."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError

from ouverture.geo.models import Commune
from ouverture.twinnings.enums import (
    AgreementStatus,
    ConflictDecision,
    ConflictField,
    PartyKind,
    RowOutcome,
)
from ouverture.twinnings.models import (
    Agreement,
    Conflict,
    PartnerTown,
    Source,
    StatusChange,
)
from ouverture.twinnings.services import decide_conflict, import_file
from tests.twinnings.factories import make_agreement

HEADER = (
    "Code INSEE;Commune;Ville partenaire;Pays;Date de signature;Statut;Ancien nom;"
    "Comité;Contact;E-mail\n"
)


def csv_bytes(*lines, header=HEADER):
    return (header + "\n".join(lines) + "\n").encode("utf-8")


def run(actor, *lines, name="mise-a-jour.csv", header=HEADER):
    result = import_file(csv_bytes(*lines, header=header), name, actor=actor)
    assert not result.errors, [(r.line, r.messages) for r in result.errors]
    return result


@pytest.fixture
def loaded(db):
    """A register as the shipped data leaves it: pairs known, statuses unknown, no dates."""
    return {
        "herten": make_agreement("62041", "Herten", "DE"),
        "hastings": make_agreement("62119", "Hastings", "GB", status=AgreementStatus.ACTIVE),
        "mons": make_agreement("62041", "Mons", "BE"),
    }


UPDATE = (
    "62041;Arras;Herten;Allemagne;14/10/1965 / 02/05/1966;actif (60 ans en 2025);;"
    "Comité Arras-Herten;Claire Lemaire;claire@arras.example",
    "62119;Béthune;Hastings;England;1958;en sommeil depuis 2015;;;;",
    "62041;Arras;Mons (Bergen);Belgique;~1959;;;;;",
)


def test_a_file_about_known_pairs_adds_what_is_missing_and_reports_it(loaded, actor):
    result = run(actor, *UPDATE)
    by_line = {r.line: r for r in result.rows}
    assert result.summary["created"] == 0
    assert Agreement.objects.count() == 3

    herten = Agreement.objects.get(pk=loaded["herten"].pk)
    assert herten.status == AgreementStatus.ACTIVE
    assert herten.status_note == "(60 ans en 2025)"
    party, link = herten.local_parties.get(), herten.partners.get()
    assert party.signed_on == dt.date(1965, 10, 14)
    assert link.signed_on == dt.date(1966, 5, 2)  # the second date is the partner's
    assert herten.committee.name == "Comité Arras-Herten"
    assert herten.contact.email == "claire@arras.example"
    change = StatusChange.objects.get(agreement=herten)
    assert change.status == AgreementStatus.ACTIVE and change.previous == AgreementStatus.UNKNOWN
    assert change.origin == "Import mise-a-jour.csv, ligne 2" and change.line == 2
    row = by_line[2]
    assert row.outcome == RowOutcome.UPDATED
    assert "statut : Actif" in row.added
    assert any(a.startswith("signature (partenaire) : 2 mai 1966") for a in row.added)
    assert "comité : Comité Arras-Herten" in row.added
    # The history says who changed the agreement and why.
    last = herten.history.first()
    assert last.history_change_reason == "Import mise-a-jour.csv"

    # A known status contradicted: a conflict, the register unchanged meanwhile.
    hastings = Agreement.objects.get(pk=loaded["hastings"].pk)
    assert hastings.status == AgreementStatus.ACTIVE
    conflict = Conflict.objects.get(agreement=hastings)
    assert conflict.field == ConflictField.STATUS
    assert conflict.current_label == "Actif"
    assert conflict.proposed_label == "En sommeil depuis 2015"
    assert by_line[3].conflicts and by_line[3].added == [
        "signature (partie locale) : 1958",
        "source",
    ]

    # An exonym in brackets: the same town, its other name kept.
    mons = Agreement.objects.get(pk=loaded["mons"].pk)
    assert PartnerTown.objects.filter(country_id="BE").count() == 1
    assert mons.partners.get().town.aliases == ["Bergen"]
    party = mons.local_parties.get()
    assert (party.signed_year, party.signed_note) == (1959, "vers 1959")


def test_a_second_import_of_the_same_file_changes_nothing_and_says_so(loaded, actor):
    run(actor, *UPDATE)
    histories = sum(a.history.count() for a in Agreement.objects.all())
    counts = (Source.objects.count(), Conflict.objects.count(), StatusChange.objects.count())
    again = run(actor, *UPDATE)
    assert again.summary["nothing_new"] is True
    assert again.summary["existing"] == 3 and again.summary["changes"] == 0
    assert all(r.outcome == RowOutcome.EXISTING and r.ignored for r in again.rows)
    assert any("conflit déjà relevé" in i for i in again.rows[1].ignored)
    assert sum(a.history.count() for a in Agreement.objects.all()) == histories
    assert (
        Source.objects.count(),
        Conflict.objects.count(),
        StatusChange.objects.count(),
    ) == counts


def test_a_row_written_with_the_other_name_of_a_town_finds_it(loaded, actor):
    run(actor, "62041;Arras;Mons (Bergen);Belgique;;;;;;")
    result = run(actor, "62041;Arras;Bergen;BE;1959;;;;;")
    assert result.rows[0].agreement_id == loaded["mons"].pk
    assert Agreement.objects.count() == 3


def test_two_rows_for_one_pair_keep_both_dates_and_report_both_statuses(db, actor):
    result = run(
        actor,
        "62041;Arras;Rybnik;Pologne;01/02/1980;actif;;;;",
        "62041;Arras;Rybnik;Pologne;03/04/1981;en sommeil;;;;",
    )
    agreement = Agreement.objects.get()
    second = result.rows[1]
    assert second.outcome == RowOutcome.MERGED
    assert len(second.conflicts) == 2
    conflicts = {c.field: c for c in agreement.conflicts.all()}
    assert set(conflicts) == {ConflictField.STATUS, ConflictField.LOCAL_SIGNED}
    # Both statuses are kept, each with its line.
    assert list(agreement.status_changes.values_list("status", "applied", "line")) == [
        (AgreementStatus.ACTIVE, True, 2),
        (AgreementStatus.DORMANT, False, 3),
    ]
    # Two dates: the person keeps both, as the two sides' dates.
    decide_conflict(conflicts[ConflictField.LOCAL_SIGNED].pk, actor=actor,
                    decision=ConflictDecision.BOTH)  # fmt: skip
    assert agreement.local_parties.get().signed_on == dt.date(1980, 2, 1)
    assert agreement.partners.get().signed_on == dt.date(1981, 4, 3)
    decide_conflict(conflicts[ConflictField.STATUS].pk, actor=actor,
                    decision=ConflictDecision.REPLACE)  # fmt: skip
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DORMANT


def test_a_conflict_decided_twice_is_refused_with_who_decided(loaded, actor, staff):
    run(actor, *UPDATE)
    conflict = Conflict.objects.get()
    decide_conflict(conflict.pk, actor=staff, decision=ConflictDecision.KEEP)
    with pytest.raises(ValidationError, match="déjà été décidé par"):
        decide_conflict(conflict.pk, actor=actor, decision=ConflictDecision.REPLACE)
    assert Agreement.objects.get(pk=loaded["hastings"].pk).status == AgreementStatus.ACTIVE


def test_names_in_every_script_are_told_apart_and_matched(db, actor):
    run(
        actor,
        "62041;Arras;Київ;Ukraine;;;;;;",
        "62041;Arras;Львів;Ukraine;;;;;;",
        "62041;Arras;Łódź;Pologne;;;;;;",
        "62041;Arras;Lodz;Pologne;;;;;;",
        "62041;Arras;Pawłowice;Pologne;;;;;;",
        "62041;Arras;Αθήνα;Grèce;;;;;;",
    )
    assert PartnerTown.objects.filter(country_id="UA").count() == 2
    assert PartnerTown.objects.filter(country_id="PL").count() == 2
    assert PartnerTown.objects.get(name="Pawłowice").search_name == "pawlowice"
    assert PartnerTown.objects.get(country_id="GR").search_name == "athina"
    assert Agreement.objects.count() == 5
    assert Agreement.objects.search("L’viv").count() == 1
    assert Agreement.objects.search("Київ").count() == 1


def test_a_bracketed_former_name_beside_its_code_is_accepted_and_kept(db, actor):
    result = run(actor, "62447;Hesdin-la-Forêt (ex-Hesdin);Bad Hersfeld;Allemagne;;;;;;")
    party = Agreement.objects.get(pk=result.rows[0].agreement_id).local_parties.get()
    assert party.commune.code == "62447"
    assert party.former_name == "Hesdin"


def test_departement_region_and_intercommunality_agreements(db, actor):
    epci = Commune.objects.filter(departement_id="62").exclude(epci_siren="").first()
    run(
        actor,
        "62D;;Opole;Pologne;2001;actif;;;;",
        ";Département;Kent;Royaume-Uni;;;;;;",
        ";Région Hauts-de-France;Silésie;Pologne;;;;;;",
        f"{epci.epci_siren};;Lublin;Pologne;;;;;;",
    )
    kinds = {a.partners.get().town.name: a.local_parties.get() for a in Agreement.objects.all()}
    assert kinds["Opole"].kind == PartyKind.DEPARTEMENT and kinds["Opole"].departement_id == "62"
    assert kinds["Kent"].kind == PartyKind.DEPARTEMENT
    assert kinds["Silésie"].kind == PartyKind.REGION and kinds["Silésie"].region_code == "32"
    assert kinds["Lublin"].kind == PartyKind.INTERCOMMUNALITY
    assert kinds["Lublin"].epci_name == epci.epci_name


def test_an_unknown_intercommunality_code_is_refused(db, actor):
    result = import_file(csv_bytes("999999999;;Lublin;Pologne;;;;;;"), "x.csv", actor=actor)
    assert not result.written
    (error,) = result.errors
    assert "SIREN d'intercommunalité « 999999999 » inconnu" in error.messages[0]
    assert not Agreement.objects.exists()


def test_two_communes_sharing_one_partner_make_one_agreement(db, actor):
    run(actor, "62041 + 62263;Arras + Dainville;Herten;Allemagne;1965;;;;;")
    agreement = Agreement.objects.get()
    assert sorted(p.commune.code for p in agreement.local_parties.all()) == ["62041", "62263"]
    # A later row for one of them finds the shared agreement.
    result = run(actor, "62263;Dainville;Herten;DE;;actif;;;;")
    assert result.rows[0].agreement_id == agreement.pk


def test_the_review_screen_decides_a_conflict_once(loaded, actor, staff, client_for):
    from django.urls import reverse

    run(actor, *UPDATE)
    conflict = Conflict.objects.get()
    client = client_for(staff)
    page = client.get(reverse("twinnings:conflicts"))
    assert page.status_code == 200
    assert "En sommeil depuis 2015" in page.content.decode()
    url = reverse("twinnings:conflict_decide", args=[conflict.pk])
    client.post(url, {"decision": "replace"})
    assert Agreement.objects.get(pk=loaded["hastings"].pk).status == AgreementStatus.DORMANT
    again = client.post(url, {"decision": "keep"}, follow=True)
    assert "déjà été décidé par" in again.content.decode()
    detail = client.get(reverse("twinnings:detail", args=[loaded["hastings"].pk]))
    assert "Remplacer par la valeur proposée" in detail.content.decode()


def test_a_holder_cannot_reach_the_review_screen(holder, client_for):
    from django.urls import reverse

    assert client_for(holder).get(reverse("twinnings:conflicts")).status_code == 403


def test_an_answer_for_an_agreement_merged_since_reaches_the_survivor(
    db, actor, staff, client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from ouverture.twinnings import campaigns
    from ouverture.twinnings.models import Invitation
    from ouverture.twinnings.services import merge_agreements

    arras = make_agreement("62041", "Herten", "DE", party_contact={
        "contact_name": "Mairie d'Arras", "contact_email": "jumelage@arras.example"})  # fmt: skip
    dainville = make_agreement("62263", "Herten", "DE", party_contact={
        "contact_name": "Mairie de Dainville", "contact_email": "mairie@dainville.example"})  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.launch_campaign(actor=staff, name="Mise à jour", stale_months=12)
    invitation = Invitation.objects.get(agreement=dainville)
    old_pk, token = dainville.pk, campaigns.make_token(invitation)
    merge_agreements(arras, dainville, actor=staff)
    assert not Agreement.objects.filter(pk=old_pk).exists()
    assert arras.local_parties.count() == 2
    response = client.post(
        reverse("twinnings:verify", args=[old_pk, token]),
        {"status": "dormant", "answered_by_name": "Paul Martin"},
    )
    assert response.status_code == 200
    arras.refresh_from_db()
    assert arras.status == AgreementStatus.DORMANT
    change = arras.status_changes.get()
    assert change.previous == AgreementStatus.UNKNOWN and "Paul Martin" in change.origin


def test_two_answers_that_disagree_make_a_conflict(
    db, actor, staff, django_capture_on_commit_callbacks
):
    from ouverture.twinnings import campaigns
    from ouverture.twinnings.services import add_local_party
    from tests.twinnings.factories import commune

    agreement = make_agreement("62041", "Herten", "DE", party_contact={
        "contact_email": "jumelage@arras.example"})  # fmt: skip
    add_local_party(agreement, actor=staff, kind=PartyKind.COMMUNE, commune=commune("62263"),
                    contact_email="mairie@dainville.example")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.launch_campaign(actor=staff, name="Mise à jour", stale_months=12)
    first, second = agreement.invitations.order_by("pk")
    campaigns.answer_invitation(agreement.pk, campaigns.make_token(first), status="active",
                                answered_by_name="A")  # fmt: skip
    campaigns.answer_invitation(agreement.pk, campaigns.make_token(second), status="dormant",
                                answered_by_name="B")  # fmt: skip
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    conflict = agreement.conflicts.get()
    assert (conflict.current_label, conflict.proposed_label) == ("Actif", "En sommeil")
    assert list(agreement.status_changes.values_list("status", "applied")) == [
        ("active", True), ("dormant", False)]  # fmt: skip


def test_the_value_mapping_step_remembers_a_status(db, staff, client_for):
    from django.urls import reverse

    from ouverture.twinnings.models import ImportBatch, ValueMapping

    client = client_for(staff)
    upload = io.BytesIO(csv_bytes("62041;Arras;Herten;Allemagne;;plus de nouvelles;;;;"))
    upload.name = "statuts.csv"
    response = client.post(reverse("twinnings:import_home"), {"file": upload, "encoding": "utf-8"})
    batch = ImportBatch.objects.get()
    mapping = {f"map_{k}": v for k, v in batch.mapping.items()}
    client.post(reverse("twinnings:import_batch", args=[batch.pk]), mapping)
    page = client.get(reverse("twinnings:import_batch", args=[batch.pk])).content.decode()
    assert "« plus de nouvelles » veut dire" in page
    # A status that does not exist is refused, nothing remembered.
    values = reverse("twinnings:import_values", args=[batch.pk])
    response = client.post(values, {"value_0": "asleep"}, follow=True)
    assert "asleep » n&#x27;existe pas" in response.content.decode()
    assert not ValueMapping.objects.exists()
    client.post(values, {"value_0": "dormant"})
    batch.refresh_from_db()
    assert batch.status == "checked" and batch.summary["error"] == 0
    client.post(reverse("twinnings:import_run", args=[batch.pk]))
    assert Agreement.objects.get().status == AgreementStatus.DORMANT
    # Remembered: the next file with the same text needs no step.
    result = import_file(csv_bytes("62041;Arras;Ipswich;GB;;Plus de nouvelles;;;;"), "b.csv",
                         actor=staff)  # fmt: skip
    assert result.written


def test_the_list_command_prints_the_contract(db, actor):
    import json

    from django.core.management import call_command

    run(actor, "62447;Hesdin-la-Forêt (ex-Hesdin);Mons (Bergen);BE;14/10/1965 / 1966;"
               "en sommeil depuis 2015;;;;", "62D;;Opole;Pologne;2001;;;;;")  # fmt: skip
    out = io.StringIO()
    call_command("twinnings", "list", "--commune", "62447", "--format", "json", stdout=out)
    (row,) = json.loads(out.getvalue())
    assert set(row) >= {"id", "kind", "status", "status_note", "local_parties", "partners",
                        "sources"}  # fmt: skip
    assert (row["status"], row["status_note"]) == ("dormant", "depuis 2015")
    (party,) = row["local_parties"]
    assert party == {**party, "level": "commune", "code": "62447", "former_names": ["Hesdin"],
                     "signed_on": "1965-10-14", "signed_year": 1965}  # fmt: skip
    (partner,) = row["partners"]
    assert partner == {**partner, "name": "Mons", "aliases": ["Bergen"], "country": "BE",
                       "signed_on": None, "signed_year": 1966}  # fmt: skip
    assert row["sources"][0]["line"] == 2
    out = io.StringIO()
    call_command("twinnings", "list", "--format", "json", stdout=out)
    levels = {p["level"] for r in json.loads(out.getvalue()) for p in r["local_parties"]}
    assert levels == {"commune", "departement"}


def test_the_import_command_says_when_nothing_is_new(db, actor, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "maj.csv"
    path.write_bytes(csv_bytes("62041;Arras;Herten;Allemagne;1965;actif;;;;"))
    call_command("twinnings", "import", str(path), stdout=io.StringIO())
    out = io.StringIO()
    call_command("twinnings", "import", str(path), stdout=out)
    assert "Rien de nouveau" in out.getvalue()
    assert Agreement.objects.count() == 1


def test_the_form_finds_a_town_by_its_other_name(loaded, actor, staff):
    from ouverture.twinnings.services import add_partner

    run(actor, "62041;Arras;Mons (Bergen);Belgique;;;;;;")
    other = make_agreement("62119", "Herten", "DE")
    link = add_partner(other, actor=staff, name="Bergen", country="BE")
    assert link.town_id == loaded["mons"].partners.get().town_id
