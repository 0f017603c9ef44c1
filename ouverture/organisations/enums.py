from decimal import Decimal

from django.db import models


class ProjectTypeCode(models.TextChoices):
    YOUTH_MOBILITY = "youth_mobility", "Mobilité jeunesse"
    COOPERATION = "cooperation", "Coopération internationale"
    TWINNING = "twinning", "Jumelage"


class LegalKind(models.TextChoices):
    ASSOCIATION = "association", "Association"
    COMMUNE = "commune", "Commune"
    INTERCOMMUNALITY = "intercommunality", "Intercommunalité"
    DEPARTEMENT = "departement", "Département"
    REGION = "region", "Région"
    SCHOOL = "school", "Établissement scolaire"
    PUBLIC_BODY = "public_body", "Autre établissement public"
    COMPANY = "company", "Entreprise"
    TWINNING_COMMITTEE = "twinning_committee", "Comité de jumelage"
    INFORMAL_GROUP = "informal_group", "Groupe informel"
    OTHER = "other", "Autre"


class SizeClass(models.TextChoices):
    """Budget typology of the regional survey of associations (source document, Activité 4)."""

    PICO = "pico", "Pico (< 10 k€)"
    NANO = "nano", "Nano (10 à 50 k€)"
    MICRO = "micro", "Micro (50 à 130 k€)"
    MICRO_MESO = "micro_meso", "Micro-Méso (130 à 500 k€)"
    MESO = "meso", "Méso (> 500 k€)"


# Lower bound (inclusive) of each class, in euros.
SIZE_CLASS_LOWER_BOUNDS = [
    (SizeClass.MESO, Decimal("500000")),
    (SizeClass.MICRO_MESO, Decimal("130000")),
    (SizeClass.MICRO, Decimal("50000")),
    (SizeClass.NANO, Decimal("10000")),
    (SizeClass.PICO, Decimal("0")),
]


def size_class_for(budget):
    if budget is None:
        return None
    for size_class, lower in SIZE_CLASS_LOWER_BOUNDS:
        if budget >= lower:
            return size_class
    return None
