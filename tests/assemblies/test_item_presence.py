"""Per-item attendance read by the act: a member who left before the item (holding a proxy)
and one who did not take part; the deliberation's figures, JSON and document say so, while
the sitting's own presence is unchanged."""

import datetime as dt
import html

from ouverture.assemblies import deliberations, services
from ouverture.assemblies.enums import BodyKind, ItemPresence
from ouverture.assemblies.serializers import deliberation_json
from ouverture.documents.decisions import DeliberationAct
from ouverture.documents.render import html_text
from tests.assemblies.factories import make_body, make_members, make_sitting


def test_the_act_reads_the_items_presence(actor, db):
    body = make_body(kind=BodyKind.STANDING, name="Commission Permanente")
    members = make_members(body, {"Groupe A": 6, "Groupe B": 4})
    everyone = members["Groupe A"] + members["Groupe B"]
    sitting = make_sitting(actor, body, everyone, present=9)
    services.give_proxy(sitting, everyone[9], everyone[1], actor=actor)
    item = services.add_item(sitting, actor=actor, title="Rapport")
    services.set_item_attendance(
        item,
        {everyone[1]: ItemPresence.LEFT, everyone[6]: ItemPresence.NOT_TAKING_PART},
        actor=actor,
    )
    a, b = members["Groupe A"][0].group, members["Groupe B"][0].group
    services.record_vote(
        item, actor=actor, groups={a: {"for": 5}, b: {"for": 2, "not_taking_part": 1}}
    )
    act = deliberations.create_deliberation(
        actor=actor, body=body, number="2024-77", date=dt.date(2024, 10, 14), title="Rapport",
        item=item,
    )  # fmt: skip
    data = deliberation_json(act)
    assert (data["present"], data["represented"], data["excused"]) == (8, 0, 1)
    assert (data["left_before_item"], data["not_taking_part_members"]) == (1, 1)
    assert data["for"] + data["not_taking_part"] == data["present"] + data["represented"]
    text = html.unescape(html_text(DeliberationAct(act))).replace("\xa0", " ")
    text = text.replace("<strong>", "").replace("</strong>", "")
    assert "Présents (8)" in text and "Pouvoirs (0)" in text
    assert f"Sortis avant ce point : {everyone[1].titled_name}." in text
    assert (
        f"Pouvoirs sans effet sur ce point (mandataire sorti) : {everyone[9]} à {everyone[1]}."
        in text
    )
    assert f"Ne prennent pas part au vote : {everyone[6].titled_name}." in text
    # The sitting's presence is the sitting's.
    from ouverture.assemblies.content import presence_content

    whole = presence_content(sitting)
    assert (len(whole["present"]), len(whole["proxies"]), whole["left"]) == (9, 1, [])
