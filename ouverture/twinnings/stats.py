"""Figures of the twinning register, computed from records with a fixed number of
queries whatever the number of agreements (grouped SQL, no loop over rows).

Continents follow INSEE's grouping of foreign countries (code 99Xnn of the COG
"pays et territoires étrangers"): Russia is in Europe, Cyprus and Turkey in Asia.
An agreement counts once per country and once per continent of its partners.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from ouverture.core.formats import percent
from ouverture.geo.enums import Continent
from ouverture.twinnings.enums import AgreementKind, AgreementStatus
from ouverture.twinnings.models import Agreement, AgreementPartner, LocalParty

CONTINENT_NOTE = (
    "Les continents suivent le regroupement de l'INSEE (code pays 99Xnn du Code officiel "
    "géographique : 1 Europe, 2 Asie, 3 Afrique, 4 Amérique, 5 Océanie) : la Russie compte "
    "en Europe, Chypre et la Turquie en Asie."
)
NO_EPCI = "Sans intercommunalité connue"


@dataclass
class Statistics:
    agreements: int = 0
    to_review: int = 0
    communes: int = 0
    countries: int = 0
    continents: int = 0
    european: int = 0
    by_country: list = field(default_factory=list)  # dicts: code, name, numeric, continent, count
    by_continent: list = field(default_factory=list)  # dicts: code, label, count
    by_status: list = field(default_factory=list)
    by_kind: list = field(default_factory=list)
    by_epci: list = field(default_factory=list)  # dicts: siren, name, agreements, communes

    @property
    def european_share(self):
        return percent(self.european, self.agreements)

    def as_json(self):
        """What `ouverture twinnings stats --format json` prints."""
        share = self.european_share
        return {
            "agreements": self.agreements,
            "communes": self.communes,
            "countries": self.countries,
            "continents": self.continents,
            "european": self.european,
            "european_share": None if share is None else f"{share:.2f}",
            "to_review": self.to_review,
            "by_country": {row["code"]: row["count"] for row in self.by_country},
            "by_continent": {row["code"]: row["count"] for row in self.by_continent},
            "by_status": {row["code"]: row["count"] for row in self.by_status},
            "by_kind": {row["code"]: row["count"] for row in self.by_kind},
        }


def filter_agreements(qs, *, status="", kind="", continent="", country="", epci="", review=""):
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if continent:
        qs = qs.in_continent(continent)
    if country:
        qs = qs.in_country(country)
    if epci:
        qs = qs.in_epci(epci)
    if review == "flagged":
        qs = qs.needing_review()
    elif review == "clear":
        qs = qs.filter(needs_review=False)
    return qs


def _choice_rows(counts, choices):
    return [
        {"code": value, "label": label, "count": counts.get(value, 0)}
        for value, label in choices
        if counts.get(value)
    ]


def compute(agreements) -> Statistics:
    """Figures for a queryset of agreements (already filtered and scoped)."""
    # A subquery of ids: the filters' joins never multiply the counts below.
    base = Agreement.objects.filter(pk__in=agreements.values("pk"))
    stats = Statistics()
    totals = base.aggregate(total=Count("id"), review=Count("id", filter=Q(needs_review=True)))
    stats.agreements, stats.to_review = totals["total"], totals["review"]

    links = AgreementPartner.objects.filter(agreement__in=base)
    by_country = (
        links.values(
            "town__country_id", "town__country__name", "town__country__numeric",
            "town__country__continent",
        )
        .annotate(count=Count("agreement_id", distinct=True))
        .order_by("-count", "town__country__name")
    )  # fmt: skip
    continent_labels = dict(Continent.choices)
    stats.by_country = [
        {
            "code": row["town__country_id"],
            "name": row["town__country__name"],
            "numeric": row["town__country__numeric"],
            "continent": continent_labels.get(row["town__country__continent"], ""),
            "count": row["count"],
        }
        for row in by_country
    ]
    stats.countries = len(stats.by_country)
    continents = dict(
        links.values_list("town__country__continent").annotate(
            count=Count("agreement_id", distinct=True)
        )
    )
    stats.by_continent = _choice_rows(continents, Continent.choices)
    stats.continents = len(stats.by_continent)
    stats.european = continents.get(Continent.EUROPE, 0)

    statuses = dict(base.values_list("status").annotate(count=Count("id")))
    stats.by_status = _choice_rows(statuses, AgreementStatus.choices)
    kinds = dict(base.values_list("kind").annotate(count=Count("id")))
    stats.by_kind = _choice_rows(kinds, AgreementKind.choices)

    parties = LocalParty.objects.filter(agreement__in=base)
    stats.communes = parties.filter(commune__isnull=False).values("commune_id").distinct().count()
    epcis = {}
    for siren, name, n_agreements, n_communes in (
        parties.filter(commune__isnull=False)
        .values_list("commune__epci_siren", "commune__epci_name")
        .annotate(Count("agreement_id", distinct=True), Count("commune_id", distinct=True))
    ):
        epcis[siren] = {"siren": siren, "name": name or NO_EPCI, "agreements": n_agreements,
                        "communes": n_communes}  # fmt: skip
    for siren, name, n_agreements in (
        parties.exclude(epci_siren="")
        .values_list("epci_siren", "epci_name")
        .annotate(Count("agreement_id", distinct=True))
    ):
        row = epcis.setdefault(
            siren, {"siren": siren, "name": name, "agreements": 0, "communes": 0}
        )
        row["agreements"] += n_agreements
    stats.by_epci = sorted(epcis.values(), key=lambda r: (-r["agreements"], r["name"]))
    return stats
