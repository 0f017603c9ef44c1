"""Pickers that scale: choosing a record among thousands is a search, never a <select> of all.

A `SearchChoiceField` renders a search box and a few radio choices: the current choice,
then the user's recent records, or the matches of the typed text. With htmx the
choices follow the typing (`core:picker_options`, a few matches); without JavaScript
the typed text is the search: one match is taken, several come back as choices with
a message, none is refused. The page never holds more than `LIMIT` options, however
large the table.

Each kind of record is a `Picker` registered by its app (`register`, from the app's
`ready()`): the named rule the options URL checks, the user's scoped queryset
(`visible_to(user)`: a holder never sees another organisation's record), the search,
the label and the user's recent records.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError

LIMIT = 8
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,60}$")


@dataclass(frozen=True)
class Picker:
    kind: str
    model: type
    permission: str  # named rule the options endpoint checks
    queryset: Callable  # (user) -> the records the user may choose from (scoped)
    search: Callable  # (queryset, text) -> matching queryset, best first
    label: Callable = str  # (record) -> text of the choice
    recent: Callable | None = None  # (user, queryset, limit) -> the user's recent records


PICKERS: dict[str, Picker] = {}


def register(picker: Picker) -> Picker:
    PICKERS[picker.kind] = picker
    return picker


def valid_name(text):
    return bool(_NAME.match(text or ""))


class SearchText(str):
    """What the person typed when no choice was ticked (the no-JavaScript search)."""


def options(picker, queryset, text, *, user=None, selected=None, limit=LIMIT):
    """(choices [(pk, label)], more) for the typed text, or the user's recent records."""
    text = (text or "").strip()
    chosen = []
    if selected not in (None, ""):
        chosen = list(queryset.filter(pk=selected)[:1]) if str(selected).isdigit() else []
    if text:
        found = list(picker.search(queryset, text)[: limit + 1])
    elif picker.recent is not None and user is not None:
        found = list(picker.recent(user, queryset, limit))
    else:
        found = list(queryset[:limit])
    more = len(found) > limit
    records = chosen + [r for r in found[:limit] if not chosen or r.pk != chosen[0].pk]
    return [(str(r.pk), picker.label(r)) for r in records], more


class SearchSelect(forms.Widget):
    template_name = "core/widgets/search_select.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.field = None  # set by SearchChoiceField

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value:
            return value
        text = (data.get(f"{name}_q") or "").strip()
        return SearchText(text) if text else None

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_q" not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field = self.field
        text = value if isinstance(value, SearchText) else ""
        selected = None if isinstance(value, SearchText) else value
        if hasattr(selected, "pk"):
            selected = selected.pk
        choices, more = options(
            field.picker, field.queryset, text, user=field.user, selected=selected
        )
        context["widget"].update(
            {
                "text": text,
                "choices": choices,
                "more": more,
                "selected": "" if selected is None else str(selected),
                "kind": field.picker.kind,
                "required": field.required,
                "empty_label": None if field.required else "Aucune",
            }
        )
        return context


class SearchChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose page shows a search and a few choices (see the module)."""

    widget = SearchSelect

    def __init__(self, *, picker, queryset=None, **kwargs):
        kwargs.setdefault("empty_label", None)
        super().__init__(queryset=queryset if queryset is not None else _none(picker), **kwargs)
        self.picker_kind = picker
        self.user = None  # the acting user, for "recent records first"
        self.widget.field = self

    @property
    def picker(self):
        return PICKERS[self.picker_kind]

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget.field = result
        return result

    def to_python(self, value):
        if isinstance(value, SearchText):
            found = list(self.picker.search(self.queryset, value)[:2])
            if not found:
                raise ValidationError(
                    f"Aucun résultat pour « {value} » : vérifiez l'orthographe.", code="none"
                )
            if len(found) > 1:
                raise ValidationError(
                    f"Plusieurs résultats pour « {value} » : cochez le bon ci-dessous "
                    "ou précisez la recherche.",
                    code="several",
                )
            return found[0]
        return super().to_python(value)


def _none(kind):
    # Empty until the form sets the user's scope.
    picker = PICKERS.get(kind)
    if picker is None:
        raise LookupError(f"Sélecteur « {kind} » non enregistré.")
    return picker.model.objects.none()


def set_user(form, user):
    """Gives every picker of the form the acting user (recent records first)."""
    for field in form.fields.values():
        if isinstance(field, SearchChoiceField):
            field.user = user
