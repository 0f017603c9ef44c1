"""The act's screens: draft the deliberation of a voted item (the amount and the beneficiary
from the records, never typed) and adopt it (credit committed, agreement created and linked).
Each refusal is shown next to its field and nothing is written."""

import datetime as dt
import html
from decimal import Decimal

import pytest
from django.urls import reverse

from ouverture.agreements import services as agreements
from ouverture.agreements.hooks import reference_text
from ouverture.agreements.models import Agreement
from ouverture.assemblies import deliberations, services
from ouverture.assemblies.enums import BodyKind, Result
from ouverture.assemblies.models import Citation, Deliberation, Signatory
from ouverture.core.formats import format_money
from tests.assemblies.factories import make_body, make_members, make_sitting

DATE = dt.date(2025, 6, 16)


@pytest.fixture
def voted(actor, funder_officer, holder_organisation):
    holder_organisation.representative_name = "Camille Martin"
    holder_organisation.save()
    standing = make_body(kind=BodyKind.STANDING, name="Commission Permanente")
    operation = agreements.create_operation(
        actor=funder_officer, funder=standing.funder.organisation, year=2025, code="C05-043A06",
        imputation="65748//93043", label="Actions européennes et internationales", credits="20000",
    )  # fmt: skip
    line = agreements.reserve_credit(
        operation, actor=funder_officer, amount="3000", label="Jeunes à Cracovie"
    )
    members = make_members(standing, {"Groupe A": 3, "Groupe B": 2})
    everyone = members["Groupe A"] + members["Groupe B"]
    sitting = make_sitting(actor, standing, everyone, present=5, date=DATE)
    item = services.add_item(
        sitting, actor=actor, title="62MEI 2025", beneficiary=holder_organisation,
        credit_line=line,
    )  # fmt: skip
    group_a, group_b = members["Groupe A"][0].group, members["Groupe B"][0].group
    services.record_vote(item, actor=actor, groups={group_a: {"for": 3}, group_b: {"for": 2}})
    earlier = deliberations.create_deliberation(
        actor=actor, body=standing, number="2023-125", date=dt.date(2023, 3, 25),
        title="L'ouverture au monde",
    )  # fmt: skip
    return {"item": item, "sitting": sitting, "line": line, "operation": operation,
            "earlier": earlier, "body": standing}  # fmt: skip


@pytest.fixture
def officer(client_for, funder_officer):
    return client_for(funder_officer)


def draft_url(voted):
    return reverse("assemblies:deliberation_draft", args=[voted["sitting"].pk, voted["item"].pk])


def form_data(**overrides):
    data = {
        "number": "2025-77",
        "title": "62MEI 2025",
        "texts": "le Code Général des Collectivités Territoriales\nle rapport du Président",
        "citations": "2023-125",
        "purpose": "pour l'année 2025",
        "authorise": "on",
        "signatory_1_title": "Le Président du Conseil départemental",
        "signatory_1_name": "Jean-Claude LEROY",
    }
    data.update(overrides)
    return data


def errors_of(response):
    return {k: " ".join(v) for k, v in response.context["form"].errors.items()}


def test_the_draft_page_shows_what_the_records_grant(voted, officer):
    page = officer.get(draft_url(voted))
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert (
        format_money(Decimal("3000")) in text and "ligne de crédits « Jeunes à Cracovie »" in text
    )
    assert "C05-043A06" in text and "2023-125" in text
    # No field to type an amount or a beneficiary.
    assert set(page.context["form"].fields) >= {"number", "citations", "texts"}
    assert not {"amount", "beneficiary"} & set(page.context["form"].fields)


def test_a_citation_of_a_missing_deliberation_is_refused_on_its_field(voted, officer):
    page = officer.post(draft_url(voted), form_data(citations="2023-125, 2019-1"))
    assert page.status_code == 200
    assert errors_of(page) == {
        "citations": "La délibération n°2019-1 citée n'existe pas : enregistrez-la d'abord."
    }
    assert "Rien n'a été enregistré." in html.unescape(page.text)
    assert not Deliberation.objects.filter(number="2025-77").exists()
    assert not Citation.objects.exists() and not Signatory.objects.exists()


def test_a_number_used_twice_in_the_year_is_refused_on_its_field(voted, officer, actor):
    deliberations.create_deliberation(
        actor=actor, body=voted["body"], number="2025-77", date=dt.date(2025, 2, 1), title="Autre"
    )
    page = officer.post(draft_url(voted), form_data())
    assert errors_of(page) == {
        "number": "Le numéro 2025-77 est déjà pris pour une délibération de 2025."
    }
    assert Deliberation.objects.filter(number="2025-77").get().item_id is None
    assert not Citation.objects.exists()


def test_a_number_of_another_year_and_a_half_signatory_are_refused(voted, officer):
    page = officer.post(draft_url(voted), form_data(number="2024-77"))
    assert "porte l'année 2024, sa date est de 2025" in errors_of(page)["number"]
    page = officer.post(draft_url(voted), form_data(signatory_2_name="Maryline VINCLAIRE"))
    assert errors_of(page) == {"signatory_2_title": "Indiquez la qualité de ce signataire."}
    assert not Deliberation.objects.filter(item=voted["item"]).exists()


def test_an_item_not_adopted_has_no_deliberation(voted, officer):
    voted["item"].__class__.objects.filter(pk=voted["item"].pk).update(result=Result.REJECTED)
    page = officer.post(draft_url(voted), form_data())
    assert "après un vote favorable" in " ".join(page.context["form"].non_field_errors())
    assert not Deliberation.objects.filter(number="2025-77").exists()


def test_draft_then_adopt(voted, officer, holder_organisation):
    available = voted["operation"].available_amount()
    response = officer.post(draft_url(voted), form_data())
    adopt_url = reverse("assemblies:deliberation_adopt", args=["2025-77"])
    assert response.status_code == 302 and response.url == adopt_url
    act = Deliberation.objects.get(number="2025-77")
    assert (act.body, act.date, act.item) == (voted["body"], DATE, voted["item"])
    assert [c.cited for c in act.citations.all()] == [None, None, voted["earlier"]]
    grant, authorisation, imputation = act.articles.all()
    assert (grant.beneficiary, grant.amount) == (holder_organisation, Decimal("3000.00"))
    assert grant.text.startswith(f"D'attribuer une subvention de {format_money(grant.amount)} à")
    assert authorisation.kind == "authorisation" and imputation.kind == "imputation"
    assert [i.credit_line for i in act.imputations.all()] == [voted["line"]]
    assert [s.name for s in act.signatories.all()] == ["Jean-Claude LEROY"]
    # Drafting the same item again leads to its act.
    again = officer.get(draft_url(voted))
    assert again.status_code == 302 and again.url.endswith("/2025-77/")

    page = officer.get(adopt_url)
    assert page.status_code == 200 and "Adopter la délibération" in page.text
    response = officer.post(adopt_url)
    assert response.status_code == 302
    act.refresh_from_db()
    assert act.result == Result.ADOPTED
    (agreement,) = act.agreements.all()
    assert agreement.subsidy == Decimal("3000.00") and agreement.beneficiary == holder_organisation
    assert reference_text(agreement).endswith("délibération n°2025-77")
    voted["line"].refresh_from_db()
    assert voted["line"].status == "committed" and voted["line"].agreement == agreement
    assert voted["operation"].available_amount() == available  # the proposal had reserved it
    assert voted["operation"].credits - voted["operation"].available_amount() == Decimal("3000")
    page = officer.get(reverse("assemblies:deliberation", args=["2025-77"]))
    assert "Conventions : DELIB-2025-77-1" in page.text


def test_a_refused_adoption_is_shown_and_writes_nothing(voted, officer, holder_organisation):
    officer.post(draft_url(voted), form_data())
    holder_organisation.representative_name = ""
    holder_organisation.save()
    page = officer.post(reverse("assemblies:deliberation_adopt", args=["2025-77"]))
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Rien n'a été enregistré." in text and "Renseignez le représentant légal" in text
    assert Deliberation.objects.get(number="2025-77").result == ""
    assert not Agreement.objects.exists()
    voted["line"].refresh_from_db()
    assert voted["line"].status == "proposed"


def test_only_the_secretariat_drafts_and_adopts(voted, client_for, staff, holder):
    adopt_url = reverse("assemblies:deliberation_adopt", args=["2023-125"])
    for user in (staff, holder):
        assert client_for(user).get(draft_url(voted)).status_code == 403
        assert client_for(user).post(adopt_url).status_code == 403
    assert Deliberation.objects.count() == 1


def test_without_a_beneficiary_the_page_says_so_and_drafts_nothing(voted, officer, actor):
    services.update_item(voted["item"], actor=actor, beneficiary=None)
    page = officer.get(draft_url(voted))
    assert "ne dit pas à qui la subvention est attribuée" in html.unescape(page.text)
    page = officer.post(draft_url(voted), form_data())
    assert "ne dit pas à qui" in " ".join(page.context["form"].non_field_errors())
    assert not Deliberation.objects.filter(number="2025-77").exists()
