"""Writing an import's plan: new towns, agreements, their parties, partners, sources,
status changes and conflicts, each table in one bulk insert with its history rows
(`bulk.Writer`: the acting user, the import's reason), then the updates of the
agreements already recorded (`merging.write_updates`).

The number of queries does not depend on the number of rows: a few per table
(reserve the keys, insert the rows, insert their history), plus one per new
committee or committee contact (created through the organisations service).
"""

from ouverture.twinnings.bulk import Writer
from ouverture.twinnings.enums import ContactOrigin, PartyKind, RowOutcome
from ouverture.twinnings.names import name_key
from ouverture.twinnings.stats import analyze_register


def _local_party(p, agreement_id, planned, contact):
    first = p is planned.parties[0]
    email = contact.get("contact_email", "") if first else ""
    return {
        "agreement_id": agreement_id, "kind": str(p.kind),
        "commune_id": p.commune.id if p.commune else None,
        "former_name": (planned.former_name if p.kind == PartyKind.COMMUNE and first
                        else p.former_name),
        "epci_siren": p.epci_siren, "epci_name": p.epci_name,
        "departement_id": p.departement if p.kind == PartyKind.DEPARTEMENT else None,
        "region_code": p.region_code, "region_name": p.region_name,
        "signed_on": planned.signed_local[0], "signed_year": planned.signed_local[1],
        "signed_note": planned.signed_local_note,
        "contact_name": contact.get("contact_name", "") if first else "",
        "contact_email": email,
        "contact_phone": contact.get("contact_phone", "") if first else "",
        "contact_origin": str(ContactOrigin.FILE) if email else "",
    }  # fmt: skip


def apply_plan(plan_, *, actor, batch, context, reason):
    from ouverture.twinnings import merging
    from ouverture.twinnings.importer import (
        PlannedTown,
        _committees,
        committee_contact,
        make_title,
    )
    from ouverture.twinnings.models import (
        Agreement,
        AgreementPartner,
        LocalParty,
        PartnerTown,
        Source,
    )

    assert not plan_.has_errors
    ctx = context
    writer = Writer(actor=actor, reason=reason)
    needs_committees = plan_.new_committees or any(p.committee for p in plan_.planned)
    needs_committees = needs_committees or (plan_.updates and plan_.updates.committees)
    committees = _committees(plan_, ctx, actor) if needs_committees else {}
    contacts_cache = {}
    batch_id = batch.pk if batch is not None else None

    new_towns = {}
    for p in plan_.planned:
        if isinstance(p.town, PlannedTown) and id(p.town) not in new_towns:
            t = p.town
            key = name_key(t.name)
            new_towns[id(t)] = {
                "name": t.name, "search_name": key, "country_id": t.country,
                "region": t.region, "region_key": name_key(t.region),
                "aliases": [a for a in t.aliases if name_key(a) != key],
            }  # fmt: skip
    writer.create(PartnerTown, list(new_towns.values()))

    country_names = ctx.countries.names
    agreements = []
    for p in plan_.planned:
        committee_id = committees.get(name_key(p.committee)) if p.committee else None
        contact_id = (
            committee_contact(committee_id, p.contact, actor, contacts_cache)
            if committee_id
            else None
        )
        town = new_towns.get(id(p.town))
        town_name = town["name"] if town else None
        if town_name is None:
            town_name = ctx.town_names.get(p.town, (p.partner_name, []))[0]
        title = make_title(
            [x.label for x in p.parties],
            [f"{town_name} ({country_names.get(p.country, p.country)})"],
        )
        agreements.append({
            "kind": str(p.kind), "status": str(p.status), "status_note": p.status_note[:300],
            "title": title, "search_title": name_key(title),
            "committee_id": committee_id, "contact_id": contact_id,
            "needs_review": bool(p.flags),
            "review_flags": [{"code": str(f), "detail": d} for f, d in p.flags.items()],
            "import_batch_id": batch_id,
        })  # fmt: skip
    writer.create(Agreement, agreements)

    parties, partners, sources = [], [], []
    first_party, link_of = {}, {}
    for p, agreement in zip(plan_.planned, agreements, strict=True):
        agreement_id = agreement["id"]
        p.report.agreement_id = agreement_id
        contact = {} if agreement["committee_id"] else p.contact
        own = [_local_party(x, agreement_id, p, contact) for x in p.parties]
        first_party[agreement_id] = own[0]
        parties.extend(own)
        town = new_towns.get(id(p.town))
        link = {
            "agreement_id": agreement_id, "town_id": town["id"] if town else p.town,
            "signed_on": p.signed_partner[0], "signed_year": p.signed_partner[1],
            "signed_note": p.signed_partner_note,
        }  # fmt: skip
        link_of[agreement_id] = link
        partners.append(link)
        for line, url, note in p.sources:
            sources.append({"agreement_id": agreement_id, "url": url, "note": note,
                            "import_batch_id": batch_id, "line": line})  # fmt: skip
    writer.create(LocalParty, parties)
    writer.create(AgreementPartner, partners)
    writer.create(Source, sources)
    merging.write_planned_extras(plan_, agreements, first_party, link_of, batch=batch,
                                 writer=writer)  # fmt: skip
    if plan_.updates is not None:
        merging.write_updates(
            plan_.updates, actor=actor, batch=batch, reason=reason, committees=committees,
            contacts_cache=contacts_cache, writer=writer,
        )  # fmt: skip
    if len(agreements) > 100:
        analyze_register()
    by_line = {p.line: p.report.agreement_id for p in plan_.planned}
    for row in plan_.rows:
        if row.outcome == RowOutcome.MERGED:
            row.agreement_id = by_line.get(row.target_line)
    return agreements
