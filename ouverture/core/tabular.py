"""Reading tables people send: CSV, TSV or XLSX, with errors a person can act on.

`read_table` returns the header and rows with their file line numbers, or raises
FileRejected with a French message. Importers then validate each row and collect
`Issue`s (line, column, message); they write only when no row has an issue.

Real files, handled here once for every importer:
- limits checked before parsing: size (`MAX_BYTES`), rows (`MAX_ROWS`), cells
  (`MAX_CELLS`), columns (`MAX_COLUMNS`), one cell's length (`MAX_CELL_CHARS`, line
  and column named); an XLSX is streamed (openpyxl read-only, its declared dimension
  ignored, so a sheet that claims a million styled empty cells costs nothing) and
  its uncompressed size is bounded (`MAX_XLSX_UNCOMPRESSED`);
- any line ending (LF, CRLF, CR alone); UTF-8 with or without BOM, or Windows-1252
  where the five undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) are dropped with a
  warning rather than a crash;
- control characters (NUL, vertical tab… everything but tab and line breaks) are
  removed, with a warning naming the lines;
- line numbers are the file's own lines, also after a quoted cell spanning lines;
- Excel time and duration cells read as durations ("1h30"), not "01/01/1900".
`TableFile.warnings` lists what was corrected, for the preview to show.
`check_length` bounds a value to its model field's max_length, so the dry run refuses
what the real run would.
"""

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ouverture.core.formats import format_hours, group_thousands
from ouverture.core.text import normalize_name
from ouverture.core.wording import plural

TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
ENCODINGS = {"utf-8": "UTF-8", "cp1252": "Windows-1252 (Latin-1)"}

MAX_BYTES = 10 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELLS = 4_000_000
MAX_CELL_CHARS = 32_767  # what an Excel cell holds
CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
# C0 controls but tab, LF, CR; DEL; C1 controls (what 0x80-0x9F become when misread).
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
EXCEL_EPOCHS = {dt.date(1899, 12, 30), dt.date(1899, 12, 31), dt.date(1900, 1, 1)}


# The csv module refuses a field over 131 072 characters with an English error; let it
# read up to the file size limit, and refuse an oversized cell ourselves, with its place.
csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))


class FileRejected(Exception):
    """The file as a whole cannot be read; nothing was written."""


@dataclass
class Issue:
    line: int | None
    column: str | None
    message: str

    def __str__(self):
        where = []
        if self.line is not None:
            where.append(f"ligne {self.line}")
        if self.column:
            where.append(f"colonne {self.column}")
        return (", ".join(where) + " : " if where else "") + self.message


@dataclass
class Row:
    line: int
    values: dict  # canonical key -> raw text (stripped)


@dataclass
class TableFile:
    headers: list[str]
    columns: dict  # canonical key -> "« label » (letter)" for messages
    rows: list[Row] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str | None = None
    warnings: list[str] = field(default_factory=list)


def int_fr(number) -> str:
    return group_thousands(str(int(number)))


def check_length(value, limit, *, line, column, what="Ce texte"):
    """An Issue when `value` is longer than its field's max_length (`limit`), else None."""
    if value is not None and len(value) > limit:
        return Issue(
            line,
            column,
            f"{what} compte {int_fr(len(value))} caractères : au plus {int_fr(limit)}. "
            "Raccourcissez-le.",
        )
    return None


def _lines_list(lines, limit=10):
    shown = ", ".join(str(n) for n in lines[:limit])
    return shown + (
        f" et {len(lines) - limit} {plural('autre', len(lines) - limit)}"
        if len(lines) > limit
        else ""
    )


def _decode(raw: bytes, encoding: str, warnings: list) -> str:
    if encoding == "utf-8":
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            if b"\r" in raw and b"\n" not in raw:
                line = raw[: error.start].count(b"\r") + 1
            hint = (
                " Il semble enregistré en Windows-1252/Latin-1 (l'ancien « CSV séparateur "
                "point-virgule » d'Excel) : enregistrez-le en « CSV UTF-8 » ou en classeur XLSX, "
                "ou choisissez l'encodage Windows-1252."
            )
            raise FileRejected(
                f"Le fichier n'est pas en UTF-8 (premier caractère illisible ligne {line}).{hint}"
            ) from None
    undefined = sorted({b for b in raw if b in CP1252_UNDEFINED})
    text = raw.decode(encoding, errors="replace")
    if undefined:
        lines = [n for n, part in enumerate(text.splitlines(), 1) if "\ufffd" in part]
        codes = ", ".join(f"0x{b:02X}" for b in undefined)
        warnings.append(
            f"{plural('Octet', len(undefined))} {codes} sans caractère en Windows-1252, "
            f"{plural('ignoré', len(undefined))} ({plural('ligne', len(lines))} {_lines_list(lines)}) : le fichier est peut-être dans un autre encodage."
        )
        text = text.replace("\ufffd", "")
    return text


def _strip_controls(text: str, warnings: list) -> str:
    if not CONTROL_RE.search(text):
        return text
    lines = [n for n, part in enumerate(text.splitlines(), 1) if CONTROL_RE.search(part)]
    warnings.append(
        "Caractères de contrôle invisibles (NUL, tabulation verticale…) supprimés, "
        f"{plural('ligne', len(lines))} {_lines_list(lines)}."
    )
    return CONTROL_RE.sub("", text)


def _sniff_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (";", "\t", ",")}
    delimiter = max(counts, key=counts.get)
    return delimiter if counts[delimiter] else ";"


def _map_headers(headers, aliases, letters):
    """aliases: canonical key -> list of accepted header spellings."""
    lookup = {}
    for key, names in aliases.items():
        for name in [key, *names]:
            lookup[normalize_name(name)] = key
    mapping, columns = {}, {}
    for index, header in enumerate(headers):
        key = lookup.get(normalize_name(header or ""))
        if key and key not in columns:
            mapping[index] = key
            columns[key] = f"« {header.strip()} » ({letters[index]})"
    return mapping, columns


class _Budget:
    """Counts rows and cells as they are read and refuses the file past the limits."""

    def __init__(self):
        self.rows = self.cells = 0

    def take(self, line, cells):
        self.rows += 1
        self.cells += len(cells)
        if self.rows > MAX_ROWS + 1:
            raise FileRejected(
                f"Le fichier compte plus de {int_fr(MAX_ROWS)} lignes : découpez-le."
            )
        if self.cells > MAX_CELLS:
            raise FileRejected(
                f"Le fichier compte plus de {int_fr(MAX_CELLS)} cellules : retirez les "
                "colonnes inutiles ou découpez-le."
            )
        for index, value in enumerate(cells):
            if value is not None and len(value) > MAX_CELL_CHARS:
                raise FileRejected(
                    f"Ligne {line}, colonne {get_column_letter(index + 1)} : la cellule compte "
                    f"{int_fr(len(value))} caractères, au-delà de {int_fr(MAX_CELL_CHARS)} "
                    "(ce qu'une cellule Excel contient) : vérifiez le fichier."
                )


HEAD_BYTES = 64 * 1024


def _head(content, encoding):
    """The beginning of a text file up to the end of its titles' line (for a mapping
    screen: the rest is read whole, and checked, by the dry run)."""
    size = HEAD_BYTES
    while size < len(content):
        cut = max(content.rfind(b"\n", 0, size), content.rfind(b"\r", 0, size))
        head = content[: cut + 1] if cut >= 0 else b""
        try:
            text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head)
        except LookupError:
            return content
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
        records = list(reader)
        # A nonempty record followed by another one is complete (the last may be cut).
        if any(any(c.strip() for c in r) for r in records[:-1]):
            return head
        size *= 2
    return content


def _read_text(text, delimiter, budget, *, headers_only):
    """(line, cells) for each record, `line` the file's line where the record starts."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    records, line = [], 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            raise FileRejected(
                f"Ligne {reader.line_num} : une cellule ne se termine pas (guillemet ouvrant "
                "sans guillemet fermant, ou cellule démesurée). Vérifiez le fichier."
            ) from None
        if len(cells) > MAX_COLUMNS and any(c.strip() for c in cells[MAX_COLUMNS:]):
            raise FileRejected(
                f"Ligne {line} : plus de {MAX_COLUMNS} colonnes remplies ; gardez les colonnes utiles."
            )
        cells = cells[:MAX_COLUMNS]
        budget.take(line, cells)
        records.append((line, cells))
        line = reader.line_num + 1
        if headers_only and any(c.strip() for c in cells):
            break
    return records


def read_table(
    content: bytes,
    filename: str,
    *,
    aliases: dict,
    required=(),
    encoding="utf-8",
    headers_only=False,
) -> TableFile:
    """`headers_only`: read up to the titles' line (a mapping screen), no row needed."""
    suffix = Path(filename or "").suffix.lower()
    if not content or not content.strip():
        raise FileRejected("Le fichier est vide.")
    if len(content) > MAX_BYTES:
        raise FileRejected(f"Le fichier dépasse {MAX_BYTES // (1024 * 1024)} Mo : découpez-le.")
    warnings = []
    budget = _Budget()
    if suffix == ".xlsx":
        headers, raw_rows, delimiter = _read_xlsx(content, budget, warnings, headers_only)
    elif suffix in TEXT_SUFFIXES or not suffix:
        if headers_only:
            content = _head(content, encoding)
        text = _strip_controls(_decode(content, encoding, warnings), warnings)
        delimiter = "\t" if suffix == ".tsv" else _sniff_delimiter(text)
        parsed = _read_text(text, delimiter, budget, headers_only=headers_only)
        nonempty = [(i, r) for i, r in parsed if any(map(str.strip, r))]
        if not nonempty:
            raise FileRejected("Le fichier est vide.")
        headers = nonempty[0][1]
        raw_rows = nonempty[1:]
    else:
        raise FileRejected(
            f"Format « {suffix} » non pris en charge : envoyez un fichier CSV, TSV ou XLSX."
        )
    letters = [get_column_letter(i + 1) for i in range(len(headers))]
    mapping, columns = _map_headers(headers, aliases, letters)
    missing = [key for key in required if key not in columns]
    if missing:
        expected = "; ".join(f"« {aliases[k][0] if aliases.get(k) else k} »" for k in missing)
        found = ", ".join(f"« {h} »" for h in headers if h) or "aucune"
        raise FileRejected(
            f"Colonnes introuvables : {expected}. Colonnes du fichier : {found}. "
            "Vérifiez que la première ligne porte les titres des colonnes."
        )
    if not raw_rows and not headers_only:
        raise FileRejected(
            "Le fichier ne contient que la ligne de titres : aucune ligne à importer."
        )
    table = TableFile(
        headers=list(headers),
        columns=columns,
        encoding=encoding,
        delimiter=delimiter,
        warnings=warnings,
    )
    for line, cells in raw_rows:
        values = {
            key: (cells[i].strip() if i < len(cells) and cells[i] is not None else "")
            for i, key in mapping.items()
        }
        table.rows.append(Row(line=line, values=values))
    return table


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.timedelta):
        return format_hours(round(value.total_seconds() / 60))
    if isinstance(value, dt.time):
        return format_hours(value.hour * 60 + value.minute + round(value.second / 60))
    if isinstance(value, dt.datetime) and value.date() in EXCEL_EPOCHS:
        # A time typed in a cell with a date-and-time format: Excel's day zero.
        return _cell_text(value.time())
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _first_sheet_merges(archive):
    """The merged ranges of the workbook's first sheet, read from its XML."""
    names = sorted(
        (n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)),
        key=lambda n: int(re.search(r"\d+", n.rsplit("/", 1)[1]).group()),
    )
    if not names:
        return []
    data = archive.read(names[0])
    return re.findall(rb'<(?:\w+:)?mergeCell ref="([A-Z]+\d+):([A-Z]+\d+)"', data)


def _read_xlsx(content: bytes, budget, warnings, headers_only=False):
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        uncompressed = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        archive, uncompressed = None, 0
    if uncompressed > MAX_XLSX_UNCOMPRESSED:
        raise FileRejected(
            f"Ce classeur décompressé dépasse {MAX_XLSX_UNCOMPRESSED // (1024 * 1024)} Mo : "
            "enregistrez seulement la feuille utile, ou en CSV."
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the declared dimension may claim a million cells
        rows = []
        for line, raw in enumerate(sheet.iter_rows(values_only=True), start=1):
            raw = list(raw)
            while raw and raw[-1] in (None, ""):
                raw.pop()
            if len(raw) > MAX_COLUMNS:
                raise FileRejected(
                    f"Ligne {line} : plus de {MAX_COLUMNS} colonnes remplies ; gardez les "
                    "colonnes utiles."
                )
            cells = [CONTROL_RE.sub("", _cell_text(c)) for c in raw]
            if any(_cell_text(c) != t for c, t in zip(raw, cells, strict=True)):
                warnings.append(f"Caractères de contrôle invisibles supprimés, ligne {line}.")
            budget.take(line, cells)
            rows.append((line, cells))
            if headers_only and any(cells):
                break
        merges = _first_sheet_merges(archive) if archive is not None else []
        workbook.close()
    except FileRejected:
        raise
    except Exception:  # openpyxl raises several kinds for a damaged or foreign file
        raise FileRejected(
            "Ce fichier XLSX est illisible (endommagé, protégé, ou pas un classeur Excel)."
        ) from None
    nonempty = [(i, r) for i, r in rows if any(c != "" for c in r)]
    if not nonempty:
        raise FileRejected("Le classeur est vide (première feuille).")
    header_line = nonempty[0][0]
    merged = []
    for start, end in merges:
        first = int(re.search(rb"\d+", start).group())
        last = int(re.search(rb"\d+", end).group())
        if first <= header_line <= last:
            merged.append(f"{start.decode()}:{end.decode()}")
    if merged:
        raise FileRejected(
            f"Cellules d'en-tête fusionnées ({', '.join(merged)}) : défusionnez-les pour que chaque colonne "
            "ait son propre titre sur une seule ligne, puis réimportez le fichier."
        )
    return nonempty[0][1], nonempty[1:], None
