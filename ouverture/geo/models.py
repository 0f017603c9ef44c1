"""Reference tables read from INSEE's COG and ISO 3166 (see geo/data/LICENCE.md)."""

from django.db import models

from ouverture.geo.enums import CommuneKind, Continent


class Departement(models.Model):
    code = models.CharField("code", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    region_code = models.CharField("code région", max_length=3)

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class CommuneQuerySet(models.QuerySet):
    def current(self):
        return self.filter(kind=CommuneKind.CURRENT)

    def in_departement(self, code):
        return self.filter(departement_id=code)


class Commune(models.Model):
    code = models.CharField("code INSEE", max_length=5, db_index=True)
    name = models.CharField("nom", max_length=100)
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    kind = models.CharField("type", max_length=10, choices=CommuneKind.choices)
    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="communes")
    # For a delegated or associated commune: the current commune it belongs to.
    parent_code = models.CharField("commune de rattachement", max_length=5, blank=True)
    population = models.PositiveIntegerField("population", null=True, blank=True)
    postal_codes = models.CharField("codes postaux", max_length=100, blank=True)
    epci_siren = models.CharField("SIREN de l'EPCI", max_length=9, blank=True)
    epci_name = models.CharField("EPCI", max_length=150, blank=True)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = "commune"
        ordering = ["name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "kind"], name="commune_code_kind_unique")
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class Country(models.Model):
    code = models.CharField("code ISO", max_length=2, primary_key=True)
    alpha3 = models.CharField("code ISO alpha-3", max_length=3)
    numeric = models.CharField("code ISO numérique", max_length=3)
    insee_code = models.CharField("code INSEE", max_length=5, blank=True)
    name = models.CharField("nom", max_length=100)
    name_en = models.CharField("nom anglais", max_length=100)
    continent = models.CharField("continent (INSEE)", max_length=10, choices=Continent.choices)

    class Meta:
        verbose_name = "pays"
        verbose_name_plural = "pays"
        ordering = ["name"]

    def __str__(self):
        return self.name
