"""Write operations on twinning agreements: one transaction, validation in French,
history with the acting user. Imports and campaigns have their own modules
(`importer`, `campaigns`) and enter through the functions here or there."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ouverture.core import history
from ouverture.core.formats import format_date
from ouverture.core.tabular import FileRejected
from ouverture.geo.enums import CommuneKind
from ouverture.geo.models import Commune, Country, Departement
from ouverture.twinnings import importer
from ouverture.twinnings.bulk import gc_paused
from ouverture.twinnings.enums import (
    AgreementKind,
    AgreementStatus,
    ImportStatus,
    PartyKind,
    ReviewFlag,
)
from ouverture.twinnings.matching import FRANCE, MIN_YEAR
from ouverture.twinnings.models import (
    Agreement,
    AgreementPartner,
    ImportBatch,
    LocalParty,
    PartnerTown,
    Source,
)
from ouverture.twinnings.names import name_key as normalize_name

REGIONS_FILE = Path(__file__).resolve().parent.parent / "geo" / "data" / "cog2026_regions.json"


def regions():
    """Region code -> name (INSEE COG 2026, shipped with the geo app)."""
    rows = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    return {r["code"]: r["nom"] for r in rows}


def _check_signature(signed_on, signed_year, field):
    """Either a full date or a year alone; never in the future."""
    today = timezone.localdate()
    if signed_on:
        if signed_on > today:
            raise ValidationError(
                {field: f"La date de signature {format_date(signed_on)} est dans le futur."}
            )
        if signed_on.year < MIN_YEAR:
            raise ValidationError(
                {field: f"Date de signature {format_date(signed_on)} invraisemblable."}
            )
        return signed_on, signed_on.year
    if signed_year:
        if signed_year > today.year:
            raise ValidationError({field: f"L'année de signature {signed_year} est dans le futur."})
        if signed_year < MIN_YEAR:
            raise ValidationError(
                {field: f"Année de signature {signed_year} invraisemblable (avant {MIN_YEAR})."}
            )
    return None, signed_year or None


def _country(country):
    if isinstance(country, Country):
        return country
    found = Country.objects.filter(code=str(country or "").upper()).first()
    if found is None:
        raise ValidationError({"country": f"Pays « {country} » inconnu (code ISO attendu)."})
    return found


def find_or_create_town(*, actor, name, country, region=""):
    """The partner town with this name in this country (and region when given)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Indiquez le nom de la ville partenaire."})
    country = _country(country)
    if country.code == FRANCE:
        raise ValidationError(
            {"country": f"« {name} » est en France : un jumelage se noue avec une ville étrangère."}
        )
    towns = PartnerTown.objects.filter(search_name=normalize_name(name), country=country)
    town = towns.filter(region_key=normalize_name(region)).first()
    if town is None and not region:
        town = towns.order_by("pk").first()
    if town is None:
        # Known under another of its names ("Mons" recorded with the alias "Bergen").
        key = normalize_name(name)
        town = next(
            (t for t in PartnerTown.objects.filter(country=country).exclude(aliases=[])
             if key in t.name_keys()),
            None,
        )  # fmt: skip
    if town is None:
        town = history.save(PartnerTown(name=name, country=country, region=region.strip()), actor)
    return town


def _local_party(agreement, *, kind=PartyKind.COMMUNE, commune=None, former_name="",
                 epci_siren="", epci_name="", departement=None, region_code="",
                 signed_on=None, signed_year=None, contact_name="", contact_email="",
                 contact_phone=""):  # fmt: skip
    signed_on, signed_year = _check_signature(signed_on, signed_year, "signed_on")
    party = LocalParty(
        agreement=agreement, kind=kind, former_name=former_name.strip(),
        signed_on=signed_on, signed_year=signed_year, contact_name=contact_name,
        contact_email=contact_email, contact_phone=contact_phone,
    )  # fmt: skip
    if kind == PartyKind.COMMUNE:
        if commune is None:
            raise ValidationError({"commune": "Indiquez la commune (nom ou code INSEE)."})
        if commune.kind != CommuneKind.CURRENT:
            raise ValidationError(
                {
                    "commune": f"{commune} n'est plus une commune : choisissez la commune actuelle "
                    "et gardez l'ancien nom dans « ancien nom »."
                }
            )
        party.commune = commune
    elif kind == PartyKind.INTERCOMMUNALITY:
        siren = "".join((epci_siren or "").split())
        known = Commune.objects.filter(epci_siren=siren).values_list("epci_name", flat=True).first()
        if len(siren) != 9 or not siren.isdigit():
            raise ValidationError({"epci_siren": "Le SIREN d'une intercommunalité a 9 chiffres."})
        if not known:
            raise ValidationError(
                {
                    "epci_siren": f"SIREN {siren} inconnu du référentiel des intercommunalités "
                    f"(EPCI du département {settings.OUVERTURE_DEPARTEMENT}) : vérifiez le numéro."
                }
            )
        party.epci_siren, party.epci_name = siren, known or epci_name
    elif kind == PartyKind.DEPARTEMENT:
        if not isinstance(departement, Departement):
            departement = Departement.objects.filter(code=str(departement or "")).first()
        if departement is None:
            raise ValidationError({"departement": "Département inconnu."})
        party.departement = departement
    elif kind == PartyKind.REGION:
        names = regions()
        if region_code not in names:
            raise ValidationError({"region_code": f"Code région « {region_code} » inconnu."})
        party.region_code, party.region_name = region_code, names[region_code]
    else:
        raise ValidationError({"kind": f"Type de partie « {kind} » inconnu."})
    return party


def _check_not_duplicated(agreement, communes, towns):
    """The same commune and the same town in another agreement: one record, not two."""
    commune_ids = [c.pk for c in communes]
    town_ids = [t.pk for t in towns]
    if not commune_ids or not town_ids:
        return
    other = (
        Agreement.objects.filter(
            local_parties__commune_id__in=commune_ids, partners__town_id__in=town_ids
        )
        .exclude(pk=agreement.pk)
        .first()
    )
    if other is not None:
        raise ValidationError(f"Ce jumelage est déjà enregistré : « {other} » (n°{other.pk}).")


def refresh(agreement, actor, reason=None):
    """Recompute the title from the parties and partners, then save."""
    parties = list(agreement.local_parties.select_related("commune", "departement"))
    partners = list(agreement.partners.select_related("town__country"))
    agreement.title = importer.make_title(
        [p.label for p in parties], [f"{p.town.name} ({p.town.country.name})" for p in partners]
    )
    return history.save(agreement, actor, reason=reason)


def _flag_outside(agreement, communes):
    """A commune of another département is flagged when it joins (a person then reviews it)."""
    code = settings.OUVERTURE_DEPARTEMENT
    outside = [c for c in communes if c is not None and c.departement_id != code]
    if outside:
        agreement.review_flags = [
            *agreement.review_flags,
            {
                "code": ReviewFlag.OUTSIDE_DEPARTEMENT.value,
                "detail": ", ".join(str(c) for c in outside) + f" : hors du département {code}.",
            },
        ]
        agreement.needs_review = True


def _check_contact(committee, contact):
    if contact is not None and (committee is None or contact.organisation_id != committee.pk):
        raise ValidationError(
            {"contact": "Ce contact n'appartient pas au comité de jumelage choisi."}
        )


@transaction.atomic
def create_agreement(*, actor, parties, partners, kind=AgreementKind.TWINNING,
                     status=AgreementStatus.UNKNOWN, committee=None, contact=None, notes="",
                     sources=()):  # fmt: skip
    """parties: dicts for LocalParty (kind, commune, former_name, signed_on, signed_year…);
    partners: dicts with name, country (Country or ISO code), region, signed_on, signed_year."""
    if not parties:
        raise ValidationError("Un jumelage a au moins une partie locale.")
    if not partners:
        raise ValidationError("Un jumelage a au moins une ville partenaire.")
    _check_contact(committee, contact)
    agreement = Agreement(
        kind=kind, status=status, committee=committee, contact=contact, notes=notes
    )
    agreement.full_clean()
    built = [_local_party(agreement, **p) for p in parties]
    links = []
    for p in partners:
        signed_on, signed_year = _check_signature(
            p.get("signed_on"), p.get("signed_year"), "partner_signed_on"
        )
        town = find_or_create_town(
            actor=actor, name=p["name"], country=p["country"], region=p.get("region", "")
        )
        links.append(AgreementPartner(town=town, signed_on=signed_on, signed_year=signed_year))
    _check_not_duplicated(
        agreement, [p.commune for p in built if p.commune_id], [link.town for link in links]
    )
    # Title and flags before the first save: the history starts with the whole record.
    agreement.title = importer.make_title(
        [p.label for p in built], [f"{x.town.name} ({x.town.country.name})" for x in links]
    )
    _flag_outside(agreement, [p.commune for p in built if p.commune_id])
    history.save(agreement, actor)
    for party in built:
        party.agreement = agreement
        history.save(party, actor)
    for link in links:
        link.agreement = agreement
        history.save(link, actor)
    for source in sources:
        history.save(Source(agreement=agreement, **source), actor)
    return agreement


@transaction.atomic
def update_agreement(agreement, *, actor, **changes):
    allowed = {"kind", "status", "committee", "contact", "notes", "upcoming_projects"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"Champ(s) non modifiable(s) ici : {', '.join(sorted(unknown))}.")
    for name, value in changes.items():
        setattr(agreement, name, value)
    _check_contact(agreement.committee, agreement.contact)
    return history.save(agreement, actor)


@transaction.atomic
def add_local_party(agreement, *, actor, **fields):
    party = _local_party(agreement, **fields)
    if party.commune_id:
        if agreement.local_parties.filter(commune_id=party.commune_id).exists():
            raise ValidationError({"commune": f"{party.commune} est déjà partie à ce jumelage."})
        towns = [link.town for link in agreement.partners.select_related("town")]
        _check_not_duplicated(agreement, [party.commune], towns)
    history.save(party, actor)
    _flag_outside(agreement, [party.commune] if party.commune_id else [])
    refresh(agreement, actor)
    return party


@transaction.atomic
def remove_local_party(party, *, actor):
    agreement = party.agreement
    if agreement.local_parties.count() <= 1:
        raise ValidationError("Un jumelage garde au moins une partie locale.")
    history.delete(party, actor)
    refresh(agreement, actor)


@transaction.atomic
def update_local_party_contact(
    party, *, actor, contact_name="", contact_email="", contact_phone=""
):
    party.contact_name, party.contact_email, party.contact_phone = (
        contact_name, contact_email, contact_phone,
    )  # fmt: skip
    return history.save(party, actor)


@transaction.atomic
def add_partner(agreement, *, actor, name, country, region="", signed_on=None, signed_year=None):
    signed_on, signed_year = _check_signature(signed_on, signed_year, "signed_on")
    town = find_or_create_town(actor=actor, name=name, country=country, region=region)
    if agreement.partners.filter(town=town).exists():
        raise ValidationError({"name": f"{town} est déjà partenaire de ce jumelage."})
    communes = [
        p.commune for p in agreement.local_parties.select_related("commune") if p.commune_id
    ]
    _check_not_duplicated(agreement, communes, [town])
    link = history.save(
        AgreementPartner(
            agreement=agreement, town=town, signed_on=signed_on, signed_year=signed_year
        ),
        actor,
    )
    refresh(agreement, actor)
    return link


@transaction.atomic
def remove_partner(link, *, actor):
    agreement = link.agreement
    if agreement.partners.count() <= 1:
        raise ValidationError("Un jumelage garde au moins une ville partenaire.")
    history.delete(link, actor)
    refresh(agreement, actor)


@transaction.atomic
def record_verification(agreement, *, actor, status, verified_on=None, note=""):
    """A person of the network checked the agreement (phone call, town hall…)."""
    if status not in AgreementStatus.values:
        raise ValidationError({"status": f"Statut « {status} » inconnu."})
    verified_on = verified_on or timezone.localdate()
    if verified_on > timezone.localdate():
        raise ValidationError({"verified_on": "La date de vérification est dans le futur."})
    agreement.status = status
    agreement.verified_on = verified_on
    agreement.verified_by = actor
    agreement.verified_by_name = ""
    return history.save(agreement, actor, reason=note or "Vérification")


@transaction.atomic
def mark_reviewed(agreement, *, actor, note=""):
    """A person checked the points an import raised: the flags are cleared (kept in history)."""
    if not agreement.needs_review:
        raise ValidationError("Ce jumelage n'a pas de point à vérifier.")
    done = "; ".join(f["detail"] for f in agreement.review_flags)
    agreement.review_flags = []
    agreement.needs_review = False
    return history.save(agreement, actor, reason=(note or "Points vérifiés") + f" ({done})"[:90])


@transaction.atomic
def add_source(agreement, *, actor, url="", note=""):
    if not (url or note):
        raise ValidationError("Indiquez un lien ou une note.")
    return history.save(Source(agreement=agreement, url=url, note=note), actor)


# Imports ------------------------------------------------------------------


@transaction.atomic
def upload_import(*, actor, content: bytes, filename: str, encoding="utf-8"):
    """Keeps the file and guesses the column mapping; rejects a file that cannot be read."""
    try:
        headers = importer.read_headers(content, filename, encoding)
    except FileRejected as error:
        raise ValidationError({"file": str(error)}) from None
    batch = ImportBatch(
        filename=filename, content=content, checksum=hashlib.sha256(content).hexdigest(),
        encoding=encoding, mapping=importer.guess_mapping(headers), uploaded_by=actor,
    )  # fmt: skip
    return history.save(batch, actor)


def batch_headers(batch):
    return importer.read_headers(bytes(batch.content), batch.filename, batch.encoding)


@transaction.atomic
def set_import_mapping(batch, *, actor, mapping, skip_foreign=False, source_label=""):
    if batch.status == ImportStatus.IMPORTED:
        raise ValidationError("Ce fichier a déjà été importé.")
    mapping = {k: v for k, v in mapping.items() if v}
    errors = importer.check_mapping(mapping, batch_headers(batch))
    if errors:
        raise ValidationError(errors)
    batch.mapping = mapping
    batch.options = {"skip_foreign": bool(skip_foreign), "source_label": source_label}
    batch.status = ImportStatus.UPLOADED
    return history.save(batch, actor)


@dataclass
class ImportResult:
    summary: dict
    rows: list  # importer.RowReport
    written: bool
    batch: ImportBatch | None = None

    @property
    def errors(self):
        return [r for r in self.rows if r.outcome == "error"]


@transaction.atomic
def import_agreements(batch, *, actor, dry_run=False):
    """Checks every row, then writes all of them or none (one transaction).
    The batch keeps the row-by-row report either way."""
    with gc_paused():
        return _import_agreements(batch, actor=actor, dry_run=dry_run)


IMPORT_LOCK = 62_119_001  # PostgreSQL advisory lock: one writing import at a time


def _import_agreements(batch, *, actor, dry_run):
    if not dry_run:
        # A writing import plans against the register, then writes: two at once would both
        # plan a town new to each, or the same file twice. The second waits for the first,
        # then plans against what it wrote (SQLite has one writer at a time anyway).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == ImportStatus.IMPORTED:
        raise ValidationError("Ce fichier a déjà été importé.")
    errors = importer.check_mapping(batch.mapping, batch_headers(batch))
    if errors:
        raise ValidationError(errors)
    try:
        table = importer.read_mapped(
            bytes(batch.content), batch.filename, batch.mapping, batch.encoding
        )
    except FileRejected as error:
        raise ValidationError(str(error)) from None
    context = importer.Context()
    plan = importer.plan(
        table,
        skip_foreign=batch.options.get("skip_foreign", False),
        source_label=batch.options.get("source_label", "") or batch.filename,
        context=context,
    )
    written = not dry_run and not plan.has_errors
    if written:
        try:
            with transaction.atomic():
                importer.apply(
                    plan,
                    actor=actor,
                    batch=batch,
                    context=context,
                    reason=f"Import {batch.filename}",
                )
        except IntegrityError:
            # A town or a pair recorded on a screen while the file was being written.
            raise ValidationError(
                "Le répertoire a changé pendant l'import (une ville ou un jumelage vient "
                "d'être enregistré) : rien n'a été enregistré, relancez l'essai à blanc."
            ) from None
        batch.status = ImportStatus.IMPORTED
        batch.imported_at = timezone.now()
    else:
        batch.status = ImportStatus.UPLOADED if plan.has_errors else ImportStatus.CHECKED
    batch.summary = {**plan.summary(), "dry_run": dry_run}
    # Pairs with no French town are only counted: a world list has tens of thousands.
    batch.report = [r.as_dict() for r in plan.rows if not r.foreign]
    history.save(batch, actor, reason="Essai à blanc" if dry_run else "Import")
    return ImportResult(summary=batch.summary, rows=plan.rows, written=written, batch=batch)


def import_file(content, filename, *, actor, mapping=None, dry_run=False, skip_foreign=False,
                source_label="", encoding="utf-8"):  # fmt: skip
    """Upload, map (guessed unless given) and import in one call: commands and loaders.
    A dry run or a refused file leaves no trace."""
    with transaction.atomic():
        batch = upload_import(actor=actor, content=content, filename=filename, encoding=encoding)
        if mapping is not None:
            batch.mapping = {k: v for k, v in mapping.items() if v}
        set_import_mapping(
            batch, actor=actor, mapping=batch.mapping, skip_foreign=skip_foreign,
            source_label=source_label,
        )  # fmt: skip
        result = import_agreements(batch, actor=actor, dry_run=dry_run)
        if not result.written:
            transaction.set_rollback(True)
            result.batch = None
    return result


def stale_since(months, today=None):
    """The day N months ago (same day of month, clamped)."""
    today = today or timezone.localdate()
    month = today.month - months
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for day in range(today.day, 27, -1):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return dt.date(year, month, min(today.day, 28))


# Conflicts ------------------------------------------------------------------


def _signature_of(proposed):
    day = proposed.get("day")
    return (dt.date.fromisoformat(day) if day else None, proposed.get("year"),
            proposed.get("note", ""))  # fmt: skip


@transaction.atomic
def decide_conflict(conflict_pk, *, actor, decision):
    """A person decides a conflict: keep the recorded value, replace it, or (for two
    signature dates) keep both as the two sides' dates. The conflict row is locked:
    a second decision, even at the same moment, is refused with who decided."""
    from ouverture.core.formats import format_date
    from ouverture.organisations.models import Organisation
    from ouverture.twinnings.enums import ConflictDecision, ConflictField, ContactOrigin
    from ouverture.twinnings.models import Conflict, StatusChange

    # No join with the decider: on PostgreSQL a row re-read after waiting on the lock
    # comes back with its joined rows empty, and the refusal would not say who decided.
    conflict = Conflict.objects.select_for_update().filter(pk=conflict_pk).first()
    if conflict is None:
        raise ValidationError("Ce conflit n'existe plus.")
    if conflict.decided_at is not None:
        who = conflict.decided_by or "quelqu'un d'autre"
        raise ValidationError(
            f"Ce conflit a déjà été décidé par {who} le "
            f"{format_date(timezone.localtime(conflict.decided_at))} "
            f"(« {conflict.get_decision_display()} ») : rechargez la page."
        )
    if decision not in ConflictDecision.values:
        raise ValidationError({"decision": f"Décision « {decision} » inconnue."})
    if decision == ConflictDecision.BOTH and not (
        conflict.field in (ConflictField.LOCAL_SIGNED, ConflictField.PARTNER_SIGNED)
        and conflict.local_party_id
        and conflict.partner_id
    ):
        raise ValidationError(
            {"decision": "« Garder les deux dates » ne vaut que pour deux dates de signature."}
        )
    agreement = Agreement.objects.select_for_update().get(pk=conflict.agreement_id)
    reason = f"Conflit n°{conflict.pk} ({conflict.get_field_display()}) : "
    reason += ConflictDecision(decision).label.lower()
    p = conflict.proposed
    if decision != ConflictDecision.KEEP:
        field = conflict.field
        if field == ConflictField.STATUS:
            previous = agreement.status
            agreement.status, agreement.status_note = p["status"], p.get("note", "")[:300]
            history.save(agreement, actor, reason=reason[:100],
                         update_fields=["status", "status_note", "updated_at"])  # fmt: skip
            StatusChange.objects.create(
                agreement=agreement, status=p["status"], note=p.get("note", "")[:300],
                previous=previous, origin=conflict.origin, import_batch=conflict.import_batch,
                line=conflict.line, recorded_on=timezone.localdate(),
            )  # fmt: skip
        elif field == ConflictField.KIND:
            agreement.kind = p["kind"]
            history.save(
                agreement, actor, reason=reason[:100], update_fields=["kind", "updated_at"]
            )
        elif field in (ConflictField.LOCAL_SIGNED, ConflictField.PARTNER_SIGNED):
            day, year, note = _signature_of(p)
            local = field == ConflictField.LOCAL_SIGNED
            if decision == ConflictDecision.BOTH:
                local = not local  # the proposed date goes to the other side
            target = (
                LocalParty.objects.select_for_update().get(pk=conflict.local_party_id)
                if local
                else AgreementPartner.objects.select_for_update().get(pk=conflict.partner_id)
            )
            target.signed_on, target.signed_year, target.signed_note = day, year, note
            history.save(target, actor, reason=reason[:100],
                         update_fields=["signed_on", "signed_year", "signed_note"])  # fmt: skip
        elif field == ConflictField.FORMER_NAME:
            party = LocalParty.objects.select_for_update().get(pk=conflict.local_party_id)
            party.former_name = p["former_name"][:150]
            history.save(party, actor, reason=reason[:100], update_fields=["former_name"])
        elif field == ConflictField.COMMITTEE:
            key = normalize_name(p["committee"])
            committee = Organisation.objects.filter(search_name=key).first()
            if committee is None:
                from ouverture.organisations.enums import LegalKind, ProjectTypeCode
                from ouverture.organisations.services import create_organisation

                committee = create_organisation(
                    actor=actor, name=p["committee"], legal_kind=LegalKind.TWINNING_COMMITTEE,
                    project_types=[ProjectTypeCode.TWINNING],
                )  # fmt: skip
            agreement.committee, agreement.contact = committee, None
            history.save(agreement, actor, reason=reason[:100],
                         update_fields=["committee", "contact", "updated_at"])  # fmt: skip
        elif field == ConflictField.CONTACT:
            if p.get("committee") and agreement.committee_id:
                from ouverture.organisations.services import add_contact

                agreement.contact = add_contact(
                    agreement.committee, actor=actor,
                    name=p.get("contact_name") or p.get("contact_email", ""),
                    email=p.get("contact_email", ""), phone=p.get("contact_phone", ""),
                )  # fmt: skip
                history.save(agreement, actor, reason=reason[:100],
                             update_fields=["contact", "updated_at"])  # fmt: skip
            else:
                party = LocalParty.objects.select_for_update().get(pk=conflict.local_party_id)
                party.contact_name = p.get("contact_name", "")
                party.contact_email = p.get("contact_email", "")
                party.contact_phone = p.get("contact_phone", "")
                party.contact_origin = ContactOrigin.FILE
                history.save(party, actor, reason=reason[:100], update_fields=[
                    "contact_name", "contact_email", "contact_phone", "contact_origin"])  # fmt: skip
    conflict.decision = decision
    conflict.decided_at = timezone.now()
    conflict.decided_by = actor
    history.save(conflict, actor, reason=reason[:100],
                 update_fields=["decision", "decided_at", "decided_by"])  # fmt: skip
    return conflict


# Merging two agreements -------------------------------------------------------


@transaction.atomic
def merge_agreements(survivor, absorbed, *, actor):
    """One agreement signed by several parties recorded twice (two communes sharing
    one partner): the parties, partners, sources, conflicts and links of `absorbed`
    move to `survivor`; links sent for `absorbed` reach `survivor`."""
    from ouverture.twinnings.models import AgreementRedirect, Conflict, Invitation, StatusChange

    if survivor.pk == absorbed.pk:
        raise ValidationError("Choisissez deux jumelages différents.")
    survivor = Agreement.objects.select_for_update().get(pk=survivor.pk)
    absorbed = Agreement.objects.select_for_update().get(pk=absorbed.pk)
    keys = {(p.kind, p.commune_id, p.epci_siren, p.departement_id, p.region_code)
            for p in survivor.local_parties.all()}  # fmt: skip
    for party in absorbed.local_parties.all():
        if (party.kind, party.commune_id, party.epci_siren, party.departement_id,
                party.region_code) not in keys:  # fmt: skip
            party.agreement = survivor
            history.save(party, actor, reason=f"Fusion du jumelage n°{absorbed.pk}")
    towns = set(survivor.partners.values_list("town_id", flat=True))
    for link in absorbed.partners.all():
        if link.town_id not in towns:
            link.agreement = survivor
            history.save(link, actor, reason=f"Fusion du jumelage n°{absorbed.pk}")
    for model in (Source, Conflict, StatusChange, Invitation):
        model.objects.filter(agreement=absorbed).update(agreement=survivor)
    AgreementRedirect.objects.filter(agreement=absorbed).update(agreement=survivor)
    AgreementRedirect.objects.create(old_id=absorbed.pk, agreement=survivor)
    if absorbed.notes:
        survivor.notes = "\n".join(x for x in (survivor.notes, absorbed.notes) if x)
    old = absorbed.pk
    history.delete(absorbed, actor, reason=f"Fusionné dans le jumelage n°{survivor.pk}")
    return refresh(survivor, actor, reason=f"Fusion du jumelage n°{old}")


def surviving_id(agreement_pk):
    """The agreement an old number now designates (itself, or the one it was merged into)."""
    from ouverture.twinnings.models import AgreementRedirect

    redirect = AgreementRedirect.objects.filter(old_id=agreement_pk).first()
    return redirect.agreement_id if redirect else agreement_pk


# Value mappings ---------------------------------------------------------------


@transaction.atomic
def set_value_mapping(*, actor, raw, value, field="status"):
    """Remembers which status a text no status word explains stands for."""
    from ouverture.twinnings.models import ValueMapping

    raw = " ".join((raw or "").split())
    if not raw:
        raise ValidationError({"raw": "Indiquez la valeur écrite dans le fichier."})
    if field != "status":
        raise ValidationError({"field": f"Champ « {field} » sans correspondance de valeurs."})
    if value not in AgreementStatus.values:
        allowed = ", ".join(f"« {v} » ({label})" for v, label in AgreementStatus.choices)
        raise ValidationError(
            {"value": f"Le statut « {value} » n'existe pas : choisissez parmi {allowed}."}
        )
    key = normalize_name(raw)
    mapping = ValueMapping.objects.select_for_update().filter(field=field, key=key).first()
    if mapping is None:
        mapping = ValueMapping(field=field, key=key, raw=raw[:300], created_by=actor)
    mapping.value = value
    return history.save(mapping, actor, reason=f"« {raw} » = {value}"[:100])
