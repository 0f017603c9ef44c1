from django.db import models

# The funder's schemes are defined once, in coaching for now (another change moves `Scheme`
# into a records app): only this line names where they live. Promotion events store codes.
from ouverture.coaching.enums import Scheme  # noqa: F401


class PromotionKind(models.TextChoices):
    FESTIVAL = "festival", "Festival"
    MARKET = "market", "Marché"
    INFORMATION_MEETING = "information_meeting", "Réunion d'information"
    WEBINAR = "webinar", "Webinaire"
    FORUM = "forum", "Forum, salon"
    OTHER = "other", "Autre"
