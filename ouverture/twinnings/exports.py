"""Exports for the funder: active agreements with their contacts (XLSX) and the
mailing list for the next twinning call (CSV). Views and commands build the same
tables; `core.tables` renders them."""

from ouverture.core.tables import Column, Table
from ouverture.core.wording import plural
from ouverture.twinnings.enums import AgreementStatus
from ouverture.twinnings.models import Agreement


def _contact(agreement):
    """The committee's contact first, else the first local party with a contact."""
    if agreement.contact_id:
        c = agreement.contact
        return c.name, c.email, c.phone
    if agreement.committee_id and agreement.committee.email:
        return str(agreement.committee), agreement.committee.email, agreement.committee.phone
    for party in agreement.local_parties.all():
        if party.contact_name or party.contact_email:
            return party.contact_name, party.contact_email, party.contact_phone
    return "", "", ""


def active_agreements(qs=None) -> Table:
    qs = (qs if qs is not None else Agreement.objects.all()).active().with_list_data()
    table = Table(
        title="Jumelages actifs",
        columns=[
            Column("commune", "Partie(s) locale(s)"),
            Column("code", "Code INSEE"),
            Column("epci", "Intercommunalité"),
            Column("former_name", "Ancien nom"),
            Column("partner", "Ville(s) partenaire(s)"),
            Column("country", "Pays"),
            Column("kind", "Nature"),
            Column("signed", "Signature"),
            Column("committee", "Comité de jumelage"),
            Column("contact", "Contact"),
            Column("email", "E-mail"),
            Column("phone", "Téléphone"),
            Column("verified_on", "Dernière vérification", "date"),
            Column("verified_by", "Vérifié par"),
        ],
    )
    for a in qs.order_by("search_title", "pk"):
        parties = list(a.local_parties.all())
        partners = list(a.partners.all())
        name, email, phone = _contact(a)
        table.add(
            commune=", ".join(p.label for p in parties),
            code=", ".join(p.commune.code for p in parties if p.commune_id),
            epci=", ".join(sorted({p.epci_label for p in parties if p.epci_label})),
            former_name=", ".join(p.former_name for p in parties if p.former_name),
            partner=", ".join(link.town.name for link in partners),
            country=", ".join(sorted({link.town.country.name for link in partners})),
            kind=a.get_kind_display(),
            signed=", ".join(
                s for s in [p.signature for p in parties] + [x.signature for x in partners] if s
            ),
            committee=str(a.committee) if a.committee_id else "",
            contact=name,
            email=email,
            phone=phone,
            verified_on=a.verified_on,
            verified_by=a.verified_by_label,
        )
    table.notes.append(f"{len(table.rows)} {plural('jumelage actif', len(table.rows))}.")
    return table


# Not ended: a dormant twinning is the one a call may revive, and one whose status
# is unknown (the shipped register, before any verification) may be alive.
MAILING_STATUSES = [AgreementStatus.ACTIVE, AgreementStatus.DORMANT, AgreementStatus.UNKNOWN]


def mailing_list(qs=None):
    """One line per address for the next twinning call: agreements not ended
    (active, dormant, unknown). Returns the table and the agreements that have no
    address."""
    qs = (qs if qs is not None else Agreement.objects.all()).filter(status__in=MAILING_STATUSES)
    table = Table(
        title="Diffusion appel à projets jumelages",
        columns=[
            Column("email", "E-mail"),
            Column("name", "Destinataire"),
            Column("organisation", "Comité ou commune"),
            Column("phone", "Téléphone"),
            Column("agreements", "Jumelages"),
            Column("statuses", "Statuts"),
        ],
    )
    lines, missing = {}, []
    for a in qs.with_list_data().order_by("search_title", "pk"):
        name, email, phone = _contact(a)
        if not email:
            missing.append(a)
            continue
        organisation = (
            str(a.committee)
            if a.committee_id
            else ", ".join(p.label for p in a.local_parties.all())
        )
        line = lines.setdefault(
            email.lower(),
            {"email": email, "name": name, "organisation": organisation, "phone": phone,
             "agreements": [], "statuses": set()},
        )  # fmt: skip
        line["agreements"].append(str(a))
        line["statuses"].add(a.get_status_display())
    for line in sorted(lines.values(), key=lambda x: x["email"].lower()):
        table.add(**{**line, "agreements": "; ".join(line["agreements"]),
                     "statuses": ", ".join(sorted(line["statuses"]))})  # fmt: skip
    return table, missing
