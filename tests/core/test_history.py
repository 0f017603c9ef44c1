"""How the history shows a change: list fields through the labels their model declares."""

from django.db import models

from ouverture.core.history import _display


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


def test_a_list_without_declared_labels_is_left_as_it_was():
    assert _display(_field(WithoutLabels, "colours"), ["red"]) == ["red"]
    assert _display(_field(WithLabels, "other"), ["red"]) == ["red"]
