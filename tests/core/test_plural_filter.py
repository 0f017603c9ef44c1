"""Screens write a count's noun in agreement with it ("1 candidature", "3 candidatures"), never "(s)"."""

import pytest
from django.template import Context, Template


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 sorti"), (1, "1 sorti"), (2, "2 sortis"), (12, "12 sortis")],
)
def test_plural_filter_agrees_with_the_count(count, expected):
    template = Template('{{ n }} {{ "sorti"|plural:n }}')
    assert template.render(Context({"n": count})) == expected


def test_vote_page_sentence_for_members_who_left_agrees():
    template = Template(
        '{% with gone=left|length %}{{ gone }} {{ "sorti"|plural:gone }}{% endwith %}'
    )
    assert template.render(Context({"left": ["a"]})) == "1 sorti"
    assert template.render(Context({"left": ["a", "b"]})) == "2 sortis"
