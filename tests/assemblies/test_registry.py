"""Bodies, groups, members and mandates on the secretariat's screens: each refusal next to
its field, nothing written."""

import datetime as dt

import pytest
from django.urls import reverse

from ouverture.assemblies.enums import BodyKind
from ouverture.assemblies.models import Body, Mandate, Member, PoliticalGroup
from tests.assemblies.factories import make_body


@pytest.fixture
def officer(client_for, funder_officer):
    return client_for(funder_officer)


def errors_of(response, name="form"):
    return {k: " ".join(v) for k, v in response.context[name].errors.items()}


def body_data(body, **overrides):
    data = {"funder": body.funder_id, "name": "Commission Permanente", "kind": BodyKind.STANDING,
            "quorum_counts_represented": "on", "proxies_per_holder": "1",
            "president_casting_vote": "on"}  # fmt: skip
    data.update(overrides)
    return data


def test_a_body_and_its_rules(db, officer):
    existing = make_body(kind=BodyKind.COUNCIL, name="Conseil départemental")
    response = officer.post(reverse("assemblies:body_create"), body_data(existing))
    body = Body.objects.get(name="Commission Permanente")
    assert response.url == reverse("assemblies:body", args=[body.pk])
    assert body.quorum_counts_represented and body.proxies_per_holder == 1
    page = officer.post(
        reverse("assemblies:body_create"), body_data(existing, name="conseil départemental")
    )
    assert "existe déjà" in errors_of(page)["name"]
    page = officer.post(
        reverse("assemblies:body", args=[body.pk]), body_data(existing, proxies_per_holder="0")
    )
    assert errors_of(page) == {
        "proxies_per_holder": "Un mandataire peut détenir au moins un pouvoir."
    }
    body.refresh_from_db()
    assert body.proxies_per_holder == 1 and Body.objects.count() == 2
    officer.post(
        reverse("assemblies:body", args=[body.pk]), body_data(existing, proxies_per_holder="2")
    )
    body.refresh_from_db()
    assert body.proxies_per_holder == 2


def test_a_member_with_a_group_and_mandates(db, officer):
    body = make_body(kind=BodyKind.STANDING, name="Commission Permanente")
    officer.post(
        reverse("assemblies:group_create"),
        {"funder": body.funder_id, "name": "Groupe A", "position": "1"},
    )
    group = PoliticalGroup.objects.get(name="Groupe A")
    page = officer.post(
        reverse("assemblies:group_create"),
        {"funder": body.funder_id, "name": "groupe a", "position": "2"},
    )
    assert "existe déjà" in errors_of(page)["name"]
    response = officer.post(
        reverse("assemblies:member_create"),
        {"civility": "Mme", "first_name": "Zohra", "last_name": "OUAGUEF", "group": group.pk},
    )
    member = Member.objects.get(last_name="OUAGUEF")
    url = reverse("assemblies:member", args=[member.pk])
    assert response.url == url and member.group == group

    def mandate(**values):
        data = {"what": "mandate", "mandate-body": body.pk, "mandate-starts_on": "2021-07-01",
                "mandate-deliberative": "on"}  # fmt: skip
        data.update({f"mandate-{k}": v for k, v in values.items()})
        return officer.post(url, data)

    assert mandate(ends_on="2021-06-30").context["mandate_form"].errors == {
        "ends_on": ["La fin du mandat précède son début."]
    }
    assert not Mandate.objects.exists()
    assert mandate().status_code == 302
    refused = mandate(starts_on="2024-01-01")
    assert "les périodes ne se chevauchent pas" in errors_of(refused, "mandate_form")["starts_on"]
    assert "Rien n'a été enregistré." in refused.text
    (row,) = Mandate.objects.all()
    assert (row.starts_on, row.ends_on, row.deliberative) == (dt.date(2021, 7, 1), None, True)
    # The member's own form.
    officer.post(url, {"what": "member", "civility": "Mme", "first_name": "Zohra",
                       "last_name": "OUAGUEF-B", "group": ""})  # fmt: skip
    member.refresh_from_db()
    assert (member.last_name, member.group) == ("OUAGUEF-B", None)
    page = officer.get(reverse("assemblies:body", args=[body.pk]))
    assert "OUAGUEF-B" in page.text and "en cours" in page.text


def test_only_the_secretariat(db, client_for, staff, holder):
    for user in (staff, holder):
        assert client_for(user).get(reverse("assemblies:bodies")).status_code == 403
        assert client_for(user).post(reverse("assemblies:member_create"), {}).status_code == 403
