"""The register as GeoJSON (RFC 7946) for the public feed: one Feature per agreement, public
fields only.

Public: the agreement's nature and status, its title, each local party (level, name, INSEE
code or SIREN, the name it signed under, the signature date or year) and each partner town
(name, country, region or state, signature). Never: the committee and its contact, the
local parties' contacts (names, e-mails, phones, addresses), notes, the status note, the
upcoming projects, sources, who verified and when, import and review data.

No record holds coordinates (neither `geo.Commune` nor `PartnerTown`): every Feature has
`"geometry": null`, which RFC 7946 §3.2 allows ("unlocated"). A map can place the commune
by `insee` and the partner by `pays` (ISO 3166-1 alpha-2). When a record gains coordinates,
`_geometry` is where they go.
"""

from django.db.models import Prefetch

from ouverture.twinnings.enums import AgreementKind, AgreementStatus, PartyKind
from ouverture.twinnings.models import Agreement, AgreementPartner, LocalParty

LEVELS = {
    PartyKind.COMMUNE: "commune",
    PartyKind.INTERCOMMUNALITY: "epci",
    PartyKind.DEPARTEMENT: "departement",
    PartyKind.REGION: "region",
}
# Filters of the feed: query-string name → (field, allowed values).
FILTERS = {
    "statut": AgreementStatus,
    "nature": AgreementKind,
}


class BadFilter(ValueError):
    """A filter value the feed does not know; the message is French, for the response."""

    def __init__(self, message, param):
        super().__init__(message)
        self.param = param


def _party(p):
    code = {
        PartyKind.COMMUNE: p.commune.code if p.commune_id else "",
        PartyKind.INTERCOMMUNALITY: p.epci_siren,
        PartyKind.DEPARTEMENT: p.departement_id or "",
        PartyKind.REGION: p.region_code,
    }[p.kind]
    return {
        "niveau": LEVELS[p.kind],
        "code": code,
        "nom": p.label,
        "ancien_nom": p.former_name,
        "signature": p.signed_on.isoformat() if p.signed_on else None,
        "annee_signature": p.signed_on.year if p.signed_on else p.signed_year,
    }


def _partner(link):
    town = link.town
    return {
        "ville": town.name,
        "pays": town.country_id,
        "nom_pays": town.country.name,
        "region": town.region,
        "signature": link.signed_on.isoformat() if link.signed_on else None,
        "annee_signature": link.signed_on.year if link.signed_on else link.signed_year,
    }


def _geometry(agreement):
    return None  # no record holds coordinates (module docstring)


def public_agreements(params=None):
    """The agreements of the feed, filtered by `statut`, `nature` and `pays` (ISO code of a
    partner's country); raises BadFilter naming an unknown value. Three queries whatever
    the number of agreements."""
    params = params or {}
    qs = Agreement.objects.prefetch_related(
        Prefetch(
            "local_parties",
            queryset=LocalParty.objects.select_related("commune", "departement").order_by("pk"),
        ),
        Prefetch(
            "partners",
            queryset=AgreementPartner.objects.select_related("town__country").order_by("pk"),
        ),
    ).order_by("title", "pk")
    for name, choices in FILTERS.items():
        value = params.get(name, "")
        if not value:
            continue
        if value not in choices.values:
            allowed = ", ".join(choices.values)
            raise BadFilter(
                f"« {name} » : valeur « {value} » inconnue (valeurs possibles : {allowed}).", name
            )
        qs = qs.filter(**{"status" if name == "statut" else "kind": value})
    country = params.get("pays", "").strip().upper()
    if country:
        if len(country) != 2 or not country.isalpha():
            raise BadFilter(
                f"« pays » : « {country} » n'est pas un code de pays ISO à deux lettres.", "pays"
            )
        qs = qs.in_country(country)
    return qs


def feature(agreement):
    return {
        "type": "Feature",
        "id": agreement.pk,
        "geometry": _geometry(agreement),
        "properties": {
            "intitule": agreement.title,
            "nature": agreement.kind,
            "nature_libelle": agreement.get_kind_display(),
            "statut": agreement.status,
            "statut_libelle": agreement.get_status_display(),
            "parties_locales": [_party(p) for p in agreement.local_parties.all()],
            "partenaires": [_partner(link) for link in agreement.partners.all()],
        },
    }


def feature_collection(agreements):
    return {"type": "FeatureCollection", "features": [feature(a) for a in agreements]}
