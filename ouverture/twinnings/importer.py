"""Importing lists of twinnings (CSV, TSV, XLSX): column mapping, a plan, bulk writes.

`plan()` reads every row against dictionaries loaded once (communes, countries,
partner towns, agreements already recorded) and returns a row-by-row report; it
writes nothing. `apply()` writes a plan without errors with a handful of bulk
inserts (history included). The service `services.import_agreements` runs both
in one transaction: all rows or none.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone

from ouverture.core.tabular import FileRejected, TableFile, read_table
from ouverture.geo.text import normalize_name as geo_key
from ouverture.twinnings.enums import (
    AgreementKind,
    AgreementStatus,
    PartyKind,
    ReviewFlag,
    RowOutcome,
)
from ouverture.twinnings.matching import (
    FRANCE,
    CommuneIndex,
    CountryIndex,
    parse_kind,
    resolve_parties,
)
from ouverture.twinnings.names import name_key as normalize_name
from ouverture.twinnings.names import (
    parse_signatures,
    parse_status_text,
    split_alternatives,
    split_former,
)


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
COMMUNE_KEYS_MAX = 5000  # beyond, the whole commune list is read (and no query is too long)


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
    # For a row about a known pair (or a pair already read in the file):
    added: list = field(default_factory=list)  # what it brought and was applied
    conflicts: list = field(default_factory=list)  # what contradicts, left to a person
    ignored: list = field(default_factory=list)  # what it said that was known, and why
    unknown_status: str = ""  # a status text no word or mapping explains

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
            "added": self.added,
            "conflicts": self.conflicts,
            "ignored": self.ignored,
            "unknown_status": self.unknown_status,
        }


@dataclass
class Facts:
    """What one row says about an agreement, read and checked."""

    line: int
    kind: str | None  # None: the cell is empty (nothing said)
    status: str | None
    status_note: str
    signed_local: object  # names.Signature or None
    signed_partner: object
    former_name: str
    committee: str
    contact: dict
    source: tuple  # (line, url, note)
    aliases: list  # other names of the partner town


@dataclass
class PlannedTown:
    name: str
    country: str
    region: str
    aliases: list
    keys: set
    pk: int | None = None


@dataclass
class Planned:
    """An agreement to create, from its first line and the lines merged into it."""

    line: int
    parties: list  # matching.PartyMatch
    former_name: str
    partner_name: str
    country: str
    region: str
    kind: str
    status: str
    status_note: str
    signed_local: tuple
    signed_partner: tuple
    committee: str
    contact: dict
    flags: dict  # ReviewFlag -> detail
    sources: list  # [(line, url, note)]
    raw_country: str
    report: RowReport = None
    town: object = None  # PartnerTown pk or PlannedTown
    signed_local_note: str = ""
    signed_partner_note: str = ""
    conflicts: list = field(default_factory=list)  # merging.PendingConflict
    status_changes: list = field(default_factory=list)  # merging.PendingStatus

    @property
    def commune(self):
        """The first commune (title, checks), when there is one."""
        return next((p.commune for p in self.parties if p.commune), None)


@dataclass
class Plan:
    rows: list = field(default_factory=list)
    planned: list = field(default_factory=list)
    existing_sources: list = field(default_factory=list)  # [(agreement id, line, url, note)]
    new_committees: set = field(default_factory=set)
    updates: object = None  # merging.Updates for agreements already recorded

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
        changes = sum(len(r.added) for r in self.rows)
        conflicts = sum(len(r.conflicts) for r in self.rows)
        return {
            "rows": len(self.rows),
            **counts,
            "agreements": len(self.planned),
            "skipped_foreign": sum(1 for r in self.rows if r.foreign),
            "flagged_rows": flagged_rows,
            "flagged_agreements": flagged_agreements,
            "to_review": sum(1 for p in self.planned if p.flags),
            "new_committees": sorted(self.new_committees),
            "changes": changes,
            "conflicts": conflicts,
            "nothing_new": not self.planned and not changes and not conflicts,
            "unknown_statuses": sorted({r.unknown_status for r in self.rows if r.unknown_status}),
        }


class Context:
    """What plan() looks rows up in, loaded once."""

    def __init__(self):
        from ouverture.twinnings.merging import Snapshots
        from ouverture.twinnings.models import AgreementPartner, LocalParty, PartnerTown

        self._communes = None
        self._organisations = None
        self.countries = CountryIndex.load()
        self.towns = {}
        self.towns_by_name = {}  # (key of any of its names, country) -> town id
        self.town_names = {}  # town id -> (name, aliases)
        for pk, name, aliases, key, country, region_key in PartnerTown.objects.values_list(
            "id", "name", "aliases", "search_name", "country_id", "region_key"
        ):
            self.towns[(key, country, region_key)] = pk
            self.town_names[pk] = (name, list(aliases or []))
            for k in {key, *(normalize_name(a) for a in aliases or [])} - {""}:
                self.towns_by_name.setdefault((k, country), pk)
        # (party key, town id) -> agreement id
        parties_of = {}
        for agreement_id, kind, commune_id, siren, dep, region in LocalParty.objects.values_list(
            "agreement_id", "kind", "commune_id", "epci_siren", "departement_id", "region_code"
        ):
            parties_of.setdefault(agreement_id, []).append(
                party_key(kind, commune_id, siren, dep, region)
            )
        self.pairs = {}
        for agreement_id, town_id in AgreementPartner.objects.values_list(
            "agreement_id", "town_id"
        ):
            for key in parties_of.get(agreement_id, []):
                self.pairs.setdefault((key, town_id), agreement_id)
        self.departement = settings.OUVERTURE_DEPARTEMENT
        self.snapshots = Snapshots()
        from ouverture.twinnings.models import ValueMapping

        self.status_mappings = ValueMapping.mapping_for("status")

    @property
    def communes(self):
        """The commune index: every commune unless `load_communes` chose the file's."""
        if self._communes is None:
            self._communes = CommuneIndex.load()
        return self._communes

    def load_communes(self, oriented):
        """Loads the communes the rows can name (see `_orient`), in a few queries."""
        if self._communes is not None:
            return
        keys, codes = set(), set()
        for commune_name, commune_code, *_rest in oriented:
            for code in re.split(r"[\s,;+/]+", commune_code.upper()):
                if code:
                    codes.update((code, "0" + code))
            name = " ".join(commune_name.split())
            for part in re.split(r"\s*[;+]\s*", name) if name else ():
                keys.add(geo_key(part))
                if "(" in part:
                    keys.update(geo_key(x) for x in split_former(part))
        if len(keys) + len(codes) > COMMUNE_KEYS_MAX:
            self._communes = CommuneIndex.load()  # as cheap, and no query too long
        else:
            self._communes = CommuneIndex.load(keys - {""}, codes)

    @property
    def organisations(self):
        """Normalised name -> id of every organisation (committees), loaded on first use."""
        if self._organisations is None:
            from ouverture.organisations.models import Organisation

            self._organisations = {}
            for pk, name in Organisation.objects.values_list("id", "name"):
                self._organisations.setdefault(normalize_name(name), pk)
        return self._organisations


def party_key(kind, commune_id, siren, dep, region):
    if kind == PartyKind.COMMUNE:
        return (PartyKind.COMMUNE, commune_id)
    if kind == PartyKind.INTERCOMMUNALITY:
        return (PartyKind.INTERCOMMUNALITY, siren)
    if kind == PartyKind.DEPARTEMENT:
        return (PartyKind.DEPARTEMENT, dep)
    return (PartyKind.REGION, region)


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


def _signatures(report, row, table, today):
    """(ours, the partner's): a cell may hold both sides' dates."""
    try:
        local = parse_signatures(row.values.get("signed_local", ""), today)
    except ValueError as error:
        report.messages.append(f"{table.columns.get('signed_local')} : {error}")
        local = []
    try:
        partner = parse_signatures(row.values.get("signed_partner", ""), today)
    except ValueError as error:
        report.messages.append(f"{table.columns.get('signed_partner')} : {error}")
        partner = []
    if len(local) == 2 and not partner:
        local, partner = local[:1], local[1:]
    elif len(local) > 1 or len(partner) > 1:
        report.messages.append(
            f"{table.columns.get('signed_local')} : deux dates dans une cellule (une par côté) "
            "seulement quand la signature du partenaire n'a pas sa colonne."
        )
    return (local[0] if local else None), (partner[0] if partner else None)


def _status(report, text, ctx):
    """(status or None when the cell is empty, note). An unknown text is an error
    unless the value-mapping step chose a status for it."""
    raw = " ".join((text or "").split())
    if not raw:
        return None, ""
    status, note = parse_status_text(raw)
    if status is None:
        mapped = ctx.status_mappings.get(normalize_name(raw))
        if mapped:
            return mapped, ""
        report.unknown_status = raw
        return None, ""
    return status, note


def _town(ctx, planned_towns, name, aliases, country, region):
    """The partner town for a row: a recorded one under any of its names, else one
    planned in this file, else a new PlannedTown."""
    keys = {normalize_name(n) for n in (name, *aliases)} - {""}
    region_key = normalize_name(region)
    for key in sorted(keys):
        pk = ctx.towns.get((key, country, region_key))
        if pk is None and not region_key:
            pk = ctx.towns_by_name.get((key, country))
        if pk is not None:
            return pk
    for key in sorted(keys):
        town = planned_towns.get((key, country, region_key))
        if town is not None:
            new = [a for a in (name, *aliases) if normalize_name(a) not in town.keys]
            town.aliases.extend(new)
            town.keys |= {normalize_name(a) for a in new}
            for k in town.keys:
                planned_towns.setdefault((k, country, region_key), town)
            return town
    town = PlannedTown(name=name, country=country, region=region, aliases=list(aliases), keys=keys)
    for key in keys:
        planned_towns[(key, country, region_key)] = town
    return town


def _orient(v, ctx):
    """(commune name, commune code, partner name, partner country, its ISO code, state) of
    a row, our town first; None for an empty row. A list of pairs in both directions
    (a "local country" column) has our town on either side; state "foreign" when
    neither town is in France."""
    if not any(v.values()):
        return None
    commune_name, commune_code = v.get("commune_name", ""), v.get("commune_code", "")
    partner_name, partner_country = v.get("partner_name", ""), v.get("partner_country", "")
    iso = ctx.countries.resolve(partner_country)
    state = ""
    if v.get("local_country"):
        local_iso = ctx.countries.resolve(v["local_country"])
        if local_iso != FRANCE:
            if iso == FRANCE and not commune_code:
                # A list of pairs in both directions: our town is the second one.
                commune_name, partner_name = partner_name, commune_name
                partner_country, iso = v["local_country"], local_iso
            else:
                state = "foreign"
    return commune_name, commune_code, partner_name, partner_country, iso, state


def plan(table: TableFile, *, skip_foreign=False, source_label="", context=None) -> Plan:
    from ouverture.twinnings import merging

    ctx = context or Context()
    today = timezone.localdate()
    result = Plan(updates=merging.Updates())
    planned_by_pair = {}
    planned_towns = {}
    column = table.columns.get
    is_country = lambda text: ctx.countries.resolve(text) is not None  # noqa: E731
    oriented = [_orient(row.values, ctx) for row in table.rows]
    ctx.load_communes(
        [o for o in oriented if o is not None and not (skip_foreign and o[5] == "foreign")]
    )
    for row, sides in zip(table.rows, oriented, strict=True):
        v = row.values
        report = RowReport(line=row.line)
        result.rows.append(report)
        if sides is None:
            report.outcome = RowOutcome.SKIPPED
            report.messages.append("Ligne vide.")
            continue
        commune_name, commune_code, partner_name, partner_country, iso, state = sides
        if state == "foreign":
            if skip_foreign:
                report.outcome = RowOutcome.SKIPPED
                report.foreign = True
                report.messages.append("Aucune des deux villes n'est en France : ignorée.")
                continue
            report.messages.append(
                f"{column('local_country')} : aucune des deux villes n'est en France "
                f"(« {v['local_country']} », « {partner_country} »)."
            )
        report.partner, report.country = partner_name, partner_country
        parties = resolve_parties(
            ctx.communes, commune_code, commune_name, v.get("departement", ""), ctx.departement
        )
        failed = [p for p in parties if p.error]
        for p in failed:
            report.messages.append(
                f"{column(p.column) or column('commune_name') or column('commune_code')} : {p.error}"
            )
        if not failed:
            report.commune = ", ".join(
                f"{p.label} ({p.commune.code})" if p.commune else p.label for p in parties
            )
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
        kind = None
        if v.get("kind", "").strip():
            try:
                kind = parse_kind(v.get("kind", ""))
            except ValueError as error:
                report.messages.append(f"{column('kind')} : {error}")
        status, status_note = _status(report, v.get("status", ""), ctx)
        if report.unknown_status:
            report.messages.append(
                f"{column('status')} : Statut « {report.unknown_status} » inconnu : il doit "
                "commencer par « actif », « en sommeil », « terminé » ou « inconnu » (ou un "
                "synonyme) ; choisissez sa correspondance à l'étape « valeurs »."
            )
        signed_local, signed_partner = _signatures(report, row, table, today)
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
        town_name, aliases = split_alternatives(partner_name, is_country)
        flags = {}
        for p in parties:
            flags.update(dict(p.flags))
        if iso == FRANCE:
            flags[ReviewFlag.PARTNER_IN_FRANCE] = (
                f"« {partner_name} » est en France : un jumelage se noue avec une ville étrangère."
            )
        for p in parties:
            if p.commune and p.commune.departement_id != ctx.departement:
                flags[ReviewFlag.OUTSIDE_DEPARTEMENT] = (
                    f"{p.commune.name} ({p.commune.code}) est hors du département {ctx.departement}."
                )
        former_name = v.get("former_name", "") or next(
            (p.former_name for p in parties if p.former_name), ""
        )
        note = " — ".join(x for x in (source_label, v.get("source_note", "")) if x)
        source = (row.line, v.get("source_url", ""), note)
        committee = v.get("committee", "").strip()
        if committee and normalize_name(committee) not in ctx.organisations:
            result.new_committees.add(committee)
        facts = Facts(
            line=row.line, kind=kind, status=status, status_note=status_note,
            signed_local=signed_local, signed_partner=signed_partner,
            former_name=former_name.strip(), committee=committee,
            contact={k: v.get(k, "").strip() for k in ("contact_name", "contact_email", "contact_phone")},
            source=source, aliases=aliases,
        )  # fmt: skip
        report.flags = [str(f) for f in flags]
        town = _town(ctx, planned_towns, town_name, aliases, iso, v.get("partner_region", ""))
        town_token = town if isinstance(town, int) else id(town)
        target = next(
            (planned_by_pair[(p.key, town_token)] for p in parties
             if (p.key, town_token) in planned_by_pair),
            None,
        )  # fmt: skip
        if target is not None:
            report.outcome = RowOutcome.MERGED
            report.target_line = target.line
            variants = f"« {target.partner_name}, {target.raw_country} » / « {partner_name}, {partner_country} »"
            target.flags[ReviewFlag.DUPLICATE] = (
                f"Relevé plusieurs fois (lignes {target.line} et {row.line} : {variants}) : fusionné."
            )
            for flag, detail in flags.items():
                target.flags.setdefault(flag, detail)
            target.sources.append(source)
            merging.merge_into_planned(target, facts, report)
            for p in parties:
                if all(p.key != q.key for q in target.parties):
                    target.parties.append(p)
                    planned_by_pair[(p.key, town_token)] = target
                    report.added.append(f"partie locale ajoutée : {p.label}")
            report.flags = sorted(set(report.flags) | {ReviewFlag.DUPLICATE.value})
            report.messages.insert(0, f"Même jumelage que la ligne {target.line} : fusionné.")
            continue
        existing = (
            next((ctx.pairs[(p.key, town)] for p in parties if (p.key, town) in ctx.pairs), None)
            if isinstance(town, int)
            else None
        )
        if existing:
            report.agreement_id = existing
            merging.merge_into_existing(result.updates, ctx, existing, parties, town, facts, report)
            report.outcome = (
                RowOutcome.UPDATED if (report.added or report.conflicts) else RowOutcome.EXISTING
            )
            if report.outcome == RowOutcome.EXISTING:
                report.messages.append(
                    f"Déjà enregistré (jumelage n°{existing}) : rien de nouveau."
                )
            else:
                report.messages.append(
                    f"Déjà enregistré (jumelage n°{existing}) : complété"
                    + (
                        f", {len(report.conflicts)} conflit(s) à décider."
                        if report.conflicts
                        else "."
                    )
                )
            continue
        planned = Planned(
            line=row.line, parties=list(parties), former_name=former_name,
            partner_name=town_name, country=iso, region=v.get("partner_region", ""),
            kind=kind or AgreementKind.TWINNING, status=status or AgreementStatus.UNKNOWN,
            status_note=status_note,
            signed_local=signed_local.as_pair() if signed_local else (None, None),
            signed_partner=signed_partner.as_pair() if signed_partner else (None, None),
            signed_local_note=signed_local.note if signed_local else "",
            signed_partner_note=signed_partner.note if signed_partner else "",
            committee=committee, contact=facts.contact, flags=flags, sources=[source],
            raw_country=partner_country, report=report, town=town,
        )  # fmt: skip
        if status and status != AgreementStatus.UNKNOWN:
            planned.status_changes.append(merging.PendingStatus(status, status_note, "", source))
        for p in parties:
            planned_by_pair[(p.key, town_token)] = planned
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


def committee_contact(organisation_id, contact, actor, cache):
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
    """Writes a plan without errors: bulk inserts and updates with their history rows
    (`writing.apply_plan`)."""
    from ouverture.twinnings.writing import apply_plan

    return apply_plan(plan_, actor=actor, batch=batch, context=context or Context(),
                      reason=reason)  # fmt: skip


def preview(content, filename, encoding="utf-8", limit=8):
    """The file's headers and first rows as they stand (for the mapping screen)."""
    headers = read_headers(content, filename, encoding)
    keys = {f"ouvcol{i}": h for i, h in enumerate(headers) if h}
    table = read_table(content, filename, aliases={k: [h] for k, h in keys.items()},
                       encoding=encoding)  # fmt: skip
    rows = [[r.values.get(k, "") for k in keys] for r in table.rows[:limit]]
    return list(keys.values()), rows, len(table.rows)
