"""Names, statuses and dates as people write them in twinning lists.

- `name_key`: a matching key for any script. `anyascii` transliterates Cyrillic,
  Greek, Polish "ł", Chinese…, then `geo.text.normalize_name` drops case, accents,
  hyphens and apostrophes: "Київ" -> "kiiv", "Львів" -> "l viv", "Łódź" -> "lodz".
- `split_alternatives`: "Mons (Bergen)" -> ("Mons", ["Bergen"]); a bracket that is
  a qualifier ("(district)", "(rural gmina)", a country) is part of the name.
- `split_former`: "Hesdin-la-Forêt (ex-Hesdin)" -> ("Hesdin-la-Forêt", "Hesdin").
- `parse_status_text`: a text that begins with a status word or a synonym
  ("En sommeil depuis 2015", "actif (60 ans en 2024)") -> (status, the rest as a note).
- `parse_signatures`: a cell with one or two dates (one per side), a year, a month
  ("mai 1987", "05/1987"), an approximate year ("~1987", "vers 1987").
"""

import datetime as dt
import functools
import re
from dataclasses import dataclass

from anyascii import anyascii

from ouverture.core.formats import format_date
from ouverture.geo.text import normalize_name
from ouverture.twinnings.enums import AgreementStatus

MIN_YEAR = 1900


@functools.lru_cache(maxsize=65536)
def _key(text):
    return normalize_name(anyascii(text))


def name_key(text):
    """Transliterated, accent-, case-, hyphen- and apostrophe-insensitive key (cached: an
    import computes the same town, region and title keys many times)."""
    return _key(text or "")


# Brackets that qualify a name rather than give another name of the town.
QUALIFIERS = {
    name_key(w)
    for w in (
        "district", "county", "country", "city", "town", "municipality", "borough", "commune",
        "region", "province", "state", "rural gmina", "urban gmina", "gmina", "urban",
        "rural", "village", "metropolitan borough", "kreis", "landkreis", "stadt",
        "powiat", "oblast", "raion", "ville", "département", "comté", "arrondissement",
        # rivers that tell two towns apart: Frankfurt (Oder), Frankfurt (Main)
        "oder", "main", "elbe", "rhein", "donau", "saale", "mosel", "havel", "weser",
    )
}  # fmt: skip
_BRACKET = re.compile(r"^(?P<main>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")


def split_alternatives(text, is_country=lambda text: False):
    """(name, [other names]): "Liège (Luik)" -> ("Liège", ["Luik"]). "Herford
    (district)" and "Newport (Wales)" keep their bracket as part of the name."""
    raw = " ".join((text or "").split())
    found = _BRACKET.match(raw)
    if not found:
        return raw, []
    main, inner = found["main"].strip(), found["inner"].strip()
    inner_key = name_key(inner)
    if not inner_key or inner_key in QUALIFIERS or is_country(inner) or inner_key.isdigit():
        return raw, []
    others = [x.strip() for x in re.split(r"\s*[,/;]\s*|\s+ou\s+|\s+or\s+", inner) if x.strip()]
    return main, others


_FORMER = re.compile(
    r"^(?P<main>[^()]+?)\s*\(\s*(?:ex|anciennement|ancien nom|ancienne commune|"
    r"autrefois|formerly|former)\s*[-:.\s]\s*(?P<former>[^()]+)\)\s*$",
    re.IGNORECASE,
)


def split_former(text):
    """(name, former name or ""): "Hesdin-la-Forêt (ex-Hesdin)" -> ("Hesdin-la-Forêt", "Hesdin");
    "Hesdin-la-Forêt (Hesdin)" too."""
    raw = " ".join((text or "").split())
    found = _FORMER.match(raw)
    if found:
        return found["main"].strip(), found["former"].strip()
    found = _BRACKET.match(raw)
    if found:
        return found["main"].strip(), found["inner"].strip()
    return raw, ""


def _choices(pairs):
    return {normalize_name(text): value for value, texts in pairs for text in texts}


STATUS_SYNONYMS = [
    (
        AgreementStatus.ACTIVE,
        ["actif", "active", "en activité", "oui", "relancé", "relance", "relancée",
         "réactivé", "réactivée", "vivant", "en cours", "actif et dynamique", "très actif"],
    ),
    (
        AgreementStatus.DORMANT,
        ["en sommeil", "sommeil", "dormant", "inactif", "inactive", "en veille",
         "peu actif", "suspendu", "suspendue", "ralenti"],
    ),
    (
        AgreementStatus.ENDED,
        ["terminé", "terminée", "rompu", "rompue", "dissous", "dissoute", "ended", "fin",
         "non", "arrêté", "arrêtée", "abandonné", "abandonnée", "fini"],
    ),
    (AgreementStatus.UNKNOWN, ["inconnu", "unknown", "?", "à vérifier", "ne sait pas"]),
]  # fmt: skip
STATUS_WORDS = _choices(STATUS_SYNONYMS)
# Longest first: "en sommeil" before "en", "actif" before "act…".
_STATUS_PREFIXES = sorted(STATUS_WORDS.items(), key=lambda kv: -len(kv[0]))


def parse_status_text(text):
    """(status or None, note): the status word the text begins with, and the rest.
    None when no status word starts the text (the value-mapping step decides)."""
    raw = " ".join((text or "").split())
    if not raw:
        return AgreementStatus.UNKNOWN, ""
    key = normalize_name(raw)
    if raw.strip() == "?":
        return AgreementStatus.UNKNOWN, ""
    for word, value in _STATUS_PREFIXES:
        if key == word or key.startswith(word + " "):
            return value, _rest_after(raw, word)
    return None, raw


def _rest_after(raw, word):
    """The original text after its first len(word.split()) words, without leading punctuation."""
    tokens = list(re.split(r"(\s+)", raw))
    words_seen, cut = 0, 0
    target = len(word.split())
    for i, token in enumerate(tokens):
        if token.strip() and normalize_name(token):
            words_seen += len(normalize_name(token).split())
            if words_seen >= target:
                cut = i + 1
                break
    rest = "".join(tokens[cut:])
    return rest.strip(" ,;:.-–—\t")


@dataclass(frozen=True)
class Signature:
    day: dt.date | None = None
    year: int | None = None
    note: str = ""  # "mai 1987", "vers 1987": what a year alone would lose

    def as_pair(self):
        return (self.day, self.year)


MONTHS = {
    normalize_name(m): i
    for i, names in enumerate(
        [
            ("janvier", "january", "jan", "janv"), ("février", "february", "feb", "fév", "fev"),
            ("mars", "march", "mar"), ("avril", "april", "apr", "avr"), ("mai", "may"),
            ("juin", "june", "jun"), ("juillet", "july", "jul", "juil"),
            ("août", "aout", "august", "aug"), ("septembre", "september", "sep", "sept"),
            ("octobre", "october", "oct"), ("novembre", "november", "nov"),
            ("décembre", "december", "dec", "déc"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip
MONTH_NAMES = [
    "", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
_TOKEN = re.compile(
    r"(?P<dmy>\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b)"
    r"|(?P<iso>\b\d{4}-\d{2}-\d{2}\b)"
    r"|(?P<dmonth>\b\d{1,2}(?:er)?\s+(?P<dmname>[A-Za-zÀ-ÿ]+)\.?\s+(?P<dmyear>\d{4})\b)"
    r"|(?P<my>\b(?P<mnum>\d{1,2})[/.-](?P<myear>\d{4})\b)"
    r"|(?P<ym>\b(?P<ymyear>\d{4})-(?P<ymnum>\d{2})\b)"
    r"|(?P<circa>(?:~|env\.?\s*|environ\s+|vers\s+|circa\s+|ca\.?\s*|c\.\s*)(?P<cyear>\d{4})\b)"
    r"|(?P<month>\b(?P<mname>[A-Za-zÀ-ÿ]+)\.?\s+(?P<monthyear>\d{4})\b)"
    r"|(?P<year>\b\d{4}\b)",
    re.IGNORECASE,
)


def _check(day, year, today):
    if day is not None:
        if day > today:
            raise ValueError(f"La date de signature {format_date(day)} est dans le futur.")
        if day.year < MIN_YEAR:
            raise ValueError(f"Date de signature {format_date(day)} invraisemblable.")
    elif year is not None:
        if year > today.year:
            raise ValueError(f"L'année de signature {year} est dans le futur.")
        if year < MIN_YEAR:
            raise ValueError(f"Année de signature {year} invraisemblable (avant {MIN_YEAR}).")


def _unreadable(raw):
    return ValueError(
        f"Date de signature « {raw} » illisible : écrivez par exemple « 14/10/1965 », "
        "l'année seule « 1965 », un mois « mai 1965 », une année approximative « ~1965 », "
        "ou deux dates (une par côté) « 14/10/1965 / 02/05/1966 »."
    )


def parse_signatures(text, today=None):
    """The signatures a cell holds, in order (one, or two: our side then the partner's).
    Raises ValueError with a French message."""
    raw = " ".join((text or "").split())
    if not raw:
        return []
    today = today or dt.date.today()
    found, consumed = [], []
    for m in _TOKEN.finditer(raw):
        consumed.append(m.span())
        try:
            if m["dmy"]:
                parts = re.split(r"[/.-]", m["dmy"])
                sig = Signature(dt.date(int(parts[2]), int(parts[1]), int(parts[0])))
            elif m["iso"]:
                sig = Signature(dt.date.fromisoformat(m["iso"]))
            elif m["dmonth"]:
                month = MONTHS.get(normalize_name(m["dmname"]))
                if not month:
                    raise _unreadable(raw)
                sig = Signature(
                    dt.date(int(m["dmyear"]), month, int(m["dmonth"].split()[0][:2].rstrip("e")))
                )
            elif m["my"] or m["ym"]:
                month = int(m["mnum"] or m["ymnum"])
                year = int(m["myear"] or m["ymyear"])
                if not 1 <= month <= 12:
                    raise _unreadable(raw)
                sig = Signature(None, year, f"{MONTH_NAMES[month]} {year}")
            elif m["month"]:
                month = MONTHS.get(normalize_name(m["mname"]))
                year = int(m["monthyear"])
                if month:
                    sig = Signature(None, year, f"{MONTH_NAMES[month]} {year}")
                elif normalize_name(m["mname"]) in _FILLERS:  # "1985 et 1986"
                    sig = Signature(None, year)
                else:
                    raise _unreadable(raw)
            elif m["circa"]:
                year = int(m["cyear"])
                sig = Signature(None, year, f"vers {year}")
            else:
                sig = Signature(None, int(m["year"]))
        except ValueError as error:
            if str(error).startswith("Date de signature «"):
                raise
            raise _unreadable(raw) from None
        if sig.day is not None:
            sig = Signature(sig.day, sig.day.year, sig.note)
        _check(sig.day, sig.year, today)
        found.append(sig)
    leftover = raw
    for start, end in reversed(consumed):
        leftover = leftover[:start] + " " + leftover[end:]
    # Between and around two dates: separators and the sides' names are allowed
    # ("14/10/1965 (Arras) / 02/05/1966 (Herten)"), a sentence is not a date.
    if not found or len(found) > 2 or re.search(r"\d", leftover):
        raise _unreadable(raw)
    words = [w for w in normalize_name(leftover).split() if w not in _FILLERS]
    if len(words) > 4:
        raise _unreadable(raw)
    return found


_FILLERS = {"et", "and", "puis", "le", "la", "les", "en", "a", "au", "de", "du", "signe", "signee"}


def signature_note(sig):
    return sig.note if sig else ""
