"""The secretariat's screens: each rule a service refuses is shown on the screen, next to the
field or the member's row when it names one, and nothing is written."""

import datetime as dt
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ouverture.assemblies import services
from ouverture.assemblies.enums import BodyKind, ItemPresence, Presence
from ouverture.assemblies.models import (
    AgendaItem,
    Attendance,
    GroupVote,
    ItemAttendance,
    Opinion,
    Proxy,
    Sitting,
)
from tests.assemblies.factories import make_body, make_members, make_sitting


@pytest.fixture
def standing(db):
    body = make_body(kind=BodyKind.STANDING, represented=True, name="Commission Permanente")
    members = make_members(body, {"Groupe A": 6, "Groupe B": 4})
    return body, members


@pytest.fixture
def officer(client_for, funder_officer):
    return client_for(funder_officer)


def flat(members):
    return members["Groupe A"] + members["Groupe B"]


def errors_of(response):
    """{field: "messages joined"} of the page's form."""
    return {k: " ".join(v) for k, v in response.context["form"].errors.items()}


def text(response):
    return html.unescape(response.content.decode())


def test_only_the_secretariat_records(standing, actor, client_for, staff, holder, funder_officer):
    body, members = standing
    sitting = make_sitting(actor, body, flat(members), present=10)
    url = reverse("assemblies:attendance", args=[sitting.pk])
    assert client_for(staff).get(url).status_code == 403
    assert client_for(holder).get(url).status_code == 403
    assert (
        client_for(staff).get(reverse("assemblies:sitting", args=[sitting.pk])).status_code == 200
    )
    page = client_for(funder_officer).get(url)
    assert page.status_code == 200 and page.text.count('type="radio"') == 30


def test_create_and_edit_a_sitting(standing, officer):
    body, members = standing
    president = members["Groupe A"][0]
    response = officer.post(
        reverse("assemblies:sitting_create"),
        {"body": body.pk, "date": "2024-10-14", "place": "Arras", "president": president.pk},
    )
    sitting = Sitting.objects.get()
    other = make_members(make_body(body.funder), {"Autre": 1})["Autre"][0]
    page = officer.post(
        reverse("assemblies:sitting_create"),
        {"body": body.pk, "date": "2024-10-14", "president": other.pk},
    )
    assert "n'a pas de mandat dans Commission Permanente" in errors_of(page)["president"]
    assert Sitting.objects.count() == 1
    assert response.status_code == 302 and (sitting.place, sitting.president) == (
        "Arras",
        president,
    )
    officer.post(
        reverse("assemblies:attendance", args=[sitting.pk]), {f"m{president.pk}": "present"}
    )
    page = officer.post(
        reverse("assemblies:sitting_update", args=[sitting.pk]),
        {"body": body.pk, "date": "2024-10-15", "place": "Arras"},
    )
    assert "l'instance et la date ne changent plus" in (errors_of(page)["date"])
    sitting.refresh_from_db()
    assert sitting.date == dt.date(2024, 10, 14) and sitting.president == president


def test_attendance_in_one_form_and_a_refused_row_writes_nothing(standing, actor, officer):
    body, members = standing
    everyone = flat(members)
    sitting = services.create_sitting(actor=actor, body=body, date=dt.date(2024, 10, 14))
    url = reverse("assemblies:attendance", args=[sitting.pk])
    data = {f"m{m.pk}": "present" for m in everyone[:8]}
    data |= {f"m{m.pk}": "excused" for m in everyone[8:]}
    assert officer.post(url, data).status_code == 302
    assert Attendance.objects.filter(sitting=sitting, status="present").count() == 8
    officer.post(
        reverse("assemblies:proxies", args=[sitting.pk]),
        {"giver": everyone[8].pk, "holder": everyone[0].pk},
    )
    # The giver marked present, and another row changed: refused, on the giver's row; the
    # other change is not written either.
    page = officer.post(
        url, data | {f"m{everyone[8].pk}": "present", f"m{everyone[1].pk}": "absent"}
    )
    assert page.status_code == 200
    assert "le mandant d'un pouvoir n'est pas présent" in (errors_of(page)[f"m{everyone[8].pk}"])
    assert "Rien n'a été enregistré" in text(page)
    assert 'aria-invalid="true"' in text(page)
    assert Attendance.objects.get(sitting=sitting, member=everyone[1]).status == "present"
    # The proxy's holder marked excused: refused on the holder's row.
    page = officer.post(url, data | {f"m{everyone[0].pk}": "excused"})
    assert "détient le pouvoir de" in (errors_of(page)[f"m{everyone[0].pk}"])
    assert Attendance.objects.get(sitting=sitting, member=everyone[0]).status == "present"


def test_proxy_rules_are_shown_next_to_the_field(standing, actor, officer):
    body, members = standing
    everyone = flat(members)
    sitting = make_sitting(actor, body, everyone, present=7)
    url = reverse("assemblies:proxies", args=[sitting.pk])
    assert officer.post(url, {"giver": everyone[7].pk, "holder": everyone[0].pk}).status_code == 302
    page = officer.post(url, {"giver": everyone[8].pk, "holder": everyone[0].pk})
    assert "ne peut détenir que 1 pouvoir" in (errors_of(page)["holder"])
    page = officer.post(url, {"giver": everyone[1].pk, "holder": everyone[2].pk})
    assert "marqué présent" in (errors_of(page)["giver"])
    page = officer.post(url, {"giver": everyone[7].pk, "holder": everyone[3].pk})
    assert "a déjà donné pouvoir" in (errors_of(page)["giver"])
    page = officer.post(url, {"giver": everyone[9].pk, "holder": everyone[8].pk})
    assert "n'est pas présent avec voix délibérative" in (errors_of(page)["holder"])
    assert "Rien n'a été enregistré" in text(page)
    page = officer.post(url, {"giver": everyone[8].pk, "holder": everyone[8].pk})
    assert "ne se donne pas pouvoir à lui-même" in errors_of(page)["holder"]
    assert list(Proxy.objects.values_list("giver", "holder")) == [(everyone[7].pk, everyone[0].pk)]
    # Withdrawn, then given to another present member.
    proxy = Proxy.objects.get()
    officer.post(reverse("assemblies:proxy_withdraw", args=[sitting.pk, proxy.pk]))
    assert not Proxy.objects.exists()
    # Once an item is voted, presence and proxies are fixed: the page says so.
    services.give_proxy(sitting, everyone[7], everyone[0], actor=actor)
    item = services.add_item(sitting, actor=actor, title="Rapport")
    a, b = members["Groupe A"][0].group, members["Groupe B"][0].group
    services.record_vote(item, actor=actor, groups={a: {"for": 6}, b: {"for": 2}})
    page = officer.post(url, {"giver": everyone[8].pk, "holder": everyone[1].pk})
    assert "Un point de cette séance est déjà voté" in text(page)
    page = officer.post(
        reverse("assemblies:proxy_withdraw", args=[sitting.pk, Proxy.objects.get().pk]),
        follow=True,
    )
    assert "Un point de cette séance est déjà voté" in text(page)
    assert Proxy.objects.count() == 1


def vote_data(item_groups, counts=None):
    """counts: {group pk: {"for": n, …}}."""
    data, counts = {}, counts or {}
    for group in item_groups:
        for key in ("for", "against", "abstention", "not_taking_part"):
            data[f"g{group.pk}-{key}"] = counts.get(group.pk, {}).get(key, 0)
    return data


def test_vote_rules_are_shown_and_nothing_is_written(standing, actor, officer):
    body, members = standing
    everyone = flat(members)
    sitting = make_sitting(actor, body, everyone, present=8)
    services.give_proxy(sitting, everyone[8], everyone[0], actor=actor)
    item = services.add_item(sitting, actor=actor, title="Rapport")
    a, b = members["Groupe A"][0].group, members["Groupe B"][0].group
    url = reverse("assemblies:item_vote", args=[sitting.pk, item.pk])
    page = officer.get(url)
    assert "soit 9 voix" in text(page)
    # A group above its voices: on that group's row.
    page = officer.post(url, vote_data([a, b], {a.pk: {"for": 7}, b.pk: {"for": 2}}))
    assert "7 voix déclarées pour 6 membres" in (errors_of(page)[f"g{a.pk}-for"])
    # Totals not equal to present + represented.
    page = officer.post(url, vote_data([a, b], {a.pk: {"for": 6}, b.pk: {"for": 2}}))
    assert "8 voix pour 9 membres présents ou représentés" in text(page)
    # A tie without the president's vote.
    page = officer.post(url, vote_data([a, b], {a.pk: {"for": 3, "abstention": 3}, b.pk: {"against": 3}}))  # fmt: skip
    assert "voix du président est prépondérante" in text(page)
    # A negative count: the form says so.
    page = officer.post(url, vote_data([a, b], {a.pk: {"for": -1}}))
    assert "Un nombre positif" in text(page)
    assert not GroupVote.objects.exists() and AgendaItem.objects.get().result == ""
    # The tie decided by the president.
    tie = vote_data([a, b], {a.pk: {"for": 3, "abstention": 3}, b.pk: {"against": 3}})
    assert officer.post(url, tie | {"president_vote": "against"}).status_code == 302
    assert AgendaItem.objects.get().result == "rejected"


def test_a_vote_without_quorum_is_refused_on_screen(actor, officer, db):
    body = make_body(kind=BodyKind.COUNCIL, represented=False)
    members = make_members(body, {"Groupe A": 10})["Groupe A"]
    sitting = make_sitting(actor, body, members, present=5)
    services.give_proxy(sitting, members[7], members[0], actor=actor)
    item = services.add_item(sitting, actor=actor, title="Rapport")
    url = reverse("assemblies:item_vote", args=[sitting.pk, item.pk])
    page = officer.post(url, vote_data([members[0].group], {members[0].group.pk: {"for": 6}}))
    assert "Quorum non atteint (5 sur 6 requis)" in text(page)
    assert "les pouvoirs ne comptent pas" in text(page)
    assert not GroupVote.objects.exists()


def test_an_interested_member_is_refused_on_screen(standing, actor, officer):
    body, members = standing
    everyone = flat(members)
    sitting = make_sitting(actor, body, everyone, present=10)
    item = services.add_item(sitting, actor=actor, title="Rapport")
    services.declare_interest(item, members["Groupe B"][0], actor=actor)
    a, b = members["Groupe A"][0].group, members["Groupe B"][0].group
    url = reverse("assemblies:item_vote", args=[sitting.pk, item.pk])
    page = officer.post(url, vote_data([a, b], {a.pk: {"for": 6}, b.pk: {"for": 4}}))
    assert "ne prend pas part au vote (intérêt à l'affaire" in text(page)
    assert not GroupVote.objects.exists()


def test_per_item_attendance_changes_the_items_quorum_totals_and_act(standing, actor, officer):
    """A member who leaves before the item, the holder of a proxy among them, and one who does
    not take part: the item counts 7 present, 0 represented; the sitting still 9 + 1."""
    from ouverture.assemblies.content import presence_content

    body, members = standing
    everyone = flat(members)
    sitting = make_sitting(actor, body, everyone, present=9)
    services.give_proxy(sitting, everyone[9], everyone[1], actor=actor)
    item = services.add_item(sitting, actor=actor, title="Rapport")
    url = reverse("assemblies:item_attendance", args=[sitting.pk, item.pk])
    page = officer.get(url)
    assert page.text.count('type="radio"') == 27  # the 9 present, three choices each
    # A member not present at the sitting is not on the form, and the service refuses him.
    with pytest.raises(ValidationError, match="n'est pas présent à la séance"):
        services.set_item_attendance(item, {everyone[9]: ItemPresence.LEFT}, actor=actor)
    data = {
        f"m{everyone[1].pk}": ItemPresence.LEFT,  # held everyone[9]'s proxy
        f"m{everyone[2].pk}": ItemPresence.LEFT,
        f"m{everyone[6].pk}": ItemPresence.NOT_TAKING_PART,  # group B
    }
    assert officer.post(url, data).status_code == 302
    item_people = presence_content(sitting, item)
    assert (len(item_people["present"]), len(item_people["proxies"])) == (7, 0)
    assert [x["giver"] for x in item_people["lapsed"]] == [str(everyone[9])]
    assert len(presence_content(sitting)["present"]) == 9
    a, b = members["Groupe A"][0].group, members["Groupe B"][0].group
    vote_url = reverse("assemblies:item_vote", args=[sitting.pk, item.pk])
    # 7 voices now: A has 4 present (6 − 2 left), B 3 (everyone[9] no longer represented).
    page = officer.post(vote_url, vote_data([a, b], {a.pk: {"for": 4}, b.pk: {"for": 3}}))
    assert "son groupe doit compter au moins 1 voix « ne prend pas part »" in text(page)
    page = officer.post(vote_url, vote_data([a, b], {a.pk: {"for": 5}, b.pk: {"for": 3}}))
    assert "5 voix déclarées pour 4 membres" in text(page)
    ok = vote_data([a, b], {a.pk: {"for": 4}, b.pk: {"for": 2, "not_taking_part": 1}})
    assert officer.post(vote_url, ok).status_code == 302
    detail = officer.get(reverse("assemblies:sitting", args=[sitting.pk])).text
    assert "Sortis avant ce point :</strong> Mme Élue" in detail
    assert "Pouvoirs sans effet sur ce point (mandataire sorti)" in detail
    # Once voted, the item's attendance is fixed.
    page = officer.post(url, {f"m{everyone[2].pk}": ""})
    assert "déjà voté" in text(page)
    assert ItemAttendance.objects.filter(item=item).count() == 3


def test_items_and_opinions_through_their_forms(standing, actor, officer):
    body, members = standing
    sitting = make_sitting(actor, body, flat(members), present=10)
    thematic = make_body(body.funder, kind=BodyKind.THEMATIC, name="5ème commission")
    response = officer.post(
        reverse("assemblies:item_create", args=[sitting.pk]),
        {"position": 1, "title": "Soutien à Lianes", "report_number": "2"},
    )
    item = AgendaItem.objects.get()
    assert response.status_code == 302 and item.report_number == "2"
    url = reverse("assemblies:item_opinion", args=[sitting.pk, item.pk])
    page = officer.post(url, {"body": thematic.pk, "date": "2024-10-20", "verdict": "favourable"})
    assert "L'avis de la commission précède la séance qui vote" in text(page)
    assert not Opinion.objects.exists()
    officer.post(url, {"body": thematic.pk, "date": "2024-09-30", "verdict": "favourable"})
    assert item.opinions.get().verdict == "favourable"
    officer.post(
        reverse("assemblies:item_update", args=[sitting.pk, item.pk]),
        {"position": 1, "title": "Soutien à Lianes Coopération", "report_number": "2"},
    )
    item.refresh_from_db()
    assert item.title == "Soutien à Lianes Coopération"
    assert Attendance.objects.filter(status=Presence.PRESENT).count() == 10


def test_the_2024_401_figures_come_out_of_the_sitting_page(source_data, seed_figures, officer):
    expected = seed_figures["deliberation_2024_401"]
    item = AgendaItem.objects.get(deliberation__number="2024-401")
    page = officer.get(reverse("assemblies:sitting", args=[item.sitting_id])).text
    counts = (
        f"<td>{expected['present']}</td><td>{expected['represented']}</td>"
        f"<td>{expected['excused']}</td><td>0</td><td>{expected['present_without_vote']}</td>"
        f"<td>{expected['excused_without_vote']}</td><td>0</td><td>0</td>"
        f"<td>{expected['for']}</td>"
    )
    assert counts in page
    # Who held each proxy, which the source's act never says.
    for giver, holder in (
        ("Caroline MATRAT", "Mireille HINGREZ-CÉRÉDA"),
        ("Carole DUBOIS", "Daniel MACIEJASZ"),
        ("Stéphanie RIGAUX", "Valérie CUVILLIER"),
    ):
        assert f"{giver} a donné pouvoir à {holder}" in page
    assert f"Pour : {expected['for']} voix — Contre : 0 voix" in page
