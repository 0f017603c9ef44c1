"""The register as data: what `ouverture twinnings list --format json` prints."""

from django.db.models import Prefetch

from ouverture.twinnings.enums import PartyKind
from ouverture.twinnings.models import Agreement, AgreementPartner, LocalParty

LEVELS = {
    PartyKind.COMMUNE: "commune",
    PartyKind.INTERCOMMUNALITY: "epci",
    PartyKind.DEPARTEMENT: "departement",
    PartyKind.REGION: "region",
}


def _party(p):
    code = {
        PartyKind.COMMUNE: p.commune.code if p.commune_id else "",
        PartyKind.INTERCOMMUNALITY: p.epci_siren,
        PartyKind.DEPARTEMENT: p.departement_id or "",
        PartyKind.REGION: p.region_code,
    }[p.kind]
    return {
        "level": LEVELS[p.kind],
        "code": code,
        "name": p.label,
        "former_names": [p.former_name] if p.former_name else [],
        "signed_on": p.signed_on.isoformat() if p.signed_on else None,
        "signed_year": p.signed_year,
        "signed_note": p.signed_note,
        "contact_email": p.contact_email,
        "contact_origin": p.contact_origin,
    }


def _partner(link):
    return {
        "name": link.town.name,
        "aliases": list(link.town.aliases),
        "country": link.town.country_id,
        "signed_on": link.signed_on.isoformat() if link.signed_on else None,
        "signed_year": link.signed_year,
        "signed_note": link.signed_note,
    }


def agreements_as_json(commune=""):
    qs = Agreement.objects.prefetch_related(
        Prefetch(
            "local_parties", queryset=LocalParty.objects.select_related("commune", "departement")
        ),
        Prefetch("partners", queryset=AgreementPartner.objects.select_related("town")),
        "sources",
    ).order_by("pk")
    if commune:
        qs = qs.filter(local_parties__commune__code=commune).distinct()
    return [
        {
            "id": a.pk,
            "title": a.title,
            "kind": a.kind,
            "status": a.status,
            "status_note": a.status_note,
            "local_parties": [_party(p) for p in a.local_parties.all()],
            "partners": [_partner(link) for link in a.partners.all()],
            "sources": [{"url": s.url, "note": s.note, "line": s.line} for s in a.sources.all()],
        }
        for a in qs
    ]
