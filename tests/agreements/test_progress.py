"""Commitments that measure themselves: the figure, the rows behind it, the pace."""

import datetime as dt
from decimal import Decimal

from ouverture.agreements import services
from ouverture.agreements.progress import UNAVAILABLE, elapsed_share, progress
from ouverture.coaching.enums import FollowUpKind
from ouverture.coaching.services import open_follow_up
from tests.agreements.factories import make_agreement
from tests.organisations.factories import OrganisationFactory

D = Decimal


def _mobility_commitment(agreement, actor, target=8):
    return services.add_commitment(
        agreement, actor=actor, label="Accompagnements mobilité", target=target,
        unit="structure accompagnée", measure_kind="indicator",
        indicator_code="coaching.follow_ups_opened",
        indicator_params={"kind": "coaching", "project_type": "youth_mobility"},
    )  # fmt: skip


def test_indicator_counts_its_unit_and_lists_the_rows_behind(db, actor):
    agreement = make_agreement(lines=False)
    commitment = _mobility_commitment(agreement, actor)
    counted = [OrganisationFactory(name=f"Lycée {i}") for i in range(3)]
    for organisation in counted:
        open_follow_up(
            organisation,
            actor=actor,
            opened_on=dt.date(2024, 3, 1),
            project_types=["youth_mobility"],
        )
    # Not counted: advice, another project type, outside the period.
    open_follow_up(
        OrganisationFactory(), actor=actor, opened_on=dt.date(2024, 3, 1), kind=FollowUpKind.ADVICE
    )
    open_follow_up(
        OrganisationFactory(twinning=True),
        actor=actor,
        opened_on=dt.date(2024, 3, 1),
        project_types=["twinning"],
    )
    open_follow_up(
        OrganisationFactory(),
        actor=actor,
        opened_on=dt.date(2023, 12, 31),
        project_types=["youth_mobility"],
    )
    result = progress(commitment, today=dt.date(2024, 12, 31))
    assert result.value == 3
    assert sorted(row.label for row in result.rows) == sorted(o.name for o in counted)
    assert all(row.url for row in result.rows)
    assert result.percent == D("37.5")
    assert result.state == "behind"  # the last day: the pace asks for all 8


def test_behind_pace_flag(db, actor):
    agreement = make_agreement(lines=False)
    commitment = _mobility_commitment(agreement, actor, target=4)
    for _ in range(2):
        open_follow_up(
            OrganisationFactory(),
            actor=actor,
            opened_on=dt.date(2024, 2, 1),
            project_types=["youth_mobility"],
        )
    # Two of four by mid-March: the pace asks for less than one, on track.
    assert progress(commitment, today=dt.date(2024, 3, 15)).state == "on_track"
    # Two of four in mid-September: the pace asks for about 2.8, behind.
    late = progress(commitment, today=dt.date(2024, 9, 15))
    assert late.state == "behind" and late.behind
    assert late.expected > 2
    # After the period: missed; before it: not started.
    assert progress(commitment, today=dt.date(2025, 1, 2)).state == "missed"
    assert progress(commitment, today=dt.date(2023, 12, 1)).state == "not_started"


def test_reached_when_the_target_is_met(db, actor):
    agreement = make_agreement(lines=False)
    commitment = _mobility_commitment(agreement, actor, target=1)
    open_follow_up(
        OrganisationFactory(),
        actor=actor,
        opened_on=dt.date(2024, 2, 1),
        project_types=["youth_mobility"],
    )
    assert progress(commitment, today=dt.date(2024, 2, 2)).state == "reached"


def test_an_unregistered_indicator_shows_unavailable(db, actor):
    agreement = make_agreement(lines=False)
    commitment = services.add_commitment(
        agreement, actor=actor, label="Temps collectif", target=1, unit="temps collectif",
        measure_kind="indicator", indicator_code="fake.workshops_held", indicator_params={"kind": "x"},
    )  # fmt: skip
    result = progress(commitment)
    assert result.value is None and not result.available
    assert result.problem == UNAVAILABLE and result.state_label == UNAVAILABLE


def test_manual_commitment_shows_its_figure_and_evidence(db, actor):
    agreement = make_agreement(lines=False)
    commitment = services.add_commitment(
        agreement, actor=actor, label="Outils PAM", target=7, unit="module", measure_kind="manual",
        manual_value="7", evidence_url="https://example.org/pam",
    )  # fmt: skip
    result = progress(commitment, today=dt.date(2024, 6, 1))
    assert result.value == 7 and result.state == "reached"
    assert result.rows[0].url == "https://example.org/pam"


def test_elapsed_share():
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    assert elapsed_share(start, end, dt.date(2023, 6, 1)) == 0
    assert elapsed_share(start, end, dt.date(2024, 12, 31)) == 1
    assert elapsed_share(start, end, dt.date(2024, 1, 1)) == D(1) / D(366)
