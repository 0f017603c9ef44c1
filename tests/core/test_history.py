"""The history of a record reads in French: dates, amounts and lists as people write them."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.db import models

from ouverture.accounts.services import system_user
from ouverture.coaching import services as coaching
from ouverture.coaching.models import FollowUp
from ouverture.core import history
from ouverture.core.history import _display
from ouverture.organisations import services as organisations
from tests.coaching.factories import follow_up_for
from tests.organisations.factories import OrganisationFactory


class Colour(models.TextChoices):
    RED = "red", "Rouge"
    BLUE = "blue", "Bleu"


class WithLabels:
    history_labels = {"colours": Colour, "sizes": [("s", "Petit"), ("l", "Grand")]}


class WithoutLabels:
    pass


def _field(model, name):
    field = models.JSONField(name, default=list)
    field.name, field.model = name, model
    return field


def test_a_list_of_codes_is_shown_through_the_declared_choices():
    assert _display(_field(WithLabels, "colours"), ["red", "blue"]) == "Rouge, Bleu"
    assert _display(_field(WithLabels, "sizes"), ["l"]) == "Grand"


def test_an_unknown_code_is_shown_as_is_and_an_empty_list_as_a_dash():
    assert _display(_field(WithLabels, "colours"), ["red", "green"]) == "Rouge, green"
    assert _display(_field(WithLabels, "colours"), []) == "—"


def test_a_list_without_declared_labels_reads_as_plain_text():
    assert _display(_field(WithoutLabels, "colours"), ["red"]) == "red"
    assert _display(_field(WithLabels, "other"), ["red", "blue"]) == "red, blue"


def changes(obj):
    return {c["field"]: (c["old"], c["new"]) for c in history.entries(obj)[0]["changes"]}


def test_amounts_are_written_the_french_way(db):
    organisation = OrganisationFactory(annual_budget=None)
    organisations.update_organisation(
        organisation, actor=system_user(), annual_budget=Decimal("9879.54")
    )
    assert changes(organisation)["budget annuel (€)"] == ("—", "9\u00a0879,54")


def test_dates_are_written_in_words(db):
    follow_up = follow_up_for(opened_on=dt.date(2023, 1, 2))
    coaching.update_follow_up(follow_up, actor=system_user(), opened_on=dt.date(2024, 10, 1))
    old, new = changes(follow_up)[str(FollowUp._meta.get_field("opened_on").verbose_name)]
    assert (old, new) == ("2 janvier 2023", "1er octobre 2024")


def test_lists_show_their_labels_not_python_lists(db):
    follow_up = follow_up_for()
    coaching.update_follow_up(follow_up, actor=system_user(), topics=["coherence", "partners"])
    old, new = changes(follow_up)["sujets"]
    assert old == "—"
    assert "[" not in new and "'" not in new
    labels = dict(FollowUp.history_labels["topics"])
    assert new == f"{labels['coherence']}, {labels['partners']}"


def test_codes_without_labels_and_dicts_are_listed_plainly():
    field = FollowUp._meta.get_field("topics")
    assert history._display(field, ["inconnu", {"code": "autre"}]) == "inconnu, autre"
    assert history._display(field, {"kind": "pam_module"}) == "kind : pam_module"
    assert history._display(field, []) == "—"


def test_a_model_may_show_a_field_through_a_function():
    class Model:
        history_labels = {"ref": lambda value: f"Fiche {value}"}

    field = SimpleNamespace(model=Model, name="ref")
    assert history._display(field, "x:1") == "Fiche x:1"
