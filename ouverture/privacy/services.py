"""People's data: retention, export and erasure, history rows included.

Anonymising rewrites the fields named in `registry` on the records and on every row of
their history (django-simple-history keeps a copy per change): a wiped e-mail stays
nowhere. Rows are kept, so every count (participants, structures, responses, candidates)
stays what it was.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from ouverture.privacy.registry import PROCESSINGS, every_store

CHUNK = 500


@dataclass
class Anonymised:
    processing: str
    store: str
    count: int


def add_months(day, months):
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def _history_model(model):
    return model.history.model


def _wipe(store, pks):
    """Rewrites the store's personal fields on these records and their history rows."""
    model = store.model_class
    history = _history_model(model)
    history_fields = {f.name for f in history._meta.fields}
    constant = {k: v for k, v in store.wipe.items() if not callable(v)}
    per_row = {k: v for k, v in store.wipe.items() if callable(v)}
    pks = sorted(set(pks))
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        model.objects.filter(pk__in=chunk).update(**constant)
        history.objects.filter(id__in=chunk).update(
            **{k: v for k, v in constant.items() if k in history_fields}
        )
        for pk in chunk if per_row else ():
            values = {k: f(pk) for k, f in per_row.items()}
            model.objects.filter(pk=pk).update(**values)
            history.objects.filter(id=pk).update(
                **{k: v for k, v in values.items() if k in history_fields}
            )
    if model._meta.label == "surveys.Response":
        _wipe_answer_texts(pks)


def _wipe_answer_texts(response_pks):
    from ouverture.surveys.models import Answer

    Answer.objects.filter(response_id__in=response_pks).exclude(text="").update(text="")
    _history_model(Answer).objects.filter(response_id__in=response_pks).exclude(text="").update(
        text=""
    )


def _already_wiped(store):
    constant = {k: v for k, v in store.wipe.items() if not callable(v) and v != ""}
    constant = constant or {k: v for k, v in store.wipe.items() if not callable(v)}
    return Q(**constant)


def _expired(store, cutoff):
    """Records of the store whose retention period is over on `cutoff`."""
    model = store.model_class
    qs = model.objects.exclude(_already_wiped(store))
    if store.dated_by:
        lookup = store.dated_by
        if lookup.endswith("_at"):  # a moment: compare its day
            lookup += "__date"
        return qs.filter(**{f"{lookup}__lt": cutoff})
    # No date of its own: the last change recorded in its history.
    last = (
        _history_model(model)
        .objects.values("id")
        .annotate(last=Max("history_date"))
        .filter(last__date__lt=cutoff)
        .values("id")
    )
    return qs.filter(pk__in=last)


def apply_retention(*, dry_run=False, today=None):
    """Anonymises what is past its retention period (OUVERTURE_RETENTION_MONTHS); returns
    what was (or, with dry_run, would be) anonymised."""
    today = today or timezone.localdate()
    done = []
    with transaction.atomic():
        for processing in PROCESSINGS:
            cutoff = add_months(today, processing.months)
            for store in processing.stores:
                pks = list(_expired(store, cutoff).values_list("pk", flat=True))
                if pks and not dry_run:
                    _wipe(store, pks)
                done.append(Anonymised(processing.title, store.label, len(pks)))
    return done


def _matching(store, email):
    """Ids of live and historical rows (deleted records included) carrying this e-mail."""
    model = store.model_class
    query = Q()
    for name in store.email_fields:
        query |= Q(**{f"{name}__iexact": email})
    live = set(model.objects.filter(query).values_list("pk", flat=True))
    past = set(_history_model(model).objects.filter(query).values_list("id", flat=True))
    return live, past


def _row(obj):
    return {f.name: f.value_from_object(obj) for f in obj._meta.concrete_fields}


def export_person(email):
    """Everything held on the person with this e-mail, history rows included (JSON-ready)."""
    email = (email or "").strip()
    records = []
    for store in every_store():
        model = store.model_class
        live, past = _matching(store, email)
        for obj in model.objects.filter(pk__in=live | past).order_by("pk"):
            entry = {"type": model._meta.verbose_name, "modèle": model._meta.label, **_row(obj)}
            if model._meta.label == "surveys.Response":
                entry["réponses"] = [
                    {"question": a.question.code, "choix": a.choice.value if a.choice else None,
                     "nombre": a.number, "texte": a.text}
                    for a in obj.answers.select_related("question", "choice")
                ]  # fmt: skip
            records.append(entry)
        for row in (
            _history_model(model).objects.filter(id__in=live | past).order_by("id", "history_date")
        ):
            records.append(
                {
                    "type": f"historique — {model._meta.verbose_name}",
                    "modèle": model._meta.label,
                    "supprimé": row.id not in live,
                    **{
                        f.name: f.value_from_object(row)
                        for f in row._meta.concrete_fields
                        if f.name != "history_user"
                    },
                    "history_user": str(row.history_user) if row.history_user_id else None,
                }
            )
    return {"email": email, "exporté le": timezone.now(), "enregistrements": records}


def export_json(email):
    import json

    return json.dumps(export_person(email), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


@transaction.atomic
def erase_person(email, *, actor=None):
    """Anonymises the person with this e-mail everywhere, history rows included; returns
    {store label: records}. Counts stay: rows are rewritten, never deleted."""
    email = (email or "").strip()
    if not email:
        from django.core.exceptions import ValidationError

        raise ValidationError("Indiquez l'adresse e-mail de la personne.")
    erased = {}
    for store in every_store():
        live, past = _matching(store, email)
        if live or past:
            _wipe(store, live | past)
            erased[store.label] = len(live | past)
    return erased
