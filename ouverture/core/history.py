"""History of records (django-simple-history): the acting user on every save,
and the list of changes shown on a record's page.

Service functions call `save(obj, actor)` rather than `obj.save()`, so the history
entry names who acted even from a command or an importer.

A list field (a JSONField of codes) is shown through labels when its model declares
them: `history_labels = {"topics": Topic.choices}` (pairs, or the TextChoices class);
a function instead shows a stored reference (`{"subject_ref": subject_label}`).
"""

import datetime as dt
from decimal import Decimal

from django.db import models
from django.utils import timezone

from ouverture.core.formats import format_date, format_decimal

HISTORY_TYPES = {"+": "Création", "~": "Modification", "-": "Suppression"}


def save(obj, actor, *, reason=None, validate=True, **kwargs):
    """full_clean() then save(), recording `actor` (and `reason`) in the history."""
    if validate:
        obj.full_clean()
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.save(**kwargs)
    return obj


def delete(obj, actor, *, reason=None):
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.delete()


def _custom(field):
    """How the model wants a field shown: `history_labels = {"topics": Topic.choices}` for
    codes in a JSON list, or a function of the value (`{"subject_ref": subject_label}`)."""
    return getattr(field.model, "history_labels", {}).get(field.name)


def _labelled(field, code):
    """A code stored in a JSON list, by its label when the model names them."""
    labels = _custom(field) or ()
    labels = dict(getattr(labels, "choices", labels))  # a TextChoices class or its pairs
    if isinstance(code, dict):
        code = code.get("code", code)
    return str(labels.get(code, code))


def _display_json(field, value):
    # What people read in the history: labels, not Python's repr of a list or a dict.
    if isinstance(value, list | tuple):
        return ", ".join(_labelled(field, item) for item in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{key} : {item}" for key, item in value.items()) or "—"
    return str(value)


def _display(field, value):
    custom = _custom(field)
    # A function shows a stored reference; a TextChoices class (also callable) names codes.
    if callable(custom) and not isinstance(custom, type) and value not in (None, ""):
        return custom(value)
    if isinstance(field, models.JSONField):
        return _display_json(field, value)
    if field.many_to_many:
        key = field.related_model._meta.model_name
        pks = [row[key] for row in value or []]
        labels = [str(o) for o in field.related_model._default_manager.filter(pk__in=pks)]
        return ", ".join(sorted(labels)) or "—"
    if value is None or value == "":
        return "—"
    if field.many_to_one or field.one_to_one:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value} (supprimé)"
    if getattr(field, "choices", None):
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.BooleanField):
        return "oui" if value else "non"
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{format_date(local)} à {local:%H}h{local:%M}"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Decimal):
        return format_decimal(value, field.decimal_places or 0)
    return value


def entries(obj, limit=50):
    """The record's history, newest first: who, when, what kind, which fields changed."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    out = []
    for i, record in enumerate(records[:limit]):
        changes = []
        previous = records[i + 1] if i + 1 < len(records) else None
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = obj._meta.get_field(change.field)
                changes.append(
                    {
                        "field": str(field.verbose_name),
                        "old": _display(field, change.old),
                        "new": _display(field, change.new),
                    }
                )
        if record.history_type == "~" and not changes and not record.history_change_reason:
            continue  # a save that changed nothing tracked
        out.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "kind": HISTORY_TYPES.get(record.history_type, record.history_type),
                "reason": record.history_change_reason,
                "changes": changes,
            }
        )
    return out
