from django.db import models


class BodyKind(models.TextChoices):
    COUNCIL = "council", "Assemblée plénière"
    STANDING = "standing", "Commission permanente"
    THEMATIC = "thematic", "Commission thématique"


class Presence(models.TextChoices):
    PRESENT = "present", "Présent"
    EXCUSED = "excused", "Excusé"
    ABSENT = "absent", "Absent"


class ItemPresence(models.TextChoices):
    """How a member present at the sitting stands on one item, when it differs."""

    LEFT = "left", "Sorti avant ce point"
    NOT_TAKING_PART = "not_taking_part", "Ne prend pas part au vote"


class Verdict(models.TextChoices):
    FAVOURABLE = "favourable", "Favorable"
    UNFAVOURABLE = "unfavourable", "Défavorable"
    RESERVED = "reserved", "Réservé"


class Choice(models.TextChoices):
    FOR = "for", "Pour"
    AGAINST = "against", "Contre"
    ABSTENTION = "abstention", "Abstention"
    NOT_TAKING_PART = "not_taking_part", "Ne prend pas part au vote"


class Result(models.TextChoices):
    PENDING = "", "Non voté"
    ADOPTED = "adopted", "Adopté"
    REJECTED = "rejected", "Rejeté"


class ArticleKind(models.TextChoices):
    GRANT = "grant", "Attribution"
    AUTHORISATION = "authorisation", "Autorisation de signer"
    IMPUTATION = "imputation", "Imputation"
    OTHER = "other", "Autre"
