from django.db import models


class WorkshopKind(models.TextChoices):
    CALL_PREPARATION = "call_preparation", "Préparation à l'appel à projets"
    FOLLOW_UP_EVALUATION = "follow_up_evaluation", "Suivi et évaluation de projet"
    PRE_DEPARTURE_TRAINING = "pre_departure_training", "Préparation au départ"
    INFORMATION_SESSION = "information_session", "Session d'information"
    PAM_MODULE = "pam_module", "Module du parcours PAM"
    OTHER = "other", "Autre temps collectif"


class Audience(models.TextChoices):
    OPEN = "open", "Ouvert à tous et toutes"
    COHORT_ONLY = "cohort_only", "Réservé aux porteurs intégrés au parcours"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Inscrit·e"
    WAITING_LIST = "waiting_list", "Liste d'attente"
    CANCELLED = "cancelled", "Désinscrit·e"
    EXCUSED = "excused", "Excusé·e"
    ABSENT = "absent", "Absent·e"
    PRESENT = "present", "Présent·e"


# Statuses that hold a seat (capacity) and count as "registered" in the summaries.
SEAT_STATUSES = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.EXCUSED,
    RegistrationStatus.ABSENT,
    RegistrationStatus.PRESENT,
)
# What staff may record once the workshop has started.
ATTENDANCE_STATUSES = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.EXCUSED,
    RegistrationStatus.ABSENT,
    RegistrationStatus.PRESENT,
)


class OrganisationReview(models.TextChoices):
    """How a registration's organisation was found: the public form never creates one."""

    MATCHED = "matched", "Reconnue dans le répertoire"
    PENDING = "pending", "Nouvelle structure à vérifier"
    LINKED = "linked", "Rattachée par l'équipe"
    CREATED = "created", "Créée par l'équipe"
    NONE = "none", "Sans structure"


# The `kind` filter value meaning every collective workshop but the pre-departure trainings.
COLLECTIVE = "collective"
