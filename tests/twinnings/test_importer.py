"""Importing files: the shipped Wikipedia extract, careful merges, all or nothing."""

import csv
import io
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from ouverture.twinnings import seed
from ouverture.twinnings.enums import ImportStatus, ReviewFlag, RowOutcome
from ouverture.twinnings.models import Agreement, AgreementPartner, ImportBatch, PartnerTown, Source
from ouverture.twinnings.services import (
    import_agreements,
    import_file,
    set_import_mapping,
    upload_import,
)

HEADER = "Code INSEE;Commune;Ville partenaire;Pays;Date de signature;Statut\n"


def csv_bytes(*lines, header=HEADER):
    return (header + "\n".join(lines) + "\n").encode("utf-8")


def extract_rows():
    with open(seed.EXTRACT, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def source_flag_counts():
    """What PROVENANCE.md's `flags` column says about each kind of doubtful row."""
    counts = Counter()
    for row in extract_rows():
        for flag in filter(None, row["flags"].split(";")):
            counts[flag.split(":")[0].split("_CHEF_LIEU")[0]] += 1
    return counts


@pytest.fixture
def extract(actor):
    return seed.load(actor, log=lambda m: None)


def test_the_extract_imports_with_its_doubtful_rows_flagged_not_dropped(extract):
    expected = source_flag_counts()
    rows = extract_rows()
    distinct_pairs = {(r["code_insee_62"], r["partner_city"], r["partner_iso2"]) for r in rows}
    s = extract.summary
    assert s["rows"] == len(rows) == 126
    assert s["error"] == 0 and s["skipped"] == 0
    assert s["merged"] == expected["DOUBLON_VARIANTE_PAYS"] == 9
    assert s["created"] == s["agreements"] == len(distinct_pairs) == 117
    assert Agreement.objects.count() == 117
    assert s["flagged_rows"]["homonym"] == expected["HOMONYME_FR"] == 22
    assert s["flagged_rows"]["partner_in_france"] == expected["PARTENAIRE_EN_FRANCE"] == 2
    assert s["flagged_rows"]["former_commune"] == expected["COMMUNE_COMMUNE-DELEGUEE"] == 3
    # Two homonymous pairs are also written twice: 20 agreements for 22 rows.
    assert s["flagged_agreements"]["homonym"] == 20
    assert Agreement.objects.needing_review().count() == s["to_review"] == 32
    # Every row of the source is traceable: one source line each.
    assert Source.objects.count() == 126


def test_each_flagged_row_of_the_source_is_flagged_by_the_importer(extract):
    by_line = {r.line: r for r in extract.rows}
    for line, row in enumerate(extract_rows(), start=2):
        report = by_line[line]
        assert ("HOMONYME_FR" in row["flags"]) == ("homonym" in report.flags), line
        assert ("DOUBLON_VARIANTE_PAYS" in row["flags"]) == (report.outcome == RowOutcome.MERGED)
        assert ("PARTENAIRE_EN_FRANCE" in row["flags"]) == ("partner_in_france" in report.flags)
        assert ("DELEGUEE" in row["flags"]) == ("former_commune" in report.flags)


def test_the_same_pair_in_two_spellings_is_one_agreement_with_two_sources(extract):
    ipswich = Agreement.objects.get(partners__town__name="Ipswich")
    assert ipswich.local_parties.get().commune.code == "62041"
    assert ipswich.partners.get().town.country_id == "GB"
    assert ipswich.sources.count() == 2
    assert ReviewFlag.DUPLICATE in [f["code"] for f in ipswich.review_flags]


def test_one_foreign_town_twinned_with_five_communes_is_one_town(extract):
    menden = PartnerTown.objects.get(name="Menden")
    communes = set(
        AgreementPartner.objects.filter(town=menden).values_list(
            "agreement__local_parties__commune__name", flat=True
        )
    )
    assert communes == {"Aire-sur-la-Lys", "Ardres", "Lestrem", "Locon", "Marœuil"}


def test_a_merged_commune_keeps_its_former_name(extract):
    agreement = Agreement.objects.get(partners__town__name="Brilon")
    party = agreement.local_parties.get()
    assert (party.commune.code, party.commune.name, party.former_name) == (
        "62447", "Hesdin-la-Forêt", "Hesdin",
    )  # fmt: skip
    assert agreement.needs_review


def test_partner_in_france_is_flagged(extract):
    agreement = Agreement.objects.get(partners__town__name="Vendres")
    assert [f["code"] for f in agreement.review_flags] == [ReviewFlag.PARTNER_IN_FRANCE]


def test_the_loader_is_idempotent(extract, actor):
    assert seed.load(actor, log=lambda m: None) is None
    assert Agreement.objects.count() == 117


def test_reimporting_the_same_rows_merges_them_into_the_agreements(extract, actor):
    result = import_file(
        seed.EXTRACT.read_bytes(), "copie.csv", actor=actor, mapping=seed.MAPPING,
        source_label="autre source",
    )  # fmt: skip
    assert result.written
    # Every row, duplicates included, finds its agreement and only adds its source.
    assert result.summary["updated"] == 126
    assert all(r.added == ["source"] and not r.conflicts for r in result.rows)
    assert result.summary["created"] == 0
    assert Agreement.objects.count() == 117
    assert Source.objects.count() == 126 + 126


def test_a_clean_file_is_imported_with_dates_and_status(actor):
    content = csv_bytes(
        "62041;Arras;Herten;Allemagne;14/10/1965;actif",
        "62119;Béthune;Hastings;England;1958;",
    )
    result = import_file(content, "jumelages.csv", actor=actor)
    assert result.written, [r.messages for r in result.rows]
    herten = Agreement.objects.get(partners__town__name="Herten")
    assert herten.status == "active"
    assert herten.local_parties.get().signature == "14 octobre 1965"
    hastings = Agreement.objects.get(partners__town__name="Hastings")
    assert hastings.status == "unknown"
    assert hastings.local_parties.get().signed_year == 1958
    assert herten.history.first().history_user == actor
    assert ImportBatch.objects.get().status == ImportStatus.IMPORTED


@pytest.mark.parametrize(
    "line,column,message",
    [
        ("62999;;Herten;Allemagne;;", "« Code INSEE » (A)", "Code INSEE « 62999 » inconnu"),
        (
            ";Flers;Warminster;England;;",
            "« Commune » (B)",
            "Plusieurs communes s'appellent « Flers »",
        ),
        ("62041;Arras;Herten;Atlantide;;", "« Pays » (D)", "Pays « Atlantide » inconnu"),
        ("62041;Arras;Herten;Allemagne;01/01/2999;", "« Date de signature » (E)", "dans le futur"),
        (
            "62041;Arras;Herten;Allemagne;;peut-être",
            "« Statut » (F)",
            "Statut « peut-être » inconnu",
        ),
        (
            "62041;Arras;;Allemagne;;",
            "« Ville partenaire » (C)",
            "le nom de la ville partenaire manque",
        ),
    ],
)
def test_bad_rows_are_reported_with_line_and_column_and_nothing_is_written(
    actor, line, column, message
):
    content = csv_bytes("62119;Béthune;Hastings;England;1958;", line)
    result = import_file(content, "jumelages.csv", actor=actor)
    assert not result.written
    (error,) = result.errors
    assert error.line == 3
    (text,) = error.messages
    assert text.startswith(column), text
    assert message in text
    assert Agreement.objects.count() == 0
    assert PartnerTown.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_error_messages_name_the_column(actor):
    result = import_file(csv_bytes("62999;;Herten;Allemagne;;"), "x.csv", actor=actor)
    assert result.errors[0].messages[0].startswith("« Code INSEE » (A) : Code INSEE « 62999 »")


def test_a_file_whose_columns_cannot_be_mapped_is_refused(actor):
    content = b"Nom;Adresse\nArras;rue\n"
    with pytest.raises(ValidationError) as error:
        import_file(content, "autre.csv", actor=actor)
    assert "Colonnes introuvables" in " ".join(error.value.messages)
    assert "« Nom », « Adresse »" in " ".join(error.value.messages)
    assert ImportBatch.objects.count() == 0


def test_an_empty_file_is_refused(actor):
    with pytest.raises(ValidationError, match="vide"):
        import_file(b"", "vide.csv", actor=actor)


def test_dry_run_writes_nothing(actor):
    result = import_file(csv_bytes("62041;Arras;Herten;DE;;"), "x.csv", actor=actor, dry_run=True)
    assert not result.written
    assert result.summary["agreements"] == 1
    assert Agreement.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_xlsx_with_a_chosen_mapping(actor):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Ville française", "Jumelée avec", "Nation", "Année"])
    sheet.append(["Calais", "Dover", "UK", 1973])
    buffer = io.BytesIO()
    workbook.save(buffer)
    mapping = {"commune_name": "Ville française", "partner_name": "Jumelée avec",
               "partner_country": "Nation", "signed_local": "Année"}  # fmt: skip
    result = import_file(buffer.getvalue(), "liste.xlsx", actor=actor, mapping=mapping)
    assert result.written, [r.messages for r in result.rows]
    party = Agreement.objects.get().local_parties.get()
    assert (party.commune.code, party.signed_year) == ("62193", 1973)


def test_a_list_of_pairs_in_both_directions(actor):
    content = (
        b"city1,country1,city2,country2\n"
        b"Arras,France,Herten,Germany\n"
        b"Dover,England,Calais,France\n"
        b"Berat,Albania,Fermo,Italy\n"
    )
    mapping = {"commune_name": "city1", "local_country": "country1", "partner_name": "city2",
               "partner_country": "country2"}  # fmt: skip
    refused = import_file(content, "pairs.csv", actor=actor, mapping=mapping)
    assert [r.line for r in refused.errors] == [4]
    assert "aucune des deux villes n'est en France" in refused.errors[0].messages[0]
    result = import_file(content, "pairs.csv", actor=actor, mapping=mapping, skip_foreign=True)
    assert result.written
    assert result.summary["skipped"] == 1
    dover = Agreement.objects.get(partners__town__name="Dover")
    assert dover.local_parties.get().commune.code == "62193"
    assert dover.partners.get().town.country_id == "GB"


def test_committee_and_contact_columns_create_the_committee_in_the_registry(actor):
    from ouverture.organisations.models import Organisation

    content = (
        "Code INSEE;Ville partenaire;Pays;Comité de jumelage;Contact;E-mail\n"
        "62041;Herten;DE;Comité de jumelage d'Arras;Claire Lemaire;claire@example.org\n"
        "62041;Ipswich;GB;Comité de jumelage d'Arras;Claire Lemaire;claire@example.org\n"
    ).encode()
    result = import_file(content, "comites.csv", actor=actor)
    assert result.written, [r.messages for r in result.rows]
    committee = Organisation.objects.get(name="Comité de jumelage d'Arras")
    assert committee.legal_kind == "twinning_committee"
    assert committee.contacts.count() == 1
    assert set(Agreement.objects.values_list("committee", flat=True)) == {committee.pk}
    assert set(Agreement.objects.values_list("contact__email", flat=True)) == {"claire@example.org"}


def test_a_bad_email_is_an_error(actor):
    content = b"Code INSEE;Ville partenaire;Pays;E-mail\n62041;Herten;DE;claire@\n"
    result = import_file(content, "x.csv", actor=actor)
    assert "n'est pas une adresse e-mail" in result.errors[0].messages[0]


def test_web_flow_keeps_the_report_on_the_batch(actor):
    batch = upload_import(
        actor=actor, content=csv_bytes(";Flers;Warminster;England;;"), filename="x.csv"
    )
    assert batch.mapping["commune_name"] == "Commune"
    set_import_mapping(batch, actor=actor, mapping=batch.mapping)
    result = import_agreements(batch, actor=actor, dry_run=True)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.UPLOADED
    assert batch.report[0]["outcome"] == "error"
    assert result.errors and Agreement.objects.count() == 0
    with pytest.raises(ValidationError, match="Colonnes introuvables"):
        set_import_mapping(batch, actor=actor, mapping={"commune_name": "Commune"})


def test_a_large_file_is_checked_whole_by_the_dry_run(actor):
    lines = [f"62041;Arras;Ville {i};Allemagne;;" for i in range(3000)]
    content = csv_bytes(*lines) + "62119;Béthune;Hastings;Angleterre;;\n".encode("cp1252")
    batch = upload_import(actor=actor, content=content, filename="gros.csv")
    assert batch.mapping["partner_name"] == "Ville partenaire"
    set_import_mapping(batch, actor=actor, mapping=batch.mapping)
    with pytest.raises(
        ValidationError, match="pas en UTF-8 \\(premier caractère illisible ligne 3002\\)"
    ):
        import_agreements(batch, actor=actor, dry_run=True)
    assert not Agreement.objects.exists()


def test_world_lists_keep_only_french_rows_in_the_report(actor):
    content = (
        b"city1,country1,city2,country2\nArras,France,Herten,Germany\nBerat,Albania,Fermo,Italy\n"
    )
    mapping = {"commune_name": "city1", "local_country": "country1", "partner_name": "city2",
               "partner_country": "country2"}  # fmt: skip
    result = import_file(content, "monde.csv", actor=actor, mapping=mapping, skip_foreign=True)
    batch = ImportBatch.objects.get()
    assert result.summary["skipped_foreign"] == 1
    assert [r["line"] for r in batch.report] == [2]


def test_a_partner_name_over_150_characters_is_refused_in_the_dry_run(actor):
    from ouverture.twinnings.importer import PARTNER_NAME_MAX

    assert PartnerTown._meta.get_field("name").max_length == PARTNER_NAME_MAX
    long_name = "H" * 151
    result = import_file(
        csv_bytes(f"62041;Arras;{long_name};DE;;"), "x.csv", actor=actor, dry_run=True
    )
    (error,) = result.errors
    assert "le nom compte 151 caractères, au plus 150" in error.messages[0]
    result = import_file(csv_bytes(f"62041;Arras;{long_name[:150]};DE;;"), "x.csv", actor=actor)
    assert result.written and PartnerTown.objects.get().name == long_name[:150]


def test_the_mapping_screen_reads_titles_past_a_long_first_row(actor):
    from ouverture.twinnings.importer import read_headers

    content = csv_bytes("62041;Arras;Herten;DE;;" + "x" * 30_000 + ";" + "y" * 30_000 + ";z" * 10)
    assert read_headers(content, "x.csv")[:3] == ["Code INSEE", "Commune", "Ville partenaire"]
