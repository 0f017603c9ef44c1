import pytest

from ouverture.agreements.models import Agreement
from ouverture.agreements.seed_2023 import agreement_2023 as seeded_2023


@pytest.fixture
def agreement_2023(source_data):
    """The 2023 agreement as the source data loads it: six commitments, two without a target,
    no amount ("montant non connu")."""
    agreement = seeded_2023()
    assert agreement is not None and agreement.commitments.count() == 6
    return agreement


@pytest.fixture
def agreement_2024(source_data):
    return Agreement.objects.get(reference="CD62-LIANES-2024")
