from django.db import models


class QuestionnaireKind(models.TextChoices):
    SATISFACTION = "satisfaction", "Satisfaction après un temps collectif"
    INTAKE = "intake", "Candidature (formulaire d'entrée)"
    SURVEY = "survey", "Enquête"
    OTHER = "other", "Autre"


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    OPEN = "open", "Ouvert"
    CLOSED = "closed", "Clos"


class QuestionKind(models.TextChoices):
    SINGLE_CHOICE = "single_choice", "Choix unique"
    MULTIPLE_CHOICE = "multiple_choice", "Choix multiple"
    SCALE = "scale", "Échelle de 1 à 5"
    NUMBER = "number", "Nombre"
    SHORT_TEXT = "short_text", "Texte court"
    LONG_TEXT = "long_text", "Texte long"


# Kinds whose answers are counted and charted; a condition can only depend on them.
CLOSED_KINDS = {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.SCALE}
CHOICE_KINDS = {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}
TEXT_KINDS = {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT}
SCALE_VALUES = ["1", "2", "3", "4", "5"]


class Derivation(models.TextChoices):
    """A figure computed from a number answer and shown beside it in the results."""

    NONE = "", "Aucune"
    SIZE_CLASS = "size_class", "Taille de la structure (typologie budgétaire)"


class ResponseSource(models.TextChoices):
    INVITATION = "invitation", "Lien personnel"
    PUBLIC = "public", "Lien public"
    TRANSCRIBED = "transcribed", "Retranscrite par l'équipe"
