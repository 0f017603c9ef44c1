"""Agreement and document checks are one list: what the page, the draft and the command show."""

import io

import pytest
from django.core.management import CommandError, call_command

from ouverture.agreements.checks import run_checks
from ouverture.agreements.enums import AgreementStatus
from ouverture.agreements.overview import AgreementOverview
from ouverture.documents.activity_report import ActivityReport
from tests.agreements.factories import expense, line, make_agreement

pytestmark = pytest.mark.django_db


def test_a_line_spent_beyond_its_amount_must_be_corrected_and_blocks_the_report(tmp_path):
    agreement = make_agreement(status=AgreementStatus.RUNNING)
    outils = line(agreement, "Outils")
    # 3 000 € budgeted, 14 070 € spent: 469 %.
    for _ in range(7):
        expense(agreement, "2010.00", budget_line=outils, category="staff")
    checks = run_checks(AgreementOverview(agreement))
    (over,) = [c for c in checks if c.code == "line_overspent"]
    assert over.level == "ko" and "(469 %)" in over.detail.replace("\u202f", " ")
    agreement.commitments.create(
        label="Temps collectifs", target=2, unit="temps collectifs",
        period_start=agreement.action_start, period_end=agreement.action_end,
        indicator_code="events.workshops_held",
    )  # fmt: skip
    report = ActivityReport(agreement)
    codes = {c.code: c for c in report.checks()}
    assert codes["commitment_behind"].level == "warn"
    assert codes["empty_figure"].level == "warn"  # no workshop behind the figure
    assert [c.code for c in report.blocking()] == ["line_overspent"]
    target = tmp_path / "bilan.docx"
    with pytest.raises(CommandError, match="dépensé au-delà du montant de la ligne"):
        call_command(
            "documents", "generate", "activity-report", "--agreement", agreement.reference,
            "--format", "docx", "--output", str(target), stdout=io.StringIO(),
        )  # fmt: skip
    assert not target.exists()


def test_a_commitment_behind_reads_its_unit_in_the_plural():
    agreement = make_agreement(status=AgreementStatus.RUNNING)
    agreement.commitments.create(
        label="Accompagnements", target=30, unit="structure accompagnée",
        period_start=agreement.action_start, period_end=agreement.action_end,
        indicator_code="coaching.follow_ups_opened",
    )  # fmt: skip
    (behind,) = [
        c for c in run_checks(AgreementOverview(agreement)) if c.code == "commitment_behind"
    ]
    assert "pour un objectif de 30 structures accompagnées (" in behind.detail
    assert "structure accompagnée (" not in behind.detail
