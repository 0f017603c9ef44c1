"""Figures of the twinning register, computed from records with a fixed number of
queries whatever the number of agreements: grouped SQL over plain joins (no loop
over rows, no IN (subquery) whose plan would hang on stale table statistics).

Continents follow INSEE's grouping of foreign countries (code 99Xnn of the COG
"pays et territoires étrangers"): Russia is in Europe, Cyprus and Turkey in Asia.
An agreement counts once per country and once per continent of its partners.
"""

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db.models import Case, CharField, Count, Q, Value, When

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
FRANCE = "FR"

# The second grouping: seven continents (npm `countries-list`, shipped in
# geo/data/countries_iso3166_fr_continents.csv, column continent_7_en).
SEVEN = [
    ("europe", "Europe"),
    ("asia", "Asie"),
    ("africa", "Afrique"),
    ("north_america", "Amérique du Nord"),
    ("south_america", "Amérique du Sud"),
    ("oceania", "Océanie"),
    ("antarctica", "Antarctique"),
]
_SEVEN_EN = {
    "Europe": "europe", "Asia": "asia", "Africa": "africa", "North America": "north_america",
    "South America": "south_america", "Oceania": "oceania", "Antarctica": "antarctica",
}  # fmt: skip
# Each seven-continent group read back as an INSEE one, to name the countries that differ.
_AS_INSEE = {"north_america": "america", "south_america": "america"}
GROUPINGS = {
    "insee": "Continents de l'INSEE (Code officiel géographique, 5 continents)",
    "seven": "Sept continents (Amérique du Nord et du Sud séparées, Antarctique)",
}


@cache
def seven_continents():
    """ISO alpha-2 -> seven-continent code."""
    path = (Path(__file__).resolve().parent.parent / "geo" / "data"
            / "countries_iso3166_fr_continents.csv")  # fmt: skip
    with open(path, encoding="utf-8", newline="") as f:
        return {r["alpha2"]: _SEVEN_EN[r["continent_7_en"]] for r in csv.DictReader(f)
                if r["continent_7_en"] in _SEVEN_EN}  # fmt: skip


def grouping_differences():
    """Countries the two groupings put on different continents (America's split aside)."""
    from ouverture.geo.models import Country

    seven = seven_continents()
    labels_insee, labels_seven = dict(Continent.choices), dict(SEVEN)
    rows = []
    for code, name, continent in Country.objects.values_list("code", "name", "continent"):
        other = seven.get(code)
        if other and _AS_INSEE.get(other, other) != continent:
            rows.append({"code": code, "name": name, "insee": labels_insee.get(continent, ""),
                         "seven": labels_seven[other]})  # fmt: skip
    return sorted(rows, key=lambda r: r["name"])


def _seven_case(prefix):
    groups = {}
    for code, group in seven_continents().items():
        groups.setdefault(group, []).append(code)
    return Case(
        *[When(**{f"{prefix}__in": codes}, then=Value(g)) for g, codes in sorted(groups.items())],
        default=Value(""), output_field=CharField(),
    )  # fmt: skip


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
    grouping: str = "insee"
    with_foreign: int = 0  # agreements with at least one partner abroad
    in_france: list = field(default_factory=list)  # dicts: agreement, title, partner
    differences: list = field(default_factory=list)  # countries the groupings place apart

    @property
    def grouping_note(self):
        if self.grouping == "insee":
            text = CONTINENT_NOTE
        else:
            text = (
                "Les continents suivent le découpage en sept continents (Amérique du Nord, "
                "Amérique du Sud et Antarctique séparés)."
            )
        if self.differences:
            text += (
                " Pays que les deux regroupements placent différemment : "
                + ", ".join(
                    f"{d['name']} ({d['insee']} pour l'INSEE, {d['seven']} en sept continents)"
                    for d in self.differences
                )
                + "."
            )
        if self.in_france:
            text += (
                f" {len(self.in_france)} partenaire(s) en France, hors des comptes par pays et "
                "par continent."
            )
        return text

    @property
    def european_share(self):
        return percent(self.european, self.with_foreign)

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
            "grouping": self.grouping,
            "grouping_label": GROUPINGS[self.grouping],
            "grouping_differences": {d["code"]: d["name"] for d in self.differences},
            "with_foreign_partner": self.with_foreign,
            "partners_in_france": [
                {"agreement": r["agreement"], "partner": r["partner"]} for r in self.in_france
            ],
            "by_country": {row["code"]: row["count"] for row in self.by_country},
            "by_continent": {row["code"]: row["count"] for row in self.by_continent},
            "by_status": {row["code"]: row["count"] for row in self.by_status},
            "by_kind": {row["code"]: row["count"] for row in self.by_kind},
        }


FILTERS = ("status", "kind", "continent", "country", "epci", "review")


def filter_q(prefix="", *, status="", kind="", continent="", country="", epci="", review=""):
    """The filters as one Q on Agreement (prefix "") or on a model pointing to it
    (prefix "agreement__"): plain joins, no IN (subquery), so that the planner
    does not depend on fresh table statistics after a bulk import."""
    q = Q()
    if status:
        q &= Q(**{f"{prefix}status": status})
    if kind:
        q &= Q(**{f"{prefix}kind": kind})
    if continent:
        q &= Q(**{f"{prefix}partners__town__country__continent": continent})
    if country:
        q &= Q(**{f"{prefix}partners__town__country_id": country})
    if epci:
        q &= Q(**{f"{prefix}local_parties__commune__epci_siren": epci}) | Q(
            **{f"{prefix}local_parties__epci_siren": epci}
        )
    if review == "flagged":
        q &= Q(**{f"{prefix}needs_review": True})
    elif review == "clear":
        q &= Q(**{f"{prefix}needs_review": False})
    return q


REGISTER_TABLES = (
    "twinnings_agreement",
    "twinnings_agreementpartner",
    "twinnings_partnertown",
    "twinnings_localparty",
)


def analyze_register():
    """Refresh PostgreSQL's planner statistics after a bulk write: with none, the
    statistics' joins are planned as nested loops over thousands of rows."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(REGISTER_TABLES))


def filter_agreements(qs, **filters):
    """A queryset of agreements (lists, exports) with the statistics' filters."""
    q = filter_q(**filters)
    return qs.filter(q).distinct() if q else qs


def _choice_rows(counts, choices):
    return [
        {"code": value, "label": label, "count": counts.get(value, 0)}
        for value, label in choices
        if counts.get(value)
    ]


def compute(grouping="insee", **filters) -> Statistics:
    """Figures of the whole register, or of the agreements the filters keep. Partners
    in France are listed apart, out of the counts by country and continent."""
    if grouping not in GROUPINGS:
        raise ValueError(f"Regroupement « {grouping} » inconnu : insee ou seven.")
    stats = Statistics(grouping=grouping)
    agreement_q = filter_q(**filters)
    related_q = filter_q("agreement__", **filters)
    agreements = Agreement.objects.filter(agreement_q)
    # Filters join partners or parties: every count is of distinct agreements.
    totals = agreements.aggregate(
        total=Count("id", distinct=True),
        review=Count("id", distinct=True, filter=Q(needs_review=True)),
    )
    stats.agreements, stats.to_review = totals["total"], totals["review"]

    all_links = AgreementPartner.objects.filter(related_q)
    stats.in_france = [
        {"agreement": a, "title": t, "partner": n}
        for a, t, n in all_links.filter(town__country_id=FRANCE)
        .values_list("agreement_id", "agreement__title", "town__name")
        .order_by("agreement_id")
    ]
    links = all_links.exclude(town__country_id=FRANCE)
    stats.with_foreign = links.aggregate(n=Count("agreement_id", distinct=True))["n"]
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
    if grouping == "insee":
        continents = dict(
            links.values_list("town__country__continent")
            .annotate(count=Count("agreement_id", distinct=True))
            .order_by()
        )
        stats.by_continent = _choice_rows(continents, Continent.choices)
    else:
        continents = dict(
            links.annotate(group=_seven_case("town__country_id"))
            .values_list("group")
            .annotate(count=Count("agreement_id", distinct=True))
            .order_by()
        )
        stats.by_continent = _choice_rows(continents, SEVEN)
        seven, labels = seven_continents(), dict(SEVEN)
        for row in stats.by_country:
            row["continent"] = labels.get(seven.get(row["code"]), "")
    stats.differences = grouping_differences()
    stats.continents = len(stats.by_continent)
    stats.european = continents.get("europe", 0)

    statuses = dict(
        agreements.values_list("status").annotate(count=Count("id", distinct=True)).order_by()
    )
    stats.by_status = _choice_rows(statuses, AgreementStatus.choices)
    kinds = dict(
        agreements.values_list("kind").annotate(count=Count("id", distinct=True)).order_by()
    )
    stats.by_kind = _choice_rows(kinds, AgreementKind.choices)

    parties = LocalParty.objects.filter(related_q)
    stats.communes = parties.aggregate(n=Count("commune_id", distinct=True))["n"]
    epcis = {}
    for siren, name, n_agreements, n_communes in (
        parties.filter(commune__isnull=False)
        .values_list("commune__epci_siren", "commune__epci_name")
        .annotate(Count("agreement_id", distinct=True), Count("commune_id", distinct=True))
        .order_by()
    ):
        epcis[siren] = {"siren": siren, "name": name or NO_EPCI, "agreements": n_agreements,
                        "communes": n_communes}  # fmt: skip
    for siren, name, n_agreements in (
        parties.exclude(epci_siren="")
        .values_list("epci_siren", "epci_name")
        .annotate(Count("agreement_id", distinct=True))
        .order_by()
    ):
        row = epcis.setdefault(
            siren, {"siren": siren, "name": name, "agreements": 0, "communes": 0}
        )
        row["agreements"] += n_agreements
    stats.by_epci = sorted(epcis.values(), key=lambda r: (-r["agreements"], r["name"]))
    return stats
