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


class Scheme(models.TextChoices):
    """The funder's schemes a holder may target (calls for projects)."""

    MOBILITY = "62mei", "Pas-de-Calais, Mobilité Européenne et Internationale (62MEI)"
    COOPERATION_MOBILITY = "62cmi", "Pas-de-Calais, Coopération, Mobilité Internationale (62CMI)"
    TWINNING = "twinning", "Jumelages innovants"
    OTHER = "other", "Autre"
