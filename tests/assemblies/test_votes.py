"""The CGCT rules of each body, refused with the rule named and nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ouverture.assemblies import services, votes
from ouverture.assemblies.enums import BodyKind, Choice, Presence
from ouverture.assemblies.models import GroupVote, Proxy
from tests.assemblies.factories import make_body, make_members, make_sitting


@pytest.fixture
def standing(db):
    body = make_body(kind=BodyKind.STANDING, represented=True)
    members = make_members(body, {"A": 6, "B": 4})
    return body, members


def flat(members):
    return members["A"] + members["B"]


def test_quorum_counts_represented_members_for_the_standing_commission(standing, actor):
    body, members = standing
    # 10 in office, 5 present: not enough (6 needed) until a proxy is given.
    everyone = flat(members)
    sitting = make_sitting(actor, body, everyone, present=5)
    assert not votes.quorum(sitting).reached
    services.give_proxy(sitting, everyone[7], everyone[0], actor=actor)
    q = votes.quorum(sitting)
    assert (q.reached, q.needed, q.counted) == (True, 6, 6)


def test_the_council_counts_the_present_only(actor, db):
    body = make_body(kind=BodyKind.COUNCIL, represented=False)
    members = make_members(body, {"A": 10})["A"]
    sitting = make_sitting(actor, body, members, present=5)
    services.give_proxy(sitting, members[7], members[0], actor=actor)
    item = services.add_item(sitting, actor=actor, title="Rapport")
    with pytest.raises(ValidationError, match="Quorum non atteint.*les pouvoirs ne comptent pas"):
        services.record_vote(item, actor=actor, groups={members[0].group: {"for": 6}})
    assert not GroupVote.objects.exists()


def test_one_proxy_per_holder_and_a_present_giver_is_refused(standing, actor):
    body, members = standing
    everyone = flat(members)
    sitting = make_sitting(actor, body, everyone, present=6)
    services.give_proxy(sitting, everyone[6], everyone[0], actor=actor)
    with pytest.raises(ValidationError, match="ne peut détenir que 1 pouvoir"):
        services.give_proxy(sitting, everyone[7], everyone[0], actor=actor)
    with pytest.raises(ValidationError, match="marqué présent"):
        services.give_proxy(sitting, everyone[1], everyone[2], actor=actor)
    with pytest.raises(ValidationError, match="mandant d'un pouvoir n'est pas présent"):
        services.record_attendance(sitting, everyone[6], Presence.PRESENT, actor=actor)
    assert Proxy.objects.filter(sitting=sitting).count() == 1


def test_totals_must_equal_present_and_represented(standing, actor):
    body, members = standing
    everyone = flat(members)
    sitting = make_sitting(actor, body, everyone, present=8)
    services.give_proxy(sitting, everyone[8], everyone[0], actor=actor)
    item = services.add_item(sitting, actor=actor, title="Rapport")
    a, b = members["A"][0].group, members["B"][0].group
    with pytest.raises(ValidationError, match="7 voix déclarées pour 6 membres"):
        services.record_vote(item, actor=actor, groups={a: {"for": 7}, b: {"for": 2}})
    with pytest.raises(ValidationError, match="8 voix pour 9 membres présents ou représentés"):
        services.record_vote(item, actor=actor, groups={a: {"for": 6}, b: {"for": 2}})
    assert not GroupVote.objects.exists()
    services.record_vote(
        item, actor=actor, groups={a: {"for": 6}, b: {"against": 2, "abstention": 1}}
    )
    totals = votes.totals(item)
    assert (totals.for_count, totals.against, totals.abstention, totals.cast) == (6, 2, 1, 8)
    item.refresh_from_db()
    assert item.result == "adopted"


def test_a_tie_needs_the_presidents_vote_and_an_interested_member_does_not_vote(standing, actor):
    body, members = standing
    everyone = flat(members)
    sitting = make_sitting(actor, body, everyone, present=10)
    item = services.add_item(sitting, actor=actor, title="Rapport")
    a, b = members["A"][0].group, members["B"][0].group
    tie = {a: {"for": 4, "abstention": 2}, b: {"against": 4}}
    with pytest.raises(ValidationError, match="voix du président est prépondérante"):
        services.record_vote(item, actor=actor, groups=tie)
    president = sitting.president
    services.record_vote(item, actor=actor, groups=tie, members={president: Choice.AGAINST})
    item.refresh_from_db()
    assert item.result == "rejected"
    interested = members["B"][0]
    services.declare_interest(item, interested, actor=actor)
    with pytest.raises(ValidationError, match="intérêt à l'affaire"):
        services.record_vote(
            item,
            actor=actor,
            groups={a: {"for": 6}, b: {"for": 4}},
            members={interested: Choice.FOR},
        )
    with pytest.raises(
        ValidationError, match="son groupe doit compter au moins 1 voix « ne prend pas part »"
    ):
        services.record_vote(item, actor=actor, groups={a: {"for": 6}, b: {"for": 4}})
    services.record_vote(
        item, actor=actor, groups={a: {"for": 6}, b: {"for": 3, "not_taking_part": 1}}
    )
    assert votes.totals(item).not_taking_part == 1


def test_an_opinion_comes_from_a_thematic_commission_before_the_vote(standing, actor):
    body, members = standing
    sitting = make_sitting(actor, body, flat(members), present=10)
    item = services.add_item(sitting, actor=actor, title="Rapport")
    thematic = make_body(body.funder, kind=BodyKind.THEMATIC, name="5ème commission")
    with pytest.raises(ValidationError, match="précède la séance"):
        services.give_opinion(
            item, actor=actor, body=thematic, date=dt.date(2024, 10, 20), verdict="favourable"
        )
    with pytest.raises(ValidationError, match="commission thématique"):
        services.give_opinion(
            item, actor=actor, body=body, date=dt.date(2024, 9, 30), verdict="favourable"
        )
    services.give_opinion(
        item, actor=actor, body=thematic, date=dt.date(2024, 9, 30), verdict="favourable"
    )
    assert item.opinions.get().verdict == "favourable"


def test_the_members_present_agree_with_their_count():
    from ouverture.assemblies.services import _present

    assert _present(1) == "1 membre présent ou représenté"
    assert _present(0) == "0 membre présent ou représenté"
    assert _present(9) == "9 membres présents ou représentés"
