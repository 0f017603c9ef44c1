from django.db import models
from django.utils.choices import BaseChoiceIterator

from ouverture.coaching.enums import scheme_choices


class Scheme:
    """Codes of the funder's schemes as recorded (calls.Scheme.code): events store codes,
    labels come from the records (`SchemeChoices`)."""

    MOBILITY = "62mei"
    COOPERATION_MOBILITY = "62cmi"
    TWINNING = "twinning"


class SchemeChoices(BaseChoiceIterator):
    """(code, name) pairs read from the records each time they are iterated, so forms,
    history labels and indicator parameters follow the recorded schemes."""

    def __init__(self, *first):
        self.first = first

    def __iter__(self):
        return iter([*self.first, *scheme_choices()])

    @property
    def values(self):
        return [code for code, _label in self]


SCHEMES = SchemeChoices()


class PromotionKind(models.TextChoices):
    FESTIVAL = "festival", "Festival"
    MARKET = "market", "Marché"
    INFORMATION_MEETING = "information_meeting", "Réunion d'information"
    WEBINAR = "webinar", "Webinaire"
    FORUM = "forum", "Forum, salon"
    OTHER = "other", "Autre"
