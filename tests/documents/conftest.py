import datetime as dt
from decimal import Decimal

import pytest

from ouverture.agreements.enums import MeasureKind
from ouverture.agreements.models import Agreement, Commitment

D = dt.date

# The source document's "Rappel des engagements pris" for 2023, measured by the indicators
# that exist today (report-records loads the real 2023 agreement; these tests build a minimal
# one with the same parties and placeholder amounts, since the model asks for amounts).
COMMITMENTS_2023 = [
    ("Réalisation de 30 accompagnements personnalisés", 30, "accompagnements",
     "coaching.follow_ups_opened", {"kind": "coaching"}),
    ("Réalisation de 2 temps d'accompagnement collectif", 2, "temps collectifs",
     "events.workshops_held", {"kind": "call_preparation"}),
    ("Organisation de 2 journées de formation « préparation au départ »", 2, "formations",
     "events.workshops_held", {"kind": "pre_departure_training"}),
]  # fmt: skip


@pytest.fixture
def agreement_2023(source_data):
    model = Agreement.objects.get(reference="CD62-LIANES-2024")
    agreement = Agreement.objects.filter(reference="CD62-LIANES-2023").first()
    if agreement is None:
        agreement = Agreement.objects.create(
            reference="CD62-LIANES-2023",
            title="Lianes coopération — programme 2023",
            funder=model.funder,
            funder_representative=model.funder_representative,
            beneficiary=model.beneficiary,
            beneficiary_representative=model.beneficiary_representative,
            year=2023,
            action_start=D(2023, 1, 1),
            action_end=D(2023, 12, 31),
            eligibility_start=D(2023, 1, 1),
            eligibility_end=D(2023, 12, 31),
            report_due=D(2024, 4, 1),
            subsidy=Decimal("1.00"),
            forecast_cost=Decimal("1.00"),
        )
    if not agreement.commitments.exists():
        for position, (label, target, unit, code, params) in enumerate(COMMITMENTS_2023):
            Commitment.objects.create(
                agreement=agreement, position=position, label=label, target=target, unit=unit,
                period_start=D(2023, 1, 1), period_end=D(2023, 12, 31),
                measure_kind=MeasureKind.INDICATOR, indicator_code=code, indicator_params=params,
            )  # fmt: skip
    return agreement


@pytest.fixture
def agreement_2024(source_data):
    return Agreement.objects.get(reference="CD62-LIANES-2024")
