from django.db import models


class CommuneKind(models.TextChoices):
    CURRENT = "current", "Commune"
    DELEGATED = "delegated", "Commune déléguée"
    ASSOCIATED = "associated", "Commune associée"
    MUNICIPAL_DISTRICT = "district", "Arrondissement municipal"


# INSEE's grouping of foreign countries: the X in the country code 99Xnn.
class Continent(models.TextChoices):
    EUROPE = "europe", "Europe"
    ASIA = "asia", "Asie"
    AFRICA = "africa", "Afrique"
    AMERICA = "america", "Amérique"
    OCEANIA = "oceania", "Océanie"
    # Not an INSEE group: only for the few ISO territories INSEE does not list.
    ANTARCTICA = "antarctica", "Antarctique"


INSEE_CONTINENT_DIGIT = {
    "1": Continent.EUROPE,
    "2": Continent.ASIA,
    "3": Continent.AFRICA,
    "4": Continent.AMERICA,
    "5": Continent.OCEANIA,
}
