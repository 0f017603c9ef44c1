from django.db import models


class FollowUpKind(models.TextChoices):
    COACHING = "coaching", "Accompagnement"
    ADVICE = "advice", "Appui-conseil"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", "En cours"
    CLOSED = "closed", "Terminé"
    ABANDONED = "abandoned", "Abandonné"


class Topic(models.TextChoices):
    COHERENCE = "coherence", "Cohérence du projet"
    PARTNERS = "partners", "Recherche de partenaires"
    CO_FUNDING = "co_funding", "Recherche de cofinancements"
    PROMOTION = "promotion", "Valorisation du projet"
    FINAL_REPORT = "final_report", "Bilan de fin de projet"


class Channel(models.TextChoices):
    PHONE = "phone", "Téléphone"
    EMAIL = "email", "E-mail"
    VIDEO = "video", "Visio"
    IN_PERSON = "in_person", "Présentiel"


# Meetings count as coaching sessions; e-mail exchanges are contacts, not sessions.
MEETING_CHANNELS = (Channel.PHONE, Channel.VIDEO, Channel.IN_PERSON)

# How the source document writes channels in its recap table.
CHANNEL_SHORT = {
    Channel.PHONE: "Tél",
    Channel.EMAIL: "mails",
    Channel.VIDEO: "visio",
    Channel.IN_PERSON: "présentiel",
}


# The funder's schemes are records (calls.Scheme, by funder); a follow-up keeps the code of the
# scheme it targets ("62mei", "twinning", "62cmi"), looked up in `scheme_choices()`.
def scheme_choices():
    """(code, name) of the schemes recorded, read through the app registry: coaching stays below
    the calls app (no import of it), and an instance without it offers no scheme."""
    from django.apps import apps

    if not apps.is_installed("ouverture.calls"):
        return []
    scheme = apps.get_model("calls", "Scheme")
    return [(s.code, str(s)) for s in scheme.objects.order_by("name")]
