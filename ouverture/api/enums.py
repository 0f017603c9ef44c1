from django.db import models


class AppScope(models.TextChoices):
    """The apps a token may be narrowed to: each API view names the one it belongs to."""

    ORGANISATIONS = "organisations", "Structures et contacts"
    COACHING = "coaching", "Accompagnements"
    AGREEMENTS = "agreements", "Conventions et budgets"
    EVENTS = "events", "Temps collectifs et inscriptions"
    SURVEYS = "surveys", "Questionnaires"
    PATHWAYS = "pathways", "Parcours (PAM)"
    TWINNINGS = "twinnings", "Jumelages"
    CALLS = "calls", "Appels à projets et candidatures"
    ASSEMBLIES = "assemblies", "Séances et délibérations"
    DOCUMENTS = "documents", "Documents générés"
