from django.db import models


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "Déposée"
    UNDER_INSTRUCTION = "instruction", "En instruction"
    COMPLETION_REQUESTED = "completion", "Complément demandé"
    COMPLETED = "completed", "Complétée"
    PROPOSED = "proposed", "Proposée à la commission"
    ACCEPTED = "accepted", "Acceptée"
    REFUSED = "refused", "Refusée"
    WITHDRAWN = "withdrawn", "Retirée"


class Opinion(models.TextChoices):
    FAVOURABLE = "favourable", "Favorable"
    UNFAVOURABLE = "unfavourable", "Défavorable"
    RESERVED = "reserved", "Réservé"


class ActorRole(models.TextChoices):
    """Who moves an application: its holder, the network (on the holder's behalf), the
    funder's instructor, the assembly (its vote, recorded by the funder's officer)."""

    HOLDER = "holder", "Porteur"
    NETWORK = "network", "Réseau"
    INSTRUCTOR = "instructor", "Instructeur"
    ASSEMBLY = "assembly", "Assemblée"
