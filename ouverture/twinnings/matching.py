"""Careful matching of what public lists write to our reference tables.

Set-based: `CommuneIndex.load()` and `CountryIndex.load()` read the reference
tables once into dictionaries, so that matching 26 000 rows costs two queries.

- Commune names are compared accent-, case-, hyphen- and apostrophe-insensitively
  (`geo.text.normalize_name`). A name borne by several current communes is never
  guessed: the row must give the INSEE code (or the département). A commune given
  by code whose name also exists elsewhere in France is flagged for review, since
  public lists often attach a twinning to the wrong homonym.
- A merged commune (commune déléguée or associée) is mapped to the current
  commune it belongs to; the name it signed under is kept as the former name.
- Countries may be written in French, in English, as ISO alpha-2 or alpha-3
  codes, as "England", "Scotland", "Wales", or "England, United Kingdom".
"""

import csv
import datetime as dt
import re
from collections import namedtuple
from dataclasses import dataclass, field
from pathlib import Path

from ouverture.core.formats import format_date
from ouverture.geo.enums import CommuneKind
from ouverture.geo.text import normalize_name
from ouverture.twinnings.enums import AgreementKind, PartyKind, ReviewFlag

DATA = Path(__file__).parent / "data"
CODE_RE = re.compile(r"^\d[0-9AB]\d{3}$")
SIREN_RE = re.compile(r"^\d{9}$")
FRANCE = "FR"
FORMER_KINDS = {CommuneKind.DELEGATED, CommuneKind.ASSOCIATED}


# A tuple, not a dataclass: 35 000 of them are built for each import.
CommuneRef = namedtuple("CommuneRef", "id code name departement_id epci_siren epci_name")


@dataclass
class CommuneMatch:
    commune: CommuneRef | None = None
    former_name: str = ""
    flags: list = field(default_factory=list)  # [(ReviewFlag, detail)]
    error: str = ""
    column: str = ""  # canonical key of the column at fault


def _listed(refs, departements):
    return ", ".join(
        f"{r.name} ({r.code}, {departements.get(r.departement_id, r.departement_id)})"
        for r in sorted(refs, key=lambda r: r.code)
    )


class CommuneIndex:
    """Every commune of INSEE's reference, in dictionaries keyed by code and by name."""

    def __init__(self):
        self.current_by_code = {}
        self.current_by_name = {}
        # Delegated and associated communes: code -> [(name, parent code)], name -> [(name, parent)]
        self.former_by_code = {}
        self.former_by_name = {}
        self.former_names_of = {}  # current code -> {normalised former name: name}
        self.epcis = {}
        self.epci_by_name = {}
        self.departements = {}
        self.region_of = {}
        self.regions = {}

    @classmethod
    def load(cls, keys=None, codes=None):
        """Every commune; or, given the name keys and the codes a file holds, the ones
        it can touch: those names and codes, their current communes, the former
        communes of these, and every EPCI (a fixed number of queries either way)."""
        from ouverture.geo.models import Commune, Departement

        index = cls()
        for code, name, region in Departement.objects.values_list("code", "name", "region_code"):
            index.departements[code] = name
            index.region_of[code] = region
        columns = ("id", "code", "name", "search_name", "kind", "departement_id", "parent_code",
                   "epci_siren", "epci_name")  # fmt: skip
        rows = Commune.objects.exclude(kind=CommuneKind.MUNICIPAL_DISTRICT).values_list(*columns)
        if keys is None:
            found = list(rows.iterator(chunk_size=5000))
        else:
            from django.db.models import Q

            found = list(rows.filter(Q(search_name__in=set(keys)) | Q(code__in=set(codes))))
            seen = {r[0] for r in found}
            # In one more query: the current communes of the former ones found, and the
            # former communes of all these current ones (their other names).
            parents = {r[6] or r[1] for r in found if r[4] != CommuneKind.CURRENT}
            current = {r[1] for r in found if r[4] == CommuneKind.CURRENT} | parents
            more = rows.filter(
                Q(code__in=parents, kind=CommuneKind.CURRENT)
                | (Q(parent_code__in=current) | Q(code__in=current, parent_code=""))
                & ~Q(kind=CommuneKind.CURRENT)
            )
            found += [r for r in more if r[0] not in seen]
            for siren, name in (
                Commune.objects.filter(kind=CommuneKind.CURRENT).exclude(epci_siren="")
                .values_list("epci_siren", "epci_name").distinct()
            ):  # fmt: skip
                index.epcis[siren] = name
        former = []
        for pk, code, name, key, kind, dep, parent, epci_siren, epci_name in found:
            if kind == CommuneKind.CURRENT:
                ref = CommuneRef(pk, code, name, dep, epci_siren, epci_name)
                index.current_by_code[code] = ref
                index.current_by_name.setdefault(key, []).append(ref)
                if epci_siren:
                    index.epcis[epci_siren] = epci_name
            else:
                former.append((code, name, key, parent or code))
        index.epci_by_name = {normalize_name(n): s for s, n in index.epcis.items() if n}
        for code, name, key, parent in former:
            index.former_by_code.setdefault(code, []).append((name, parent))
            index.former_by_name.setdefault(key, []).append((name, parent))
            index.former_names_of.setdefault(parent, {})[key] = name
        return index

    def _homonym_flag(self, key, ref):
        others = self.current_by_name.get(key, [])
        if len(others) > 1:
            codes = "|".join(sorted(r.code for r in others))
            detail = (
                f"« {ref.name} » est aussi le nom de : "
                + _listed([r for r in others if r.code != ref.code], self.departements)
                + f" (codes {codes}) : vérifiez que le jumelage concerne bien {ref.code}."
            )
            return (ReviewFlag.HOMONYM, detail)
        return None

    def _former_flag(self, former_name, ref):
        return (
            ReviewFlag.FORMER_COMMUNE,
            f"« {former_name} » est aujourd'hui une commune déléguée ou associée de "
            f"{ref.name} ({ref.code}) : le jumelage est rattaché à la commune actuelle.",
        )

    def resolve(self, code="", name="", departement=""):
        code = (code or "").strip().upper()
        name = (name or "").strip()
        key = normalize_name(name)
        if code:
            return self._by_code(code, name, key)
        if not key:
            return CommuneMatch(
                error="Indiquez la commune (nom ou code INSEE).", column="commune_name"
            )
        return self._by_name(name, key, (departement or "").strip())

    def _by_code(self, code, name, key):
        if len(code) == 4 and code.isdigit():
            code = "0" + code  # a spreadsheet dropped the leading zero
        if not CODE_RE.match(code):
            return CommuneMatch(
                error=f"« {code} » n'est pas un code INSEE de commune (5 caractères, par exemple 62041).",
                column="commune_code",
            )
        ref = self.current_by_code.get(code)
        former_name = ""
        if ref is None:
            formers = self.former_by_code.get(code, [])
            parents = {self.current_by_code.get(p) for _, p in formers} - {None}
            if len(parents) != 1:
                return CommuneMatch(
                    error=f"Code INSEE « {code} » inconnu du référentiel (COG 2026).",
                    column="commune_code",
                )
            ref = parents.pop()
            former_name = formers[0][0]
        match = CommuneMatch(commune=ref)
        if key and key != normalize_name(ref.name):
            formers = self.former_names_of.get(ref.code, {})
            if key in formers:
                former_name = formers[key]
            elif not (former_name and key == normalize_name(former_name)):
                return CommuneMatch(
                    error=(
                        f"Le nom « {name} » ne correspond pas au code INSEE {code} "
                        f"({ref.name}) : corrigez le nom ou le code."
                    ),
                    column="commune_name",
                )
        if former_name:
            match.former_name = former_name
            match.flags.append(self._former_flag(former_name, ref))
        if key:
            flag = self._homonym_flag(key, ref)
            if flag:
                match.flags.append(flag)
        return match

    def _by_name(self, name, key, departement):
        candidates = self.current_by_name.get(key, [])
        if departement:
            candidates = [r for r in candidates if r.departement_id == departement]
        if len(candidates) == 1:
            return CommuneMatch(commune=candidates[0])
        if len(candidates) > 1:
            return CommuneMatch(
                error=(
                    f"Plusieurs communes s'appellent « {name} » : "
                    f"{_listed(candidates, self.departements)}. Indiquez le code INSEE."
                ),
                column="commune_name",
            )
        formers = self.former_by_name.get(key, [])
        parents = {}
        for former_name, parent in formers:
            ref = self.current_by_code.get(parent)
            if ref and (not departement or ref.departement_id == departement):
                parents[ref.code] = (former_name, ref)
        if len(parents) == 1:
            former_name, ref = next(iter(parents.values()))
            return CommuneMatch(
                commune=ref, former_name=former_name, flags=[self._former_flag(former_name, ref)]
            )
        if len(parents) > 1:
            refs = [ref for _, ref in parents.values()]
            return CommuneMatch(
                error=(
                    f"« {name} » est une ancienne commune rattachée à plusieurs communes actuelles : "
                    f"{_listed(refs, self.departements)}. Indiquez le code INSEE."
                ),
                column="commune_name",
            )
        where = f" dans le département {departement}" if departement else ""
        return CommuneMatch(
            error=(
                f"La commune « {name} » n'est pas dans le référentiel INSEE (COG 2026){where} : "
                "vérifiez l'orthographe ou indiquez son code INSEE."
            ),
            column="commune_name",
        )


_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")


class CountryIndex:
    """Country names in French, English, ISO codes and the variants public lists use."""

    def __init__(self, lookup, names):
        self.lookup = lookup  # normalised text -> ISO alpha-2
        self.names = names  # ISO alpha-2 -> French name
        self.memo = {}  # a list repeats the same few hundred spellings

    @classmethod
    def load(cls):
        from ouverture.geo.models import Country

        lookup, names = {}, {}
        for code, alpha3, name, name_en in Country.objects.values_list(
            "code", "alpha3", "name", "name_en"
        ):
            names[code] = name
            for text in (code, alpha3, name, name_en):
                lookup.setdefault(normalize_name(text), code)
        with open(DATA / "country_variants.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["iso2"] in names:
                    lookup.setdefault(normalize_name(row["variant"]), row["iso2"])
        return cls(lookup, names)

    def resolve(self, text):
        """ISO code for the text, or None. "England, United Kingdom" -> GB; the
        last part that is a country wins ("Réunion, France" -> FR)."""
        if text not in self.memo:
            self.memo[text] = self._resolve(text)
        return self.memo[text]

    def _resolve(self, text):
        raw = (text or "").strip()
        if not raw:
            return None
        for candidate in (raw, _PARENTHESIS.sub("", raw)):
            code = self.lookup.get(normalize_name(candidate))
            if code:
                return code
        if "," in raw:
            for part in reversed(raw.split(",")):
                code = self.lookup.get(normalize_name(_PARENTHESIS.sub("", part)))
                if code:
                    return code
        return None

    def unknown_message(self, text):
        return (
            f"Pays « {text} » inconnu : écrivez-le en français, en anglais ou en code ISO "
            "(par exemple « Allemagne », « Germany » ou « DE »)."
        )


_DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
MIN_YEAR = 1900


def parse_signature(text, today=None):
    """'14/10/1965', '1965-10-14' or the year alone '1965' -> (date or None, year).
    Raises ValueError with a French message (unreadable, in the future, too old)."""
    raw = (text or "").strip()
    if not raw:
        return None, None
    today = today or dt.date.today()
    if re.fullmatch(r"\d{4}", raw):
        year = int(raw)
        if year > today.year:
            raise ValueError(f"L'année de signature {year} est dans le futur.")
        if year < MIN_YEAR:
            raise ValueError(f"Année de signature {year} invraisemblable (avant {MIN_YEAR}).")
        return None, year
    for fmt in _DATE_FORMATS:
        try:
            day = dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
        if day > today:
            raise ValueError(f"La date de signature {format_date(day)} est dans le futur.")
        if day.year < MIN_YEAR:
            raise ValueError(f"Date de signature {format_date(day)} invraisemblable.")
        return day, day.year
    raise ValueError(
        f"Date de signature « {raw} » illisible : écrivez par exemple « 14/10/1965 » ou l'année seule « 1965 »."
    )


def _choices(pairs):
    return {normalize_name(text): value for value, texts in pairs for text in texts}


KIND_WORDS = _choices(
    [
        (AgreementKind.TWINNING, ["jumelage", "twinning", "twin town", "sister city", "jumelée"]),
        (
            AgreementKind.COOPERATION,
            ["coopération décentralisée", "coopération", "cooperation", "partenariat"],
        ),
        (
            AgreementKind.FRIENDSHIP,
            ["pacte d'amitié", "amitié", "friendship", "charte d'amitié", "friendship pact"],
        ),
    ]
)


def parse_choice(text, words, default, what, allowed):
    raw = (text or "").strip()
    if not raw:
        return default
    value = words.get(normalize_name(raw))
    if value is None:
        raise ValueError(f"{what} « {raw} » inconnu(e) : choisissez parmi {allowed}.")
    return value


def parse_kind(text):
    return parse_choice(
        text,
        KIND_WORDS,
        AgreementKind.TWINNING,
        "Nature",
        "« jumelage », « coopération décentralisée », « pacte d'amitié »",
    )


def parse_status(text):
    """The status a text begins with; ValueError when no status word starts it."""
    from ouverture.twinnings.names import parse_status_text

    status, _note = parse_status_text(text)
    if status is None:
        raise ValueError(
            f"Statut « {(text or '').strip()} » inconnu(e) : choisissez parmi « actif », "
            "« en sommeil », « terminé », « inconnu »."
        )
    return status


# Local parties of every level ---------------------------------------------------

_DEP_CODE = re.compile(r"^(?:D\s*-?\s*(?P<a>\d[0-9AB]\d?)|(?P<b>\d[0-9AB]\d?)\s*-?\s*D)$", re.I)
_REGION_CODE = re.compile(r"^(?:R\s*-?\s*(?P<a>\d{2})|(?P<b>\d{2})\s*-?\s*R)$", re.I)
_DEP_WORDS = ("departement", "conseil departemental", "conseil general")
_REGION_WORDS = ("region", "conseil regional")


@dataclass
class PartyMatch:
    """One local party of a row: a commune, an intercommunality, the département, the region."""

    kind: str = ""
    key: tuple = ()  # ("commune", id) / ("intercommunality", siren) / ("departement", code) …
    label: str = ""
    commune: CommuneRef | None = None
    former_name: str = ""
    epci_siren: str = ""
    epci_name: str = ""
    departement: str = ""
    region_code: str = ""
    region_name: str = ""
    flags: list = field(default_factory=list)
    error: str = ""
    column: str = ""


def _regions():
    import json

    path = Path(__file__).resolve().parent.parent / "geo" / "data" / "cog2026_regions.json"
    return {r["code"]: r["nom"] for r in json.loads(path.read_text(encoding="utf-8"))}


_PARTY_SPLIT = re.compile(r"\s*[;+]\s*|\s*,\s*(?=\d)|\s*/\s*")


def resolve_parties(index, code="", name="", departement="", home=""):
    """The local parties a row names: one, or several ("62041; 62250", "Arras + Dainville").
    `home` is the département of the platform (for "Département", "Région")."""
    code, name = (code or "").strip(), " ".join((name or "").split())
    codes = [c for c in re.split(r"\s*[,;+/]\s*|\s+", code) if c] if code else []
    names = [n for n in re.split(r"\s*[;+]\s*", name) if n] if name else []
    if len(codes) > 1 or len(names) > 1:
        count = max(len(codes), len(names))
        if codes and names and len(codes) != len(names):
            return [PartyMatch(error=(
                f"{len(codes)} code(s) pour {len(names)} nom(s) : donnez autant de codes que de "
                "noms, séparés par « ; »."), column="commune_code")]  # fmt: skip
        return [
            resolve_party(index, codes[i] if codes else "", names[i] if names else "",
                          departement, home)
            for i in range(count)
        ]  # fmt: skip
    return [resolve_party(index, code, name, departement, home)]


_ARTICLES = ("du ", "de la ", "de l ", "des ", "de ", "d ")


def _named(key, words, names):
    """ "" for the word alone ("Département"), the code for "Département du
    Pas-de-Calais" / "Région Hauts-de-France", None when the text is something else
    ("Région d'Audruicq" is an intercommunality's name)."""
    for word in words:
        if key in (word, "le " + word, "la " + word):
            return ""
        if key.startswith(word + " "):
            rest = key[len(word) + 1 :]
            for article in _ARTICLES:
                if rest.startswith(article):
                    rest = rest[len(article) :]
                    break
            by_name = {normalize_name(n): c for c, n in names.items()}
            return by_name.get(rest)
    return None


def resolve_party(index, code="", name="", departement="", home=""):
    code = code.strip().upper()
    key = normalize_name(name)
    regions = index.regions or _regions()
    index.regions = regions
    dep = _DEP_CODE.match(code) if code else None
    named_dep = _named(key, _DEP_WORDS, index.departements) if not code else None
    if dep or named_dep is not None:
        dep_code = (dep["a"] or dep["b"]) if dep else (named_dep or departement or home)
        if dep_code not in index.departements:
            return PartyMatch(
                error=f"Département « {code or name} » inconnu.", column="commune_code"
            )
        label = index.departements[dep_code]
        return PartyMatch(kind=PartyKind.DEPARTEMENT, key=(PartyKind.DEPARTEMENT, dep_code),
                          label=f"Département {label}", departement=dep_code)  # fmt: skip
    reg = _REGION_CODE.match(code) if code else None
    named_region = _named(key, _REGION_WORDS, regions) if not code else None
    if reg or named_region is not None:
        region_code = (
            (reg["a"] or reg["b"])
            if reg
            else (named_region or index.region_of.get(departement or home, ""))
        )
        if region_code not in regions:
            return PartyMatch(error=f"Région « {code or name} » inconnue.", column="commune_code")
        return PartyMatch(kind=PartyKind.REGION, key=(PartyKind.REGION, region_code),
                          label=f"Région {regions[region_code]}", region_code=region_code,
                          region_name=regions[region_code])  # fmt: skip
    siren = code.replace(" ", "")
    if SIREN_RE.match(siren):
        if siren not in index.epcis:
            return PartyMatch(
                error=(f"SIREN d'intercommunalité « {siren} » inconnu du référentiel (EPCI du "
                       "COG 2026) : vérifiez le numéro."),
                column="commune_code",
            )  # fmt: skip
        return PartyMatch(kind=PartyKind.INTERCOMMUNALITY, key=(PartyKind.INTERCOMMUNALITY, siren),
                          label=index.epcis[siren], epci_siren=siren,
                          epci_name=index.epcis[siren])  # fmt: skip
    match = index.resolve(code, name, departement)
    if match.error and not code and key in index.epci_by_name:
        siren = index.epci_by_name[key]
        return PartyMatch(kind=PartyKind.INTERCOMMUNALITY, key=(PartyKind.INTERCOMMUNALITY, siren),
                          label=index.epcis[siren], epci_siren=siren,
                          epci_name=index.epcis[siren])  # fmt: skip
    if match.error and name and "(" in name:
        # "Hesdin-la-Forêt (ex-Hesdin)": the current name and the former one in brackets.
        from ouverture.twinnings.names import split_former

        current, former = split_former(name)
        retry = index.resolve(code, current, departement)
        if not retry.error:
            match = retry
            if former and not retry.former_name:
                match.former_name = former
    if match.error:
        return PartyMatch(error=match.error, column=match.column)
    ref = match.commune
    return PartyMatch(kind=PartyKind.COMMUNE, key=(PartyKind.COMMUNE, ref.id), label=ref.name,
                      commune=ref, former_name=match.former_name, flags=match.flags,
                      departement=ref.departement_id)  # fmt: skip
