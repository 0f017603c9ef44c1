"""A row (or a campaign answer) about a pair the register already knows, compared
field by field: what it adds is applied, what contradicts becomes a `Conflict` a
person decides, what it repeats is ignored; the row report says which and why.

- Status: an unknown status takes the row's; the same status is ignored; another
  one is a conflict. Every status a row gives is kept as a `StatusChange` with its
  source, applied or not.
- Signatures: a missing date is added; a year alone is made precise by a full date
  of the same year; another date is a conflict (keep, replace, or keep both as the
  two sides' dates).
- Former name, committee, contact, nature: added when missing, a conflict when different.
- Sources: added unless the same link and note are already there.
The same conflict (same field, same proposed value) is never raised twice: a
second import of the same file changes nothing and says so.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from ouverture.twinnings.enums import AgreementStatus, ConflictField, ContactOrigin, PartyKind
from ouverture.twinnings.models import signature_display
from ouverture.twinnings.names import name_key

STATUS_LABELS = dict(AgreementStatus.choices)


@dataclass
class PendingStatus:
    status: str
    note: str
    previous: str
    source: tuple  # (line, url, note)
    applied: bool = True


@dataclass
class PendingConflict:
    field: str
    current_label: str
    proposed_label: str
    proposed: dict
    line: int
    party_id: int | None = None
    link_id: int | None = None


def _sig_label(day, year, note=""):
    text = signature_display(day, year)
    return f"{text} ({note})" if note and text else text


def _sig_json(sig):
    return {"day": sig.day.isoformat() if sig.day else None, "year": sig.year, "note": sig.note}


def compare_signature(current, sig):
    """current: (day, year, note); sig: names.Signature. -> 'ignore', 'add', 'refine', 'conflict'."""
    day, year, _note = current
    if sig is None:
        return "none"
    if not year:
        return "add"
    if (day, year) == (sig.day, sig.year):
        return "ignore"
    if day is None and sig.day is not None and sig.year == year:
        return "refine"
    if sig.day is None and sig.year == year:
        return "ignore"  # a year alone says less than the date we have
    return "conflict"


class Snapshots:
    """What the register holds about the agreements a file touches, loaded on first use
    (a fixed number of queries), and kept up to date as the rows are planned."""

    def __init__(self):
        self.data = None

    def get(self, agreement_id):
        if self.data is None:
            self._load()
        return self.data[agreement_id]

    def _load(self):
        from ouverture.twinnings.importer import party_key
        from ouverture.twinnings.models import (
            Agreement,
            AgreementPartner,
            Conflict,
            LocalParty,
            Source,
        )

        self.data = {}
        for pk, status, note, kind, committee_id, committee, contact_email in (
            Agreement.objects.values_list(
                "id", "status", "status_note", "kind", "committee_id", "committee__name",
                "contact__email",
            )
        ):  # fmt: skip
            self.data[pk] = {
                "status": status, "status_note": note, "kind": kind,
                "committee_id": committee_id, "committee": committee or "",
                "contact_email": contact_email or "", "parties": {}, "partners": {},
                "sources": set(), "conflicts": set(),
            }  # fmt: skip
        for row in LocalParty.objects.values(
            "id", "agreement_id", "kind", "commune_id", "epci_siren", "departement_id",
            "region_code", "former_name", "signed_on", "signed_year", "signed_note",
            "contact_name", "contact_email", "contact_phone",
        ):  # fmt: skip
            key = party_key(row["kind"], row["commune_id"], row["epci_siren"],
                            row["departement_id"], row["region_code"])  # fmt: skip
            self.data[row["agreement_id"]]["parties"][key] = row
        for row in AgreementPartner.objects.values(
            "id", "agreement_id", "town_id", "signed_on", "signed_year", "signed_note"
        ):
            self.data[row["agreement_id"]]["partners"][row["town_id"]] = row
        for agreement_id, url, note in Source.objects.values_list("agreement_id", "url", "note"):
            self.data[agreement_id]["sources"].add((url, note))
        for agreement_id, field_, label in Conflict.objects.values_list(
            "agreement_id", "field", "proposed_label"
        ):
            self.data[agreement_id]["conflicts"].add((field_, label))


@dataclass
class Updates:
    agreements: dict = field(default_factory=dict)  # id -> {field: value}
    parties: dict = field(default_factory=dict)
    partners: dict = field(default_factory=dict)
    committees: dict = field(default_factory=dict)  # agreement id -> committee name
    contacts: dict = field(default_factory=dict)  # agreement id -> contact dict (committee)
    status_changes: list = field(default_factory=list)  # (agreement id, PendingStatus)
    conflicts: list = field(default_factory=list)  # (agreement id, PendingConflict)
    sources: list = field(default_factory=list)  # (agreement id, line, url, note)
    new_parties: list = field(default_factory=list)  # (agreement id, PartyMatch)
    town_aliases: dict = field(default_factory=dict)  # town id -> [names]


def _conflict(updates, snap, agreement_id, report, pending):
    key = (pending.field, pending.proposed_label[:300])
    label = ConflictField(pending.field).label
    if key in snap["conflicts"]:
        report.ignored.append(
            f"{label} « {pending.proposed_label} » : conflit déjà relevé (décidé ou en attente)."
        )
        return
    snap["conflicts"].add(key)
    updates.conflicts.append((agreement_id, pending))
    report.conflicts.append(
        f"{label} : « {pending.current_label} » enregistré, « {pending.proposed_label} » proposé."
    )


def merge_into_existing(updates, ctx, agreement_id, parties, town_id, facts, report):
    snap = ctx.snapshots.get(agreement_id)
    line = facts.line
    # Status
    if facts.status and facts.status != AgreementStatus.UNKNOWN:
        current = snap["status"]
        label = STATUS_LABELS[facts.status]
        if current == facts.status:
            report.ignored.append(f"statut « {label} » : déjà enregistré.")
            if facts.status_note and not snap["status_note"]:
                updates.agreements.setdefault(agreement_id, {})["status_note"] = facts.status_note
                snap["status_note"] = facts.status_note
                report.added.append(f"précision du statut : « {facts.status_note} »")
        elif current == AgreementStatus.UNKNOWN:
            changes = updates.agreements.setdefault(agreement_id, {})
            changes["status"], changes["status_note"] = facts.status, facts.status_note
            updates.status_changes.append(
                (
                    agreement_id,
                    PendingStatus(facts.status, facts.status_note, current, facts.source),
                )
            )
            snap["status"], snap["status_note"] = facts.status, facts.status_note
            report.added.append(f"statut : {label}")
        else:
            proposed = f"{label} {facts.status_note}".strip()
            _conflict(updates, snap, agreement_id, report, PendingConflict(
                ConflictField.STATUS, f"{STATUS_LABELS[current]} {snap['status_note']}".strip(),
                proposed, {"status": facts.status, "note": facts.status_note}, line))  # fmt: skip
    elif facts.status == AgreementStatus.UNKNOWN:
        report.ignored.append("statut « inconnu » : n'apprend rien.")
    if facts.kind and facts.kind != snap["kind"]:
        from ouverture.twinnings.enums import AgreementKind

        labels = dict(AgreementKind.choices)
        _conflict(updates, snap, agreement_id, report, PendingConflict(
            ConflictField.KIND, labels[snap["kind"]], labels[facts.kind],
            {"kind": facts.kind}, line))  # fmt: skip
    # Local parties: the ones the row names; a party the agreement lacks joins it.
    link = snap["partners"].get(town_id)
    for p in parties:
        party = snap["parties"].get(p.key)
        if party is None:
            updates.new_parties.append((agreement_id, p, facts))
            snap["parties"][p.key] = {"id": None, "former_name": p.former_name,
                                      "signed_on": None, "signed_year": None, "signed_note": "",
                                      "contact_email": ""}  # fmt: skip
            report.added.append(f"partie locale : {p.label}")
            continue
        if party["id"] is None:
            continue
        _merge_signature(updates, snap, agreement_id, report, facts.signed_local, party, link,
                         ConflictField.LOCAL_SIGNED, updates.parties, line)  # fmt: skip
        former = facts.former_name if p is parties[0] else p.former_name
        if former:
            if not party["former_name"]:
                updates.parties.setdefault(party["id"], {})["former_name"] = former
                party["former_name"] = former
                report.added.append(f"ancien nom : {former}")
            elif name_key(former) == name_key(party["former_name"]):
                report.ignored.append(f"ancien nom « {former} » : déjà enregistré.")
            else:
                _conflict(updates, snap, agreement_id, report, PendingConflict(
                    ConflictField.FORMER_NAME, party["former_name"], former,
                    {"former_name": former}, line, party_id=party["id"]))  # fmt: skip
    if link is not None:
        first = snap["parties"].get(parties[0].key)
        _merge_signature(updates, snap, agreement_id, report, facts.signed_partner, link,
                         first if first and first.get("id") else None,
                         ConflictField.PARTNER_SIGNED, updates.partners, line)  # fmt: skip
    # Committee and contact
    if facts.committee:
        if not snap["committee"]:
            updates.committees[agreement_id] = facts.committee
            snap["committee"] = facts.committee
            report.added.append(f"comité : {facts.committee}")
        elif name_key(snap["committee"]) == name_key(facts.committee):
            report.ignored.append(f"comité « {facts.committee} » : déjà enregistré.")
        else:
            _conflict(updates, snap, agreement_id, report, PendingConflict(
                ConflictField.COMMITTEE, snap["committee"], facts.committee,
                {"committee": facts.committee}, line))  # fmt: skip
    email = facts.contact.get("contact_email", "")
    if email or facts.contact.get("contact_name"):
        _merge_contact(updates, snap, agreement_id, report, parties, facts)
    # Sources and other names of the town
    _line, url, note = facts.source
    if (url, note) in snap["sources"]:
        report.ignored.append("source : déjà enregistrée.")
    else:
        snap["sources"].add((url, note))
        updates.sources.append((agreement_id, *facts.source))
        report.added.append("source")
    if facts.aliases:
        name, aliases = ctx.town_names.get(town_id, ("", []))
        known = {name_key(n) for n in (name, *aliases)}
        new = [a for a in facts.aliases if name_key(a) not in known]
        if new:
            ctx.town_names[town_id] = (name, [*aliases, *new])
            updates.town_aliases[town_id] = [*aliases, *new]
            report.added.append(f"autre nom de {name} : {', '.join(new)}")


def _merge_signature(updates, snap, agreement_id, report, sig, target, other, field_, bucket,
                     line):  # fmt: skip
    if sig is None or target is None:
        return
    current = (target["signed_on"], target["signed_year"], target["signed_note"])
    verdict = compare_signature(current, sig)
    what = ConflictField(field_).label.lower()
    if verdict in ("add", "refine"):
        bucket.setdefault(target["id"], {}).update(
            signed_on=sig.day, signed_year=sig.year, signed_note=sig.note
        )
        target["signed_on"], target["signed_year"], target["signed_note"] = (
            sig.day, sig.year, sig.note,
        )  # fmt: skip
        report.added.append(f"{what} : {_sig_label(sig.day, sig.year, sig.note)}"
                            + (" (date précisée)" if verdict == "refine" else ""))  # fmt: skip
    elif verdict == "ignore":
        report.ignored.append(
            f"{what} « {_sig_label(sig.day, sig.year, sig.note)} » : déjà connue."
        )
    elif verdict == "conflict":
        pending = PendingConflict(field_, _sig_label(*current), _sig_label(sig.day, sig.year, sig.note),
                                  _sig_json(sig), line)  # fmt: skip
        if field_ == ConflictField.LOCAL_SIGNED:
            pending.party_id, pending.link_id = target["id"], other["id"] if other else None
        else:
            pending.link_id, pending.party_id = target["id"], other["id"] if other else None
        _conflict(updates, snap, agreement_id, report, pending)


def _merge_contact(updates, snap, agreement_id, report, parties, facts):
    contact = facts.contact
    email = contact.get("contact_email", "")
    label = " ".join(
        x for x in (contact.get("contact_name", ""), f"<{email}>" if email else "") if x
    )
    if snap["committee"]:
        current = snap["contact_email"]
        if not current:
            updates.contacts[agreement_id] = contact
            snap["contact_email"] = email or "?"
            report.added.append(f"contact du comité : {label}")
        elif email and current.lower() == email.lower():
            report.ignored.append(f"contact {label} : déjà enregistré.")
        else:
            _conflict(updates, snap, agreement_id, report, PendingConflict(
                ConflictField.CONTACT, current, label, {**contact, "committee": True},
                facts.line))  # fmt: skip
        return
    party = snap["parties"].get(parties[0].key)
    if party is None or party.get("id") is None:
        return
    current = party.get("contact_email", "")
    if not current:
        updates.parties.setdefault(party["id"], {}).update(
            contact_name=contact.get("contact_name", ""), contact_email=email,
            contact_phone=contact.get("contact_phone", ""), contact_origin=ContactOrigin.FILE,
        )  # fmt: skip
        party["contact_email"] = email or "?"
        report.added.append(f"contact : {label}")
    elif email and current.lower() == email.lower():
        report.ignored.append(f"contact {label} : déjà enregistré.")
    else:
        _conflict(updates, snap, agreement_id, report, PendingConflict(
            ConflictField.CONTACT, current, label, dict(contact), facts.line,
            party_id=party["id"]))  # fmt: skip


def merge_into_planned(target, facts, report):
    """A second row for a pair first read in the same file."""
    if facts.status and facts.status != AgreementStatus.UNKNOWN:
        if target.status == AgreementStatus.UNKNOWN:
            target.status, target.status_note = facts.status, facts.status_note
            target.status_changes.append(PendingStatus(facts.status, facts.status_note,
                                                       AgreementStatus.UNKNOWN, facts.source))  # fmt: skip
            report.added.append(f"statut : {STATUS_LABELS[facts.status]}")
        elif target.status == facts.status:
            report.ignored.append(
                f"statut « {STATUS_LABELS[facts.status]} » : déjà lu ligne {target.line}."
            )
        else:
            target.status_changes.append(PendingStatus(facts.status, facts.status_note,
                                                       target.status, facts.source, applied=False))  # fmt: skip
            target.conflicts.append(PendingConflict(
                ConflictField.STATUS, f"{STATUS_LABELS[target.status]} {target.status_note}".strip(),
                f"{STATUS_LABELS[facts.status]} {facts.status_note}".strip(),
                {"status": facts.status, "note": facts.status_note}, facts.line))  # fmt: skip
            report.conflicts.append(
                f"Statut : « {STATUS_LABELS[target.status]} » ligne {target.line}, "
                f"« {STATUS_LABELS[facts.status]} » ici."
            )
    for attr, field_ in (("signed_local", ConflictField.LOCAL_SIGNED),
                         ("signed_partner", ConflictField.PARTNER_SIGNED)):  # fmt: skip
        sig = getattr(facts, attr)
        current = (*getattr(target, attr), getattr(target, f"{attr}_note"))
        verdict = compare_signature(current, sig)
        what = ConflictField(field_).label.lower()
        if verdict in ("add", "refine"):
            setattr(target, attr, sig.as_pair())
            setattr(target, f"{attr}_note", sig.note)
            report.added.append(f"{what} : {_sig_label(sig.day, sig.year, sig.note)}")
        elif verdict == "ignore":
            report.ignored.append(f"{what} : déjà lue ligne {target.line}.")
        elif verdict == "conflict":
            target.conflicts.append(PendingConflict(
                field_, _sig_label(*current), _sig_label(sig.day, sig.year, sig.note),
                _sig_json(sig), facts.line))  # fmt: skip
            report.conflicts.append(
                f"{ConflictField(field_).label} : « {_sig_label(*current)} » ligne {target.line}, "
                f"« {_sig_label(sig.day, sig.year, sig.note)} » ici."
            )
    if facts.former_name and not target.former_name:
        target.former_name = facts.former_name
        report.added.append(f"ancien nom : {facts.former_name}")
    if facts.committee and not target.committee:
        target.committee = facts.committee
        report.added.append(f"comité : {facts.committee}")
    if facts.contact.get("contact_email") and not target.contact.get("contact_email"):
        target.contact = facts.contact
        report.added.append(f"contact : {facts.contact['contact_email']}")


def _origin(batch, line):
    return f"Import {batch.filename}, ligne {line}" if batch else f"Import, ligne {line}"


def write_planned_extras(plan_, agreements, first_party, link_of, *, batch, writer):
    """Status changes and conflicts of agreements created by this import (`agreements`:
    the rows written, with their ids; `first_party` and `link_of`: each one's first
    local party and partner link)."""
    from ouverture.twinnings.models import Conflict, StatusChange

    today = timezone.localdate()
    batch_id = batch.pk if batch is not None else None
    changes, conflicts = [], []
    for p, agreement in zip(plan_.planned, agreements, strict=True):
        agreement_id = agreement["id"]
        for s in p.status_changes:
            changes.append({
                "agreement_id": agreement_id, "status": str(s.status), "note": s.note[:300],
                "previous": str(s.previous), "applied": s.applied,
                "origin": _origin(batch, s.source[0]), "import_batch_id": batch_id,
                "line": s.source[0], "recorded_on": today})  # fmt: skip
        for c in p.conflicts:
            party, link = first_party.get(agreement_id), link_of.get(agreement_id)
            conflicts.append({
                "agreement_id": agreement_id, "field": str(c.field),
                "current_label": c.current_label[:300], "proposed_label": c.proposed_label[:300],
                "proposed": c.proposed, "local_party_id": party["id"] if party else None,
                "partner_id": link["id"] if link else None,
                "origin": _origin(batch, c.line), "import_batch_id": batch_id, "line": c.line})  # fmt: skip
    writer.create(StatusChange, changes, history=False)  # it is the history of statuses
    writer.create(Conflict, conflicts)


_PARTY_FIELDS = {ConflictField.LOCAL_SIGNED, ConflictField.FORMER_NAME, ConflictField.CONTACT}


def _bulk_update(model, changes, **history_args):
    if not changes:
        return
    objects = model.objects.in_bulk(list(changes))
    fields = sorted({f for values in changes.values() for f in values})
    for pk, values in changes.items():
        for name, value in values.items():
            setattr(objects[pk], name, value)
    extra = ["updated_at"] if model.__name__ == "Agreement" else []
    if extra:
        now = timezone.now()
        for obj in objects.values():
            obj.updated_at = now
    bulk_update_with_history(list(objects.values()), model, fields + extra, **history_args)


def write_updates(updates, *, actor, batch, reason, committees, contacts_cache, writer=None):
    """The additions to agreements already recorded, their status changes, conflicts,
    sources: a fixed number of queries (bulk updates by batches of Django's size, bare
    inserts), plus one per committee contact to find or create."""
    from ouverture.twinnings.bulk import Writer
    from ouverture.twinnings.importer import committee_contact, make_title
    from ouverture.twinnings.models import (
        Agreement,
        AgreementPartner,
        Conflict,
        LocalParty,
        PartnerTown,
        Source,
        StatusChange,
    )

    writer = writer or Writer(actor=actor, reason=reason)
    history_args = {"default_user": actor, "default_change_reason": reason}
    batch_id = batch.pk if batch is not None else None
    for agreement_id, name in updates.committees.items():
        committee_id = committees.get(name_key(name))
        updates.agreements.setdefault(agreement_id, {})["committee_id"] = committee_id
    if updates.contacts:
        recorded = dict(
            Agreement.objects.filter(pk__in=list(updates.contacts)).values_list(
                "id", "committee_id"
            )
        )
        for agreement_id, contact in updates.contacts.items():
            committee_id = updates.agreements.get(agreement_id, {}).get(
                "committee_id"
            ) or recorded.get(agreement_id)
            contact_id = committee_contact(committee_id, contact, actor, contacts_cache)
            if contact_id:
                updates.agreements.setdefault(agreement_id, {})["contact_id"] = contact_id
    _bulk_update(Agreement, updates.agreements, **history_args)
    _bulk_update(LocalParty, updates.parties, **history_args)
    _bulk_update(AgreementPartner, updates.partners, **history_args)
    _bulk_update(PartnerTown, {k: {"aliases": v} for k, v in updates.town_aliases.items()},
                 **history_args)  # fmt: skip
    if updates.new_parties:
        new = []
        for agreement_id, p, facts in updates.new_parties:
            sig = facts.signed_local
            new.append({
                "agreement_id": agreement_id, "kind": str(p.kind),
                "commune_id": p.commune.id if p.commune else None, "former_name": p.former_name,
                "epci_siren": p.epci_siren, "epci_name": p.epci_name,
                "departement_id": p.departement if p.kind == PartyKind.DEPARTEMENT else None,
                "region_code": p.region_code, "region_name": p.region_name,
                "signed_on": sig.day if sig else None, "signed_year": sig.year if sig else None,
                "signed_note": sig.note if sig else ""})  # fmt: skip
        writer.create(LocalParty, new)
        touched = {a for a, _p, _f in updates.new_parties}
        retitled = list(
            Agreement.objects.filter(pk__in=touched).prefetch_related(
                "local_parties__commune", "local_parties__departement", "partners__town__country"
            )
        )
        now = timezone.now()
        for agreement in retitled:
            agreement.title = make_title(
                [p.label for p in agreement.local_parties.all()],
                [f"{x.town.name} ({x.town.country.name})" for x in agreement.partners.all()],
            )
            agreement.search_title = name_key(agreement.title)
            agreement.updated_at = now
        bulk_update_with_history(retitled, Agreement, ["title", "search_title", "updated_at"],
                                 **history_args)  # fmt: skip
    today = timezone.localdate()
    writer.create(StatusChange, [
        {"agreement_id": a, "status": str(s.status), "note": s.note[:300],
         "previous": str(s.previous), "applied": s.applied,
         "origin": _origin(batch, s.source[0]), "import_batch_id": batch_id,
         "line": s.source[0], "recorded_on": today}
        for a, s in updates.status_changes
    ], history=False)  # fmt: skip
    writer.create(Conflict, [
        {"agreement_id": a, "field": str(c.field), "current_label": c.current_label[:300],
         "proposed_label": c.proposed_label[:300], "proposed": c.proposed,
         "local_party_id": c.party_id, "partner_id": c.link_id,
         "origin": _origin(batch, c.line), "import_batch_id": batch_id, "line": c.line}
        for a, c in updates.conflicts
    ])  # fmt: skip
    writer.create(Source, [
        {"agreement_id": a, "url": url, "note": note, "import_batch_id": batch_id, "line": line}
        for a, line, url, note in updates.sources
    ])  # fmt: skip
