"""Writing a workshop's review, and the plain read the activity report calls."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from ouverture.core import history
from ouverture.events.models import Workshop
from ouverture.events.review_models import WorkshopReview

REVIEW_FIELDS = ("strengths", "weaknesses", "proposals", "adaptations")


@transaction.atomic
def save_review(workshop, *, actor, **fields):
    """Create or change the workshop's review (only the parts given change)."""
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    review = WorkshopReview.objects.filter(workshop=workshop).first()
    if review is None:
        review = WorkshopReview(workshop=workshop)
    for name, value in fields.items():
        setattr(review, name, (value or "").strip())
    if review.pk is None and review.is_empty:
        raise ValidationError("Le bilan est vide : écrivez au moins un point.")
    return history.save(review, actor)


def review_of(workshop) -> dict | None:
    """{"strengths": [...], "weaknesses": [...], "proposals": [...], "adaptations": str,
    "url": the workshop page} or None when the workshop has no review."""
    review = WorkshopReview.objects.filter(workshop=workshop).first()
    if review is None:
        return None
    return review.as_dict() | {"url": reverse("events:detail", args=[workshop.pk])}
