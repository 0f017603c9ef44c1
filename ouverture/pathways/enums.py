from django.db import models


class CohortStatus(models.TextChoices):
    DRAFT = "draft", "En préparation"
    INTAKE = "intake", "Candidatures ouvertes"
    SELECTION = "selection", "Sélection"
    RUNNING = "running", "En cours"
    COMPLETED = "completed", "Terminée"


# The order a cohort goes through; one step at a time.
STATUS_ORDER = [
    CohortStatus.DRAFT,
    CohortStatus.INTAKE,
    CohortStatus.SELECTION,
    CohortStatus.RUNNING,
    CohortStatus.COMPLETED,
]


class ModuleFormat(models.TextChoices):
    VIDEO = "video", "Visioconférence"
    IN_PERSON = "in_person", "Présentiel"
    INDIVIDUAL_MEETING = "individual_meeting", "Rendez-vous individuel"
    ONLINE_RESOURCE = "online_resource", "Ressource en ligne"


class Criterion(models.TextChoices):
    """The 3 selection criteria of the source document, in its order (also the tie-break order)."""

    COHERENCE = "coherence", "Cohérence de l'idée de projet"
    MATURITY = "maturity", "Niveau de maturité du projet"
    EXPERIENCE = "experience", "Expérience du porteur"


# Every criterion is scored with a whole number in this range, by each side.
SCORE_MIN = 0
SCORE_MAX = 5


class Side(models.TextChoices):
    """Who scores: the selection is joint between the network and the funder."""

    NETWORK = "network", "Lianes Coopération (réseau)"
    FUNDER = "funder", "Département (financeur)"


class CandidateStatus(models.TextChoices):
    CANDIDATE = "candidate", "En attente de décision"
    ADMITTED = "admitted", "Admis·e dans la cohorte"
    WAITING_LIST = "waiting_list", "Liste d'attente"
    DECLINED = "declined", "Non retenu·e"
    WITHDRAWN = "withdrawn", "Désisté·e"


class OrganisationReview(models.TextChoices):
    """How a candidate's organisation was found: the public form never creates one."""

    MATCHED = "matched", "Reconnue dans le répertoire"
    PENDING = "pending", "Nouvelle structure à vérifier"
    LINKED = "linked", "Rattachée par l'équipe"
    CREATED = "created", "Créée par l'équipe"
