"""Reading tables people send: CSV, TSV or XLSX, with errors a person can act on.

`read_table` returns the header and rows with their file line numbers, or raises
FileRejected with a French message. Importers then validate each row and collect
`Issue`s (line, column, message); they write only when no row has an issue.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ouverture.core.text import normalize_name

TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}
ENCODINGS = {"utf-8": "UTF-8", "cp1252": "Windows-1252 (Latin-1)"}


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


def _decode(raw: bytes, encoding: str) -> str:
    if encoding == "utf-8":
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            try:
                raw.decode("cp1252")
                hint = (
                    " Il semble enregistré en Windows-1252/Latin-1 (l'ancien « CSV séparateur point-virgule » d'Excel) : "
                    "enregistrez-le en « CSV UTF-8 » ou en classeur XLSX, ou choisissez l'encodage Windows-1252."
                )
            except UnicodeDecodeError:
                hint = ""
            raise FileRejected(
                f"Le fichier n'est pas en UTF-8 (premier caractère illisible ligne {line}).{hint}"
            ) from None
    return raw.decode(encoding)


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


def read_table(
    content: bytes, filename: str, *, aliases: dict, required=(), encoding="utf-8"
) -> TableFile:
    suffix = Path(filename or "").suffix.lower()
    if not content or not content.strip():
        raise FileRejected("Le fichier est vide.")
    if suffix == ".xlsx":
        headers, raw_rows, delimiter = _read_xlsx(content)
    elif suffix in TEXT_SUFFIXES or not suffix:
        text = _decode(content, encoding)
        delimiter = "\t" if suffix == ".tsv" else _sniff_delimiter(text)
        parsed = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        parsed = [(i, r) for i, r in enumerate(parsed, start=1)]
        nonempty = [(i, r) for i, r in parsed if any(c.strip() for c in r)]
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
    if not raw_rows:
        raise FileRejected(
            "Le fichier ne contient que la ligne de titres : aucune ligne à importer."
        )
    table = TableFile(
        headers=list(headers), columns=columns, encoding=encoding, delimiter=delimiter
    )
    for line, cells in raw_rows:
        values = {
            key: (cells[i].strip() if i < len(cells) and cells[i] is not None else "")
            for i, key in mapping.items()
        }
        table.rows.append(Row(line=line, values=values))
    return table


def _read_xlsx(content: bytes):
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=False, data_only=True)
    except Exception:  # openpyxl raises several kinds for a damaged or foreign file
        raise FileRejected(
            "Ce fichier XLSX est illisible (endommagé, protégé, ou pas un classeur Excel)."
        ) from None
    sheet = workbook.worksheets[0]
    rows = [(i, r) for i, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
    nonempty = [(i, r) for i, r in rows if any(c not in (None, "") for c in r)]
    if not nonempty:
        raise FileRejected("Le classeur est vide (première feuille).")
    header_line = nonempty[0][0]
    merged = [str(r) for r in sheet.merged_cells.ranges if r.min_row <= header_line <= r.max_row]
    if merged:
        raise FileRejected(
            f"Cellules d'en-tête fusionnées ({', '.join(merged)}) : défusionnez-les pour que chaque colonne "
            "ait son propre titre sur une seule ligne, puis réimportez le fichier."
        )

    def text(value):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if hasattr(value, "strftime"):
            return value.strftime("%d/%m/%Y")
        return str(value)

    headers = [text(c) for c in nonempty[0][1]]
    data = [(i, [text(c) for c in r]) for i, r in nonempty[1:]]
    return headers, data, None
