"""The 2023 programme: commitments of seed-figures.json loaded on an agreement whose money is
not known; every screen, check, export and command handles it; commitments read in words."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from ouverture.agreements import services
from ouverture.agreements.checks import KO, WARN, run_checks
from ouverture.agreements.overview import AgreementOverview
from ouverture.agreements.progress import progress
from ouverture.agreements.seed_2023 import REFERENCE, agreement_2023


@pytest.fixture
def agreement(source_data):
    return agreement_2023()


def test_commitments_of_the_2023_programme(agreement, seed_figures):
    commitments = list(agreement.commitments.in_order())
    got = [{"text": c.label, "target": c.target and int(c.target)} for c in commitments]
    assert got == seed_figures["commitments_2023"]
    assert agreement.subsidy is None and agreement.forecast_cost is None


def test_each_2023_commitment_is_measured_by_records(agreement, seed_figures):
    by_label = {c.label: progress(c) for c in agreement.commitments.all()}
    meetings = by_label["Participation aux réflexions du département"]
    assert meetings.value == len(seed_figures["funder_meetings_2023"])
    assert (meetings.state_label, meetings.target_text) == ("sans cible chiffrée",) * 2
    promotion = by_label["Soutien à la dynamique territoriale par la valorisation des dispositifs"]
    assert promotion.value == len(seed_figures["promotion_events_2023"])
    focus = by_label["Réalisation d'un focus dans l'enquête régionale sur les ASI"]
    assert (focus.value, focus.state) == (1, "reached")
    trainings = by_label["Organisation de 2 journées de formation « préparation au départ »"]
    assert trainings.value == len(seed_figures["pre_departure_trainings_2023"])
    assert trainings.params_text == "nature : Préparation au départ"
    assert all(p.available for p in by_label.values())


def test_unknown_money_everywhere(agreement, client_for, finance_manager):
    overview = AgreementOverview(agreement)
    assert overview.subsidy_due is None and overview.left_to_pay is None
    checks = {c.code: c for c in run_checks(overview)}
    assert checks["budget_total"].level == WARN
    assert "montant non connu" in checks["subsidy_cap"].detail
    assert not [
        c for c in checks.values() if c.level == KO and c.code in {"budget_total", "subsidy_cap"}
    ]
    client = client_for(finance_manager)
    page = client.get(reverse("agreements:detail", args=[agreement.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "montant non connu" in text and "sans cible chiffrée" in text
    assert "« coaching »" not in text and "nature : Accompagnement" in text
    sim = client.get(reverse("agreements:detail", args=[agreement.pk]), {"realised": "100"})
    assert sim.status_code == 200 and "Montant non connu" in sim.content.decode()
    assert client.get(reverse("agreements:list")).status_code == 200
    xlsx = client.get(reverse("agreements:export", args=[agreement.pk]))
    assert xlsx.status_code == 200
    load_workbook(io.BytesIO(xlsx.content))
    out = io.StringIO()
    call_command("agreement", "show", REFERENCE, stdout=out)
    assert "Subvention montant non connu" in out.getvalue()
    out = io.StringIO()
    call_command("agreement", "show", REFERENCE, "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["commitments"][4]["target"] is None
    assert data["commitments"][4]["target_text"] == "sans cible chiffrée"
    call_command("agreement", "list", stdout=io.StringIO())
    call_command("agreement", "prorata", REFERENCE, "--realised", "100", stdout=io.StringIO())
    call_command("agreement", "check", REFERENCE, stdout=io.StringIO())


def test_no_payment_while_the_subsidy_is_unknown(db):
    import datetime as dt

    from django.core.exceptions import ValidationError

    from ouverture.agreements.enums import AgreementStatus
    from tests.agreements.factories import make_agreement

    agreement = make_agreement(status=AgreementStatus.RUNNING, subsidy=None, forecast_cost=None)
    with pytest.raises(ValidationError) as error:
        services.record_payment(
            agreement, actor=None, kind="advance", date=dt.date(2024, 3, 1), amount="100"
        )
    assert "pas encore connue" in str(error.value)
    assert not agreement.payments.exists()


def test_loading_twice_adds_nothing(agreement):
    from ouverture.agreements import seed_2023

    seed_2023.load(None, log=lambda *_: None)
    assert agreement.commitments.count() == 6


def test_deliverables_measure_the_pam_tools(source_data, client_for, finance_manager):
    from ouverture.agreements.models import Agreement

    a = Agreement.objects.get(reference="CD62-LIANES-2024")
    tools = a.commitments.get(label="Outils pour les modules du PAM")
    assert progress(tools).value == 0
    client = client_for(finance_manager)
    url = reverse("agreements:deliverable_create", args=[a.pk, tools.pk])
    response = client.post(
        url, {"date": "2024-05-02", "title": "Module 1 : fiches", "description": ""}
    )
    assert response.status_code == 302
    refused = client.post(url, {"date": "2023-05-02", "title": "Trop tôt"})
    assert "doit dater de la période" in refused.content.decode()
    p = progress(tools)
    assert p.value == Decimal(1) and p.rows[0].label == "Module 1 : fiches"
    page = client.get(reverse("agreements:commitment", args=[a.pk, tools.pk])).content.decode()
    assert "Module 1 : fiches" in page


def test_commitment_history_reads_parameters_in_words(db):
    from ouverture.core import history
    from tests.agreements.factories import make_agreement

    agreement = make_agreement()
    commitment = services.add_commitment(
        agreement, actor=None, label="Accompagnements", target=8, unit="structure",
        measure_kind="indicator", indicator_code="coaching.follow_ups_opened",
        indicator_params={"kind": "coaching", "project_type": "youth_mobility"},
    )  # fmt: skip
    services.update_commitment(
        commitment, actor=None, indicator_params={"kind": "advice", "project_type": ""}
    )
    change = history.entries(commitment)[0]["changes"][0]
    assert "nature : Accompagnement" in change["old"] and "youth_mobility" not in change["old"]
    assert change["new"] == "nature : Appui-conseil ; type de projet : Tous types de projet"
    assert progress(commitment).params_text.startswith("nature : Appui-conseil")
