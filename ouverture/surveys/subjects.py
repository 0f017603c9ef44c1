"""Readable names for the opaque references other apps attach ("events.workshop:7").

Surveys imports no other app: the model is looked up by its label at run time, and
a record is linked only when its model says where it lives (get_absolute_url).
"""

from django.apps import apps


def _model(ref):
    label, _, pk = (ref or "").partition(":")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None, None
    return (model, int(pk)) if pk.isdigit() else (None, None)


def _name(model):
    name = str(model._meta.verbose_name)
    return name[:1].upper() + name[1:]


def describe(refs):
    """{ref: {"label", "url"}} for subject references: one query per kind of record."""
    out, wanted = {}, {}
    for ref in {r for r in refs if r}:
        model, pk = _model(ref)
        if model is None:
            out[ref] = {"label": ref, "url": ""}
        else:
            wanted.setdefault(model, {})[pk] = ref
    for model, refs_by_pk in wanted.items():
        found = model._default_manager.in_bulk(list(refs_by_pk))
        for pk, ref in refs_by_pk.items():
            record = found.get(pk)
            if record is None:
                out[ref] = {"label": f"{_name(model)} n° {pk} (supprimé)", "url": ""}
            else:
                url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
                out[ref] = {"label": f"{_name(model)} « {record} »", "url": url}
    return out


def reference_label(ref):
    """A caller's reference on an invitation ("events.registration:42" -> "Inscription n° 42"),
    without a query per row."""
    model, pk = _model(ref)
    if model is None:
        return ref
    return f"{_name(model)} n° {pk}"


def subject_label(ref):
    """One reference's label (the history of a questionnaire's "objet")."""
    return describe([ref]).get(ref, {}).get("label", ref)
