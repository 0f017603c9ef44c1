"""Strands with their subtotals checked against their lines, subtotals a submitted budget
printed, and the payment schedule computed from the subsidy (issue 10)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ouverture.accounts.services import system_user
from ouverture.agreements import finance, services
from ouverture.agreements.checks import KO, OK, WARN, run_checks
from ouverture.agreements.models import Agreement, Instalment, StatedSubtotal
from ouverture.agreements.overview import AgreementOverview
from ouverture.documents.convention import Convention
from tests.agreements.factories import advance_to, line, make_agreement

D = Decimal


def _checks(agreement, code):
    return [c for c in run_checks(AgreementOverview(agreement)) if c.code == code]


def _flat(text):
    return text.replace("\u202f", " ").replace("\xa0", " ")


# Strands ------------------------------------------------------------------------------


def test_strand_subtotals_are_computed_and_checked_against_the_total(db):
    actor = system_user()
    agreement = make_agreement()  # Accompagnements 7 000 + Outils 3 000
    coaching = services.add_strand(agreement, actor=actor, label="Accompagnement")
    tools = services.add_strand(agreement, actor=actor, label="Outils du PAM")
    services.set_line_strand(line(agreement), actor=actor, strand=coaching)
    overview = AgreementOverview(agreement)
    assert [(t.label, t.subtotal) for t in overview.strand_totals] == [
        ("Accompagnement", D("7000.00")), ("Outils du PAM", D("0.00")), ("Hors volet", D("3000.00")),
    ]  # fmt: skip
    (loose,) = _checks(agreement, "strand_unassigned")
    assert loose.level == WARN and "« Outils »" in loose.detail
    services.set_line_strand(line(agreement, "Outils"), actor=actor, strand=tools)
    (total,) = _checks(agreement, "strand_sum")
    assert total.level == OK and not _checks(agreement, "strand_unassigned")

    # A submitted budget printed 6 500 for the first strand: the check names it, with numbers.
    services.record_stated_subtotal(
        agreement, actor=actor, kind="strand", strand=coaching, value="6 500,00",
        source="budget déposé, page 3",
    )  # fmt: skip
    (stated,) = _checks(agreement, "stated_subtotal")
    assert stated.level == KO
    assert stated.label == "Sous-total du volet « Accompagnement » = somme de ses lignes"
    assert _flat(stated.detail) == (
        "Imprimé : 6 500,00 € (budget déposé, page 3) ; sa ligne : 7 000,00 € : écart -500,00 €."
    )
    (total,) = _checks(agreement, "strand_sum")
    assert total.level == KO
    assert _flat(total.detail) == (
        "Accompagnement 6 500,00 € + Outils du PAM 3 000,00 € = 9 500,00 € ; "
        "total des lignes 10 000,00 € : écart -500,00 €."
    )


def test_the_page_shows_strands_and_the_checks(db, client_for, finance_manager):
    actor = system_user()
    agreement = make_agreement()
    strand = services.add_strand(agreement, actor=actor, label="Accompagnement")
    services.set_line_strand(line(agreement), actor=actor, strand=strand)
    services.record_stated_subtotal(agreement, actor=actor, kind="budget_total", value="9999.99")
    html = _flat(
        client_for(finance_manager)
        .get(reverse("agreements:detail", args=[agreement.pk]))
        .content.decode()
    )
    assert "Sous-totaux par volet" in html and "Hors volet" in html
    assert "Total du tableau budgétaire = somme de ses lignes" in html
    assert "Imprimé : 9 999,99 € ; les 2 lignes : 10 000,00 € : écart -0,01 €." in html


def test_bad_strands_and_subtotals_are_refused_in_french_and_write_nothing(db):
    actor = system_user()
    agreement, other = make_agreement(), make_agreement()
    strand = services.add_strand(agreement, actor=actor, label="Accompagnement")
    foreign = services.add_strand(other, actor=actor, label="Ailleurs")
    with pytest.raises(ValidationError, match="existe déjà"):
        services.add_strand(agreement, actor=actor, label="accompagnement")
    with pytest.raises(ValidationError, match="Nommez le volet"):
        services.add_strand(agreement, actor=actor, label="  ")
    with pytest.raises(ValidationError, match="autre convention"):
        services.set_line_strand(line(agreement), actor=actor, strand=foreign)
    with pytest.raises(ValidationError, match="autre convention"):
        services.add_budget_line(
            agreement, actor=actor, label="X", quantity=1, unit="forfait", total="10",
            categories="staff", strand=foreign,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="dit de quel volet"):
        services.record_stated_subtotal(agreement, actor=actor, kind="strand", value="10")
    with pytest.raises(ValidationError, match="Indiquez la catégorie"):
        services.record_stated_subtotal(agreement, actor=actor, kind="category", value="10")
    with pytest.raises(ValidationError, match="« douze » n.est pas un montant"):
        services.record_stated_subtotal(
            agreement, actor=actor, kind="strand", strand=strand, value="douze"
        )
    assert agreement.strands.count() == 1 and agreement.budget_lines.count() == 2
    assert line(agreement).strand is None and not StatedSubtotal.objects.exists()


def test_the_source_budget_table_is_flagged_with_its_numbers(source_data):
    agreement = Agreement.objects.get(reference="CD62-LIANES-2024")
    checks = _checks(agreement, "stated_subtotal")
    by_label = {c.label: c for c in checks}
    column = by_label["Le tableau soumis additionne la colonne « coût unitaire »"]
    assert column.level == WARN
    assert "9 346,55 €" in _flat(column.detail) and "9 346,56 €" in _flat(column.detail)
    assert "écart -0,01 €" in _flat(column.detail) and "11 879,54 €" in _flat(column.detail)
    # The financing plan's rows and the table's total agree with the lines.
    others = [c for c in checks if c is not column]
    assert len(others) == 5 and all(c.level == OK for c in others), others
    assert any("Coûts RH" in c.detail and "8 139,54 €" in _flat(c.detail) for c in others)
    # No schedule: the convention's payment articles are not in the source.
    assert not agreement.instalments.exists() and not _checks(agreement, "schedule_total")


# Payment schedule ------------------------------------------------------------------------


def test_schedule_amounts_are_half_up_and_the_rest_takes_the_remainder():
    subsidy = D("9879.54")
    assert finance.schedule_amounts(subsidy, [(D(30), None), (None, None)]) == [
        D("2963.86"), D("6915.68"),
    ]  # fmt: skip
    # 1/3 each: 3293.18 × 3 = 9879.54; 0.005 rounds up.
    assert finance.schedule_amounts(D("100.01"), [(D(50), None), (D(50), None)]) == [
        D("50.01"), D("50.01"),
    ]  # fmt: skip


def test_a_schedule_shows_on_the_page_in_the_convention_and_in_the_checks(
    db, client_for, finance_manager
):
    actor = system_user()
    agreement = make_agreement()  # subsidy 8 000
    services.set_schedule(
        agreement, actor=actor, instalments=[
            {"kind": "advance", "share": "30", "condition": "à la signature de la convention"},
            {"kind": "balance", "condition": "sur présentation du bilan",
             "due_on": dt.date(2025, 6, 30)},
        ],
    )  # fmt: skip
    overview = AgreementOverview(agreement)
    assert [row.amount for row in overview.schedule] == [D("2400.00"), D("5600.00")]
    (check,) = _checks(agreement, "schedule_total")
    assert check.level == OK
    html = _flat(
        client_for(finance_manager)
        .get(reverse("agreements:detail", args=[agreement.pk]))
        .content.decode()
    )
    assert "Échéancier de versement" in html and "2 400,00 €" in html and "le reste" in html
    assert "30 %" in html and "30 juin 2025" in html
    services.add_commitment(
        agreement, actor=actor, label="Accompagnements", target=D(8), unit="porteur",
        measure_kind="manual", period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
    )  # fmt: skip
    schedule = Convention(agreement).context()["schedule"]
    assert [(i["kind"], _flat(i["share"]), _flat(i["amount"])) for i in schedule] == [
        ("Avance", "30 %", "2 400,00 €"), ("Solde", "", "5 600,00 €"),
    ]  # fmt: skip
    assert schedule[1]["due"] == "30 juin 2025"

    # The subsidy changes: the share follows, the rest takes the remainder, still the subsidy.
    services.update_agreement(agreement, actor=actor, subsidy=D("7000.01"))
    agreement.refresh_from_db()
    assert [r.amount for r in AgreementOverview(agreement).schedule] == [D("2100.00"), D("4900.01")]

    # Paid: the payment's date and amount, written once in the payment record.
    advance_to(agreement, "signed")
    payment = services.record_payment(
        agreement, actor=actor, kind="advance", date=dt.date(2024, 2, 1), amount=D("2100.00")
    )
    first = agreement.instalments.get(position=1)
    services.mark_instalment_paid(first, payment, actor=actor)
    assert AgreementOverview(agreement).schedule[0].paid_on == dt.date(2024, 2, 1)
    with pytest.raises(ValidationError, match="déjà versée"):
        services.set_schedule(
            agreement, actor=actor, instalments=[{"kind": "balance", "condition": "x"}]
        )


def test_fixed_amounts_that_no_longer_make_the_subsidy_are_flagged(db):
    actor = system_user()
    agreement = make_agreement()
    services.set_schedule(
        agreement, actor=actor, instalments=[
            {"kind": "advance", "amount": "3000", "condition": "à la signature"},
            {"kind": "balance", "amount": "5 000,00", "condition": "au bilan"},
        ],
    )  # fmt: skip
    services.update_agreement(agreement, actor=actor, subsidy=D("7500.00"))
    agreement.refresh_from_db()
    (check,) = _checks(agreement, "schedule_total")
    assert check.level == KO
    assert _flat(check.detail) == (
        "3 000,00 € + 5 000,00 € = 8 000,00 € ; subvention 7 500,00 € : écart 500,00 €."
    )


@pytest.mark.parametrize(
    ("instalments", "message"),
    [
        ([], "au moins une échéance"),
        ([{"kind": "advance", "share": "60", "condition": "a"},
          {"kind": "balance", "share": "50", "condition": "b"}], "plus de 100 %"),
        ([{"kind": "advance", "share": "30", "condition": "a"},
          {"kind": "balance", "share": "60", "condition": "b"}],
         "Les échéances font 7 200,00 € pour une subvention de 8 000,00 €"),
        ([{"kind": "advance", "condition": "a"}, {"kind": "balance", "share": "50", "condition": "b"}],
         "Seule la dernière échéance"),
        ([{"kind": "advance", "share": "30", "amount": "100", "condition": "a"}], "pas les deux"),
        ([{"kind": "advance", "share": "30"}], "à quelle condition"),
        ([{"kind": "gift", "share": "30", "condition": "a"}], "avance, acompte ou solde"),
        ([{"kind": "advance", "share": "-5", "condition": "a"}], "négati|supérieur|montant"),
        ([{"kind": "advance", "amount": "8000", "condition": "a"},
          {"kind": "balance", "condition": "b"}], "il ne reste rien"),
    ],
)  # fmt: skip
def test_a_bad_schedule_is_refused_in_french_and_nothing_is_written(db, instalments, message):
    agreement = make_agreement()
    services.set_schedule(
        agreement, actor=system_user(),
        instalments=[{"kind": "balance", "share": "100", "condition": "à la signature"}],
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.set_schedule(agreement, actor=system_user(), instalments=instalments)
    assert any(__import__("re").search(message, _flat(m)) for m in error.value.messages), (
        error.value.messages
    )
    (kept,) = Instalment.objects.filter(agreement=agreement)
    assert kept.share == D(100)


def test_no_schedule_without_a_known_subsidy(db):
    agreement = make_agreement(lines=False, subsidy=None, forecast_cost=None)
    with pytest.raises(ValidationError, match="pas encore connue"):
        services.set_schedule(
            agreement, actor=system_user(),
            instalments=[{"kind": "balance", "condition": "au bilan"}],
        )  # fmt: skip
    assert not agreement.instalments.exists()


def test_the_schedule_screen_sets_it_or_says_why_not(db, client_for, finance_manager):
    agreement = make_agreement()
    url = reverse("agreements:schedule", args=[agreement.pk])
    client = client_for(finance_manager)
    assert client.get(url).status_code == 200
    bad = {"kind_1": "advance", "share_1": "30", "condition_1": "à la signature",
           "kind_2": "balance", "share_2": "60", "condition_2": "au bilan"}  # fmt: skip
    page = _flat(client.post(url, bad).content.decode())
    assert "Rien n'a été enregistré" in page
    assert "Les échéances font 7 200,00 € pour une subvention de 8 000,00 €" in page
    assert not agreement.instalments.exists()
    good = {"kind_1": "advance", "share_1": "30", "condition_1": "à la signature",
            "kind_2": "balance", "condition_2": "au bilan", "due_on_2": "2025-06-30"}  # fmt: skip
    response = client.post(url, good)
    assert response.status_code == 302
    assert [(i.kind, i.share) for i in agreement.instalments.in_order()] == [
        ("advance", D("30.00")), ("balance", None),
    ]  # fmt: skip
    assert "30,00" in client.get(url).content.decode()
