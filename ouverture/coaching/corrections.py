"""Corrections of a follow-up's contacts and review entries, for the follow-up's history.

Contacts and reviews keep their own history (django-simple-history); the follow-up page
shows their changes and deletions beside the follow-up's own, deleted records included.
Creations are left out: the tables already list what was logged.
"""

from ouverture.coaching.models import DocumentReview, Interaction
from ouverture.core import history

NOUNS = ((Interaction, "Contact"), (DocumentReview, "Relecture"))


def entries(follow_up):
    """core.history entries for the corrected contacts and reviews, newest first."""
    out = []
    for model, noun in NOUNS:
        # One query for the records touched since their creation; the latest row of
        # each gives the record as it stands (or stood, when deleted).
        latest = {}
        touched = (
            model.history.filter(follow_up_id=follow_up.pk)
            .exclude(history_type="+")
            .order_by("-history_date", "-history_id")
        )
        for record in touched:
            latest.setdefault(record.id, record)
        for record in latest.values():
            instance = record.instance
            for entry in history.entries(instance):
                if entry["kind"] == history.HISTORY_TYPES["+"]:
                    continue
                entry["reason"] = entry["reason"] or f"{noun} : {instance}"
                out.append(entry)
    out.sort(key=lambda entry: entry["date"], reverse=True)
    return out
