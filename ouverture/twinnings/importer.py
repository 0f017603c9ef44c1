"""Importing lists of twinnings (CSV, TSV, XLSX): column mapping, a plan, bulk writes.

`plan()` reads every row against dictionaries loaded once (communes, countries,
partner towns, agreements already recorded) and returns a row-by-row report; it
writes nothing. `apply()` writes a plan without errors with a handful of bulk
inserts (history included). The service `services.import_agreements` runs both
in one transaction: all rows or none.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from ouverture.core.tabular import FileRejected, TableFile, read_table
from ouverture.geo.text import normalize_name
from ouverture.twinnings.enums import PartyKind, ReviewFlag, RowOutcome
from ouverture.twinnings.matching import (
    FRANCE,
    CommuneIndex,
    CountryIndex,
    parse_kind,
    parse_signature,
    parse_status,
)
from ouverture.twinnings.stats import analyze_register


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str
    aliases: tuple = ()
    help: str = ""


FIELDS = [
    ImportField("commune_code", "Code INSEE de la commune",
                ("code insee", "code_insee", "code_insee_62", "insee", "code commune", "cog"),
                "5 caractères, par exemple 62041 : évite toute confusion entre homonymes."),
    ImportField("commune_name", "Commune",
                ("commune", "nom de la commune", "ville", "ville française", "nom_source", "french town"),
                "Nom de la commune (accents, majuscules et tirets indifférents)."),
    ImportField("departement", "Département de la commune", ("departement", "dep", "code departement"),
                "Départage les communes homonymes quand le code INSEE manque."),
    ImportField("local_country", "Pays de la première ville", (),
                "Pour les listes de paires dans les deux sens : la ville française est prise du bon côté."),
    ImportField("partner_name", "Ville partenaire",
                ("ville partenaire", "partenaire", "partner_city", "partner", "twin town", "commune jumelle")),
    ImportField("partner_country", "Pays de la ville partenaire",
                ("pays", "pays partenaire", "partner_country", "partner_country_source", "country"),
                "En français, en anglais ou code ISO (« Allemagne », « Germany », « DE »)."),
    ImportField("partner_region", "Région ou État de la ville partenaire",
                ("region", "région partenaire", "state", "partner_region", "land", "province")),
    ImportField("kind", "Nature de l'accord", ("nature", "type d'accord", "kind"),
                "Jumelage (par défaut), coopération décentralisée ou pacte d'amitié."),
    ImportField("status", "Statut", ("statut", "status", "état du jumelage"),
                "Actif, en sommeil, terminé ou inconnu (par défaut)."),
    ImportField("signed_local", "Signature (commune)",
                ("date de signature", "signature", "date signature", "année de signature", "annee"),
                "Date (14/10/1965) ou année seule (1965)."),
    ImportField("signed_partner", "Signature (partenaire)",
                ("date de signature partenaire", "signature partenaire")),
    ImportField("former_name", "Ancien nom de la commune", ("ancien nom", "former name")),
    ImportField("committee", "Comité de jumelage", ("comité", "comité de jumelage", "committee")),
    ImportField("contact_name", "Contact", ("contact", "nom du contact")),
    ImportField("contact_email", "E-mail du contact", ("e-mail", "email", "courriel", "mail")),
    ImportField("contact_phone", "Téléphone du contact", ("téléphone", "telephone", "tél", "phone")),
    ImportField("source_url", "Lien (source)", ("lien", "url", "source")),
    ImportField("source_note", "Note (source)", ("note", "remarque", "commentaire", "listed_on_page_of")),
]  # fmt: skip
FIELDS_BY_KEY = {f.key: f for f in FIELDS}
REQUIRED = ("partner_name", "partner_country")
PARTNER_NAME_MAX = 150  # PartnerTown.name's max_length (a test keeps them equal)
MAX_BYTES = 10 * 1024 * 1024


def guess_mapping(headers):
    """key -> header for the headers whose normalised text is a known alias."""
    lookup = {}
    for f in FIELDS:
        for name in (f.label, *f.aliases):
            lookup.setdefault(normalize_name(name), f.key)
    mapping = {}
    for header in headers:
        key = lookup.get(normalize_name(header or ""))
        if key and key not in mapping:
            mapping[key] = header
    return mapping


def check_mapping(mapping, headers):
    """File-level errors of a mapping (French), empty when it can be used."""
    errors = []
    mapping = {k: v for k, v in mapping.items() if v}
    unknown = [k for k in mapping if k not in FIELDS_BY_KEY]
    if unknown:
        errors.append(f"Champ(s) inconnu(s) : {', '.join(unknown)}.")
    missing_headers = [h for h in mapping.values() if h not in headers]
    if missing_headers:
        errors.append(
            "Colonne(s) absente(s) du fichier : " + ", ".join(f"« {h} »" for h in missing_headers)
        )
    used = list(mapping.values())
    twice = sorted({h for h in used if used.count(h) > 1})
    if twice:
        errors.append(
            "Une colonne ne peut alimenter qu'un champ : "
            + ", ".join(f"« {h} »" for h in twice)
            + " est choisie plusieurs fois."
        )
    needed = [FIELDS_BY_KEY[k].label for k in REQUIRED if k not in mapping]
    if "commune_code" not in mapping and "commune_name" not in mapping:
        needed.insert(0, "Commune ou Code INSEE de la commune")
    if needed:
        found = ", ".join(f"« {h} »" for h in headers if h) or "aucune"
        errors.append(
            "Colonnes introuvables : "
            + "; ".join(f"« {n} »" for n in needed)
            + f". Colonnes du fichier : {found}. Choisissez la colonne qui correspond à chaque champ."
        )
    return errors


def read_headers(content, filename, encoding="utf-8"):
    """The file's column titles (for the mapping screen); FileRejected if unreadable.
    A text file is read from its first lines only: the whole file is read, line by
    line, by the dry run."""
    if len(content) > MAX_BYTES:
        raise FileRejected("Le fichier dépasse 10 Mo : découpez-le.")
    # The reader stops at the titles' line: no cut at a fixed size (a first row longer
    # than 64 KB was once taken for "titles only").
    table = read_table(content, filename, aliases={}, encoding=encoding, headers_only=True)
    return table.headers


def read_mapped(content, filename, mapping, encoding="utf-8") -> TableFile:
    """Rows keyed by our field keys, with line numbers, through core.tabular."""
    mapping = {k: v for k, v in mapping.items() if v}
    # Opaque keys so that a header that happens to read like a key is not taken by mistake.
    opaque = {f"ouvcol{i}": key for i, key in enumerate(mapping)}
    aliases = {o: [mapping[k]] for o, k in opaque.items()}
    table = read_table(content, filename, aliases=aliases, required=list(opaque), encoding=encoding)
    for row in table.rows:
        row.values = {opaque[o]: v for o, v in row.values.items()}
    table.columns = {opaque[o]: label for o, label in table.columns.items()}
    return table


@dataclass
class RowReport:
    line: int
    outcome: str = RowOutcome.CREATED
    commune: str = ""
    partner: str = ""
    country: str = ""
    messages: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    target_line: int | None = None  # the line this one was merged into
    agreement_id: int | None = None
    foreign: bool = False  # a pair with no French town, skipped on request

    def as_dict(self):
        return {
            "line": self.line,
            "outcome": self.outcome,
            "commune": self.commune,
            "partner": self.partner,
            "country": self.country,
            "messages": self.messages,
            "flags": self.flags,
            "target_line": self.target_line,
            "agreement_id": self.agreement_id,
        }


@dataclass
class Planned:
    """An agreement to create, from its first line and the lines merged into it."""

    line: int
    commune: object  # matching.CommuneRef
    former_name: str
    partner_name: str
    country: str
    region: str
    kind: str
    status: str
    signed_local: tuple
    signed_partner: tuple
    committee: str
    contact: dict
    flags: dict  # ReviewFlag -> detail
    sources: list  # [(line, url, note)]
    raw_country: str
    report: RowReport = None


@dataclass
class Plan:
    rows: list = field(default_factory=list)
    planned: list = field(default_factory=list)
    existing_sources: list = field(default_factory=list)  # [(agreement id, line, url, note)]
    new_committees: set = field(default_factory=set)

    @property
    def has_errors(self):
        return any(r.outcome == RowOutcome.ERROR for r in self.rows)

    def summary(self):
        counts = {o.value: 0 for o in RowOutcome}
        flagged_rows = {f.value: 0 for f in ReviewFlag}
        for row in self.rows:
            counts[row.outcome] += 1
            for flag in row.flags:
                flagged_rows[flag] += 1
        flagged_agreements = {f.value: 0 for f in ReviewFlag}
        for planned in self.planned:
            for flag in planned.flags:
                flagged_agreements[flag] += 1
        return {
            "rows": len(self.rows),
            **counts,
            "agreements": len(self.planned),
            "skipped_foreign": sum(1 for r in self.rows if r.foreign),
            "flagged_rows": flagged_rows,
            "flagged_agreements": flagged_agreements,
            "to_review": sum(1 for p in self.planned if p.flags),
            "new_committees": sorted(self.new_committees),
        }


class Context:
    """What plan() looks rows up in, loaded once."""

    def __init__(self):
        from ouverture.organisations.models import Organisation
        from ouverture.twinnings.models import AgreementPartner, LocalParty, PartnerTown

        self.communes = CommuneIndex.load()
        self.countries = CountryIndex.load()
        self.towns = {}
        self.towns_by_name = {}
        for pk, key, country, region_key in PartnerTown.objects.values_list(
            "id", "search_name", "country_id", "region_key"
        ):
            self.towns[(key, country, region_key)] = pk
            self.towns_by_name.setdefault((key, country), pk)
        # (commune id, town name key, country) -> agreement id
        communes_of = {}
        for agreement_id, commune_id in LocalParty.objects.filter(
            kind=PartyKind.COMMUNE
        ).values_list("agreement_id", "commune_id"):
            communes_of.setdefault(agreement_id, []).append(commune_id)
        self.pairs = {}
        for agreement_id, key, country in AgreementPartner.objects.values_list(
            "agreement_id", "town__search_name", "town__country_id"
        ):
            for commune_id in communes_of.get(agreement_id, []):
                self.pairs.setdefault((commune_id, key, country), agreement_id)
        self.organisations = {}
        for pk, name in Organisation.objects.values_list("id", "name"):
            self.organisations.setdefault(normalize_name(name), pk)
        self.departement = settings.OUVERTURE_DEPARTEMENT


_url = URLValidator()


def _check_optional(report, row, key, validator, message):
    value = row.values.get(key, "")
    if value:
        try:
            validator(value)
        except ValidationError:
            report.messages.append(message(value))
            return False
    return True


def _signature(report, row, key, table, today):
    try:
        return parse_signature(row.values.get(key, ""), today)
    except ValueError as error:
        report.messages.append(f"{table.columns.get(key, key)} : {error}")
        return (None, None)


def plan(table: TableFile, *, skip_foreign=False, source_label="", context=None) -> Plan:
    ctx = context or Context()
    today = timezone.localdate()
    result = Plan()
    planned_by_key = {}
    column = table.columns.get
    for row in table.rows:
        v = row.values
        report = RowReport(line=row.line)
        result.rows.append(report)
        if not any(v.values()):
            report.outcome = RowOutcome.SKIPPED
            report.messages.append("Ligne vide.")
            continue
        commune_name, commune_code = v.get("commune_name", ""), v.get("commune_code", "")
        partner_name, partner_country = v.get("partner_name", ""), v.get("partner_country", "")
        iso = ctx.countries.resolve(partner_country)
        if v.get("local_country"):
            local_iso = ctx.countries.resolve(v["local_country"])
            if local_iso != FRANCE:
                if iso == FRANCE and not commune_code:
                    # A list of pairs in both directions: our town is the second one.
                    commune_name, partner_name = partner_name, commune_name
                    partner_country, iso = v["local_country"], local_iso
                elif skip_foreign:
                    report.outcome = RowOutcome.SKIPPED
                    report.foreign = True
                    report.messages.append("Aucune des deux villes n'est en France : ignorée.")
                    continue
                else:
                    report.messages.append(
                        f"{column('local_country')} : aucune des deux villes n'est en France "
                        f"(« {v['local_country']} », « {partner_country} »)."
                    )
        report.partner, report.country = partner_name, partner_country
        match = ctx.communes.resolve(commune_code, commune_name, v.get("departement", ""))
        if match.error:
            report.messages.append(
                f"{column(match.column) or column('commune_name') or column('commune_code')} : {match.error}"
            )
        else:
            report.commune = f"{match.commune.name} ({match.commune.code})"
        if not partner_name:
            report.messages.append(
                f"{column('partner_name')} : le nom de la ville partenaire manque."
            )
        elif len(partner_name) > PARTNER_NAME_MAX:
            # Bounded here so the dry run refuses what the database would (PostgreSQL).
            report.messages.append(
                f"{column('partner_name')} : le nom compte {len(partner_name)} caractères, "
                f"au plus {PARTNER_NAME_MAX}. Raccourcissez-le."
            )
        if not partner_country:
            report.messages.append(f"{column('partner_country')} : le pays manque.")
        elif iso is None:
            report.messages.append(
                f"{column('partner_country')} : {ctx.countries.unknown_message(partner_country)}"
            )
        try:
            kind = parse_kind(v.get("kind", ""))
        except ValueError as error:
            report.messages.append(f"{column('kind')} : {error}")
        try:
            status = parse_status(v.get("status", ""))
        except ValueError as error:
            report.messages.append(f"{column('status')} : {error}")
        signed_local = _signature(report, row, "signed_local", table, today)
        signed_partner = _signature(report, row, "signed_partner", table, today)
        _check_optional(
            report, row, "contact_email", validate_email,
            lambda x: f"{column('contact_email')} : « {x} » n'est pas une adresse e-mail.",
        )  # fmt: skip
        _check_optional(
            report, row, "source_url", _url,
            lambda x: f"{column('source_url')} : « {x} » n'est pas un lien (https://…).",
        )  # fmt: skip
        if report.messages:
            report.outcome = RowOutcome.ERROR
            continue
        commune = match.commune
        flags = dict(match.flags)
        if iso == FRANCE:
            flags[ReviewFlag.PARTNER_IN_FRANCE] = (
                f"« {partner_name} » est en France : un jumelage se noue avec une ville étrangère."
            )
        if commune.departement_id != ctx.departement:
            flags[ReviewFlag.OUTSIDE_DEPARTEMENT] = (
                f"{commune.name} ({commune.code}) est hors du département {ctx.departement}."
            )
        former_name = v.get("former_name", "") or match.former_name
        note = " — ".join(x for x in (source_label, v.get("source_note", "")) if x)
        source = (row.line, v.get("source_url", ""), note)
        committee = v.get("committee", "")
        if committee and normalize_name(committee) not in ctx.organisations:
            result.new_committees.add(committee)
        key = (commune.id, normalize_name(partner_name), iso)
        report.flags = [str(f) for f in flags]
        if key in planned_by_key:
            target = planned_by_key[key]
            report.outcome = RowOutcome.MERGED
            report.target_line = target.line
            variants = f"« {target.partner_name}, {target.raw_country} » / « {partner_name}, {partner_country} »"
            target.flags[ReviewFlag.DUPLICATE] = (
                f"Relevé plusieurs fois (lignes {target.line} et {row.line} : {variants}) : fusionné."
            )
            for flag, detail in flags.items():
                target.flags.setdefault(flag, detail)
            target.sources.append(source)
            for attr, value in (("signed_local", signed_local), ("signed_partner", signed_partner)):
                current = getattr(target, attr)
                if value[1] and not current[1]:
                    setattr(target, attr, value)
                elif value[1] and current[1] and value != current:
                    target.flags[ReviewFlag.DATE_CONFLICT] = (
                        f"Dates de signature différentes selon les lignes {target.line} et {row.line}."
                    )
            report.flags = sorted(set(report.flags) | {ReviewFlag.DUPLICATE.value})
            report.messages.append(f"Même jumelage que la ligne {target.line} : fusionné.")
            continue
        existing = ctx.pairs.get(key)
        if existing:
            report.outcome = RowOutcome.EXISTING
            report.agreement_id = existing
            report.messages.append(f"Déjà enregistré (jumelage n°{existing}) : source ajoutée.")
            result.existing_sources.append((existing, *source))
            continue
        planned = Planned(
            line=row.line, commune=commune, former_name=former_name, partner_name=partner_name,
            country=iso, region=v.get("partner_region", ""), kind=kind, status=status,
            signed_local=signed_local, signed_partner=signed_partner, committee=committee,
            contact={k: v.get(k, "") for k in ("contact_name", "contact_email", "contact_phone")},
            flags=flags, sources=[source], raw_country=partner_country, report=report,
        )  # fmt: skip
        planned_by_key[key] = planned
        result.planned.append(planned)
    return result


def make_title(local_labels, partner_labels):
    """'Arras – Ipswich (Royaume-Uni)', several names joined by commas."""
    return f"{', '.join(local_labels)} – {', '.join(partner_labels)}"[:300]


def _committees(plan_, ctx, actor):
    """Organisation ids for the committee names (created through the organisations service)."""
    from ouverture.organisations.enums import LegalKind, ProjectTypeCode
    from ouverture.organisations.services import create_organisation

    ids = dict(ctx.organisations)
    for name in sorted(plan_.new_committees):
        key = normalize_name(name)
        if key not in ids:
            ids[key] = create_organisation(
                actor=actor,
                name=name,
                legal_kind=LegalKind.TWINNING_COMMITTEE,
                project_types=[ProjectTypeCode.TWINNING],
            ).pk
    return ids


def _committee_contact(organisation_id, contact, actor, cache):
    from ouverture.organisations.models import Contact, Organisation
    from ouverture.organisations.services import add_contact

    if not (contact["contact_name"] or contact["contact_email"]):
        return None
    key = (organisation_id, normalize_name(contact["contact_email"] or contact["contact_name"]))
    if key not in cache:
        existing = Contact.objects.filter(organisation_id=organisation_id)
        existing = (
            existing.filter(email__iexact=contact["contact_email"])
            if contact["contact_email"]
            else existing.filter(name__iexact=contact["contact_name"])
        ).first()
        cache[key] = existing or add_contact(
            Organisation.objects.get(pk=organisation_id),
            actor=actor,
            name=contact["contact_name"] or contact["contact_email"],
            email=contact["contact_email"],
            phone=contact["contact_phone"],
        )
    return cache[key].pk


def apply(plan_: Plan, *, actor, batch=None, context=None, reason="Import"):
    """Writes a plan without errors: bulk inserts with their history rows."""
    from ouverture.twinnings.models import (
        Agreement,
        AgreementPartner,
        LocalParty,
        PartnerTown,
        Source,
    )

    assert not plan_.has_errors
    ctx = context or Context()
    history_args = {"default_user": actor, "default_change_reason": reason}
    committees = (
        _committees(plan_, ctx, actor)
        if plan_.new_committees or any(p.committee for p in plan_.planned)
        else {}
    )
    contacts_cache = {}

    new_towns = {}
    town_keys = []
    for p in plan_.planned:
        name_key, region_key = normalize_name(p.partner_name), normalize_name(p.region)
        key = (name_key, p.country, region_key)
        town_id = ctx.towns.get(key) or (
            None if region_key else ctx.towns_by_name.get((name_key, p.country))
        )
        if town_id is None and key not in new_towns:
            new_towns[key] = PartnerTown(
                name=p.partner_name, search_name=name_key, country_id=p.country,
                region=p.region, region_key=region_key,
            )  # fmt: skip
        town_keys.append(town_id or key)
    if new_towns:
        bulk_create_with_history(list(new_towns.values()), PartnerTown, **history_args)

    country_names = ctx.countries.names
    agreements = []
    for p in plan_.planned:
        committee_id = committees.get(normalize_name(p.committee)) if p.committee else None
        contact_id = (
            _committee_contact(committee_id, p.contact, actor, contacts_cache)
            if committee_id
            else None
        )
        title = make_title(
            [p.commune.name], [f"{p.partner_name} ({country_names.get(p.country, p.country)})"]
        )
        agreements.append(
            Agreement(
                kind=p.kind,
                status=p.status,
                title=title,
                search_title=normalize_name(title),
                committee_id=committee_id,
                contact_id=contact_id,
                needs_review=bool(p.flags),
                review_flags=[{"code": str(f), "detail": d} for f, d in p.flags.items()],
                import_batch=batch,
            )  # fmt: skip
        )
    bulk_create_with_history(agreements, Agreement, **history_args)

    parties, partners, sources = [], [], []
    for p, agreement, town in zip(plan_.planned, agreements, town_keys, strict=True):
        p.report.agreement_id = agreement.pk
        contact = {} if agreement.committee_id else p.contact
        parties.append(
            LocalParty(
                agreement=agreement,
                kind=PartyKind.COMMUNE,
                commune_id=p.commune.id,
                former_name=p.former_name,
                signed_on=p.signed_local[0],
                signed_year=p.signed_local[1],
                contact_name=contact.get("contact_name", ""),
                contact_email=contact.get("contact_email", ""),
                contact_phone=contact.get("contact_phone", ""),
            )  # fmt: skip
        )
        town_id = new_towns[town].pk if isinstance(town, tuple) else town
        partners.append(
            AgreementPartner(
                agreement=agreement,
                town_id=town_id,
                signed_on=p.signed_partner[0],
                signed_year=p.signed_partner[1],
            )  # fmt: skip
        )
        for line, url, note in p.sources:
            sources.append(
                Source(agreement=agreement, url=url, note=note, import_batch=batch, line=line)
            )
    seen = set(
        Source.objects.filter(
            agreement_id__in={s[0] for s in plan_.existing_sources}
        ).values_list("agreement_id", "url", "note")
    ) if plan_.existing_sources else set()  # fmt: skip
    for agreement_id, line, url, note in plan_.existing_sources:
        if (agreement_id, url, note) not in seen:
            seen.add((agreement_id, url, note))
            sources.append(
                Source(agreement_id=agreement_id, url=url, note=note, import_batch=batch, line=line)
            )
    bulk_create_with_history(parties, LocalParty, **history_args)
    bulk_create_with_history(partners, AgreementPartner, **history_args)
    bulk_create_with_history(sources, Source, **history_args)
    if len(agreements) > 100:
        analyze_register()
    by_line = {p.line: p.report.agreement_id for p in plan_.planned}
    for row in plan_.rows:
        if row.outcome == RowOutcome.MERGED:
            row.agreement_id = by_line.get(row.target_line)
    return agreements


def preview(content, filename, encoding="utf-8", limit=8):
    """The file's headers and first rows as they stand (for the mapping screen)."""
    headers = read_headers(content, filename, encoding)
    keys = {f"ouvcol{i}": h for i, h in enumerate(headers) if h}
    table = read_table(content, filename, aliases={k: [h] for k, h in keys.items()},
                       encoding=encoding)  # fmt: skip
    rows = [[r.values.get(k, "") for k in keys] for r in table.rows[:limit]]
    return list(keys.values()), rows, len(table.rows)
