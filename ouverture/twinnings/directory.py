"""Town halls' institutional contacts from the "Annuaire de l'administration"
(DILA, Licence Ouverte 2.0), as its CSV export gives them
(api-lannuaire.service-public.fr, dataset `api-lannuaire-administration`, "Export"
→ CSV, separator ";").

Columns read (the export has about fifty; the others are left aside):

| column               | required | content                                                   |
|----------------------|----------|-----------------------------------------------------------|
| `nom`                | yes      | "Mairie - Arras"                                          |
| `code_insee_commune` | yes      | INSEE code of the commune the office is in                |
| `adresse_courriel`   | yes      | e-mail address(es), ";"-separated when several            |
| `telephone`          | yes      | JSON list `[{"valeur": "03 21 50 50 50", "description": ""}]` or plain text |
| `adresse`            | no       | JSON list of addresses (`numero_voie`, `complement1`, `code_postal`, `nom_commune`, `type_adresse`) or plain text |
| `pivot`              | no       | JSON `[{"type_service_local": "mairie", "code_insee_commune": ["62041"]}]`: only town halls are kept |
| `id`                 | no       | the directory's identifier, kept in the history reason    |

A row is a town hall when `pivot` says `mairie` (or, without `pivot`, when its
name begins with "Mairie"); an annex ("Mairie annexe", "Mairie déléguée") is used
only when the commune has no main town hall in the file. The contact fills a local
party (a commune) that has no e-mail yet, marked `ContactOrigin.DIRECTORY`; a
contact someone gave is never replaced.
"""

import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from simple_history.utils import bulk_update_with_history

from ouverture.core.tabular import FileRejected, read_table
from ouverture.twinnings.enums import ContactOrigin, PartyKind
from ouverture.twinnings.names import name_key

REQUIRED = ("nom", "code_insee_commune", "adresse_courriel", "telephone")
OPTIONAL = ("adresse", "pivot", "id")
LICENCE = "Annuaire de l'administration (DILA), Licence Ouverte 2.0"


@dataclass
class DirectoryResult:
    rows: int = 0
    town_halls: int = 0
    filled: list = field(default_factory=list)  # (party id, commune code, e-mail)
    already_known: int = 0
    not_in_file: int = 0
    messages: list = field(default_factory=list)  # line-level remarks (bad e-mail…)
    written: bool = False


def _json(text):
    text = (text or "").strip()
    if not text.startswith(("[", "{")):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _phone(text):
    data = _json(text)
    if isinstance(data, list):
        values = [d.get("valeur", "") for d in data if isinstance(d, dict)]
        return next((v for v in values if v), "")
    return (text or "").strip()


def _address(text):
    data = _json(text)
    if isinstance(data, list) and data:
        postal = [d for d in data if isinstance(d, dict)]
        chosen = next((d for d in postal if d.get("type_adresse") == "Adresse postale"), None)
        chosen = chosen or (postal[0] if postal else {})
        parts = [chosen.get("complement1", ""), chosen.get("numero_voie", ""),
                 chosen.get("service_distribution", ""),
                 f"{chosen.get('code_postal', '')} {chosen.get('nom_commune', '')}".strip()]  # fmt: skip
        return ", ".join(p for p in parts if p)[:300]
    return (text or "").strip()[:300]


def _is_town_hall(name, pivot_text):
    data = _json(pivot_text)
    if isinstance(data, list):
        return any(isinstance(d, dict) and d.get("type_service_local") == "mairie" for d in data)
    return name_key(name).startswith("mairie")


def _is_annex(name):
    key = name_key(name)
    return "annexe" in key or "deleguee" in key or "mairie de quartier" in key


def read_directory(content, filename, encoding="utf-8"):
    """{commune code: contact} for the town halls of the file; ValidationError
    (French, the expected columns named) when the file is not the directory's export."""
    aliases = {key: [key] for key in (*REQUIRED, *OPTIONAL)}
    try:
        table = read_table(content, filename, aliases=aliases, encoding=encoding)
    except FileRejected as error:
        raise ValidationError(str(error)) from None
    missing = [key for key in REQUIRED if key not in table.columns]
    if missing:
        found = ", ".join(f"« {h} »" for h in table.headers if h) or "aucune"
        raise ValidationError(
            "Ce fichier n'est pas un export de l'Annuaire de l'administration : colonnes "
            + ", ".join(f"« {m} »" for m in missing)
            + f" introuvables (colonnes du fichier : {found}). Exportez le jeu "
            "« api-lannuaire-administration » en CSV depuis api-lannuaire.service-public.fr."
        )
    result = DirectoryResult(rows=len(table.rows))
    contacts = {}
    for row in table.rows:
        v = row.values
        if not _is_town_hall(v.get("nom", ""), v.get("pivot", "")):
            continue
        code = (v.get("code_insee_commune") or "").strip()
        if len(code) == 4 and code.isdigit():
            code = "0" + code
        emails = [e.strip() for e in (v.get("adresse_courriel") or "").split(";") if e.strip()]
        email = ""
        for candidate in emails:
            try:
                validate_email(candidate)
            except ValidationError:
                result.messages.append(
                    f"Ligne {row.line}, colonne « adresse_courriel » : « {candidate} » n'est pas "
                    "une adresse e-mail (ignorée)."
                )
                continue
            email = candidate
            break
        if not code or not email:
            continue
        result.town_halls += 1
        contact = {
            "contact_name": (v.get("nom") or "").strip()[:150],
            "contact_email": email,
            "contact_phone": _phone(v.get("telephone", ""))[:30],
            "contact_address": _address(v.get("adresse", "")),
            "annex": _is_annex(v.get("nom", "")),
            "line": row.line,
        }
        known = contacts.get(code)
        if known is None or (known["annex"] and not contact["annex"]):
            contacts[code] = contact
    return contacts, result


@transaction.atomic
def import_directory(content, filename, *, actor, dry_run=False, encoding="utf-8"):
    """Fills the institutional contact of the communes that are local parties and
    have none: one transaction, history naming the directory."""
    from ouverture.twinnings.models import LocalParty

    contacts, result = read_directory(content, filename, encoding)
    parties = list(
        LocalParty.objects.select_for_update(of=("self",))
        .filter(kind=PartyKind.COMMUNE)
        .select_related("commune")
        .order_by("pk")
    )
    changed = []
    for party in parties:
        if party.contact_email:
            result.already_known += 1
            continue
        contact = contacts.get(party.commune.code)
        if contact is None:
            result.not_in_file += 1
            continue
        party.contact_name = contact["contact_name"]
        party.contact_email = contact["contact_email"]
        party.contact_phone = party.contact_phone or contact["contact_phone"]
        party.contact_address = contact["contact_address"]
        party.contact_origin = ContactOrigin.DIRECTORY
        changed.append(party)
        result.filled.append((party.pk, party.commune.code, contact["contact_email"]))
    if changed and not dry_run:
        bulk_update_with_history(
            changed, LocalParty,
            ["contact_name", "contact_email", "contact_phone", "contact_address", "contact_origin"],
            default_user=actor, default_change_reason=f"Contact institutionnel : {LICENCE}",
        )  # fmt: skip
        result.written = True
    return result
