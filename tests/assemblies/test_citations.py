import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ouverture.assemblies import deliberations
from ouverture.assemblies.deliberations import check_citations
from tests.assemblies.factories import make_body


@pytest.fixture
def acts(actor):
    body = make_body()
    for number, date in (("2022-11", dt.date(2022, 1, 24)), ("2023-125", dt.date(2023, 3, 25))):
        deliberations.create_deliberation(
            actor=actor, body=body, number=number, date=date, title=f"Acte {number}"
        )
    return body


def test_a_citation_with_another_date_than_the_record_is_flagged(acts):
    (problem,) = check_citations(
        "Vu la délibération n°2022-11 du Conseil départemental en date du 23/01/2022 « L' »"
    )
    assert "est du 24 janvier 2022, pas du 23 janvier 2022" in problem
    (problem,) = check_citations("la révision adoptée lors de la délibération du 25 mars 2024.")
    assert "aucune délibération enregistrée" in problem and "n°2023-125 du 25 mars 2023" in problem
    assert check_citations("Vu la délibération n°2023-125 en date du 25/03/2023 ;") == []
    (problem,) = check_citations("Vu la délibération n°2019-999 du 01/02/2019 ;")
    assert "n'est pas enregistrée" in problem


def test_a_number_is_unique_in_its_year_and_a_citation_must_exist(acts, actor):
    with pytest.raises(ValidationError, match="déjà pris"):
        deliberations.create_deliberation(
            actor=actor, body=acts, number="2022-11", date=dt.date(2022, 5, 2), title="Autre"
        )
    with pytest.raises(ValidationError, match="porte l'année 2021"):
        deliberations.create_deliberation(
            actor=actor, body=acts, number="2021-12", date=dt.date(2022, 5, 2), title="Autre"
        )
    act = deliberations.create_deliberation(
        actor=actor, body=acts, number="2024-1", date=dt.date(2024, 5, 2), title="Acte"
    )
    with pytest.raises(ValidationError, match="n°2020-5 citée n'existe pas"):
        deliberations.cite(act, actor=actor, number="2020-5")
    assert act.citations.count() == 0
