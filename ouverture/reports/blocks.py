"""The content of a document, as the renderers read it: a list of blocks.

A document class (``ouverture.documents``) returns blocks; the DOCX, HTML and PDF renderers
of this package write them. A paragraph is a list of parts: plain text, or a `Ref` (a value
that links to the rows behind it: a figure in the HTML preview, plain text in Word).
"""

from dataclasses import dataclass, field

from ouverture.core.tables import Table


@dataclass(frozen=True)
class Ref:
    text: str
    url: str = ""
    code: str = ""  # the figure's code, for tests and the HTML id


@dataclass
class Heading:
    text: str
    level: int = 1
    kind: str = "heading"


@dataclass
class Para:
    parts: list = field(default_factory=list)  # str | Ref
    style: str = ""  # "" | "note" | "quote"
    kind: str = "para"

    @property
    def text(self):
        return "".join(p.text if isinstance(p, Ref) else str(p) for p in self.parts)

    @property
    def refs(self):
        return as_refs(self.parts)


@dataclass
class Bullets:
    items: list = field(default_factory=list)  # each a list of parts, or a str
    kind: str = "bullets"

    def item_parts(self):
        return [[i] if isinstance(i, str | Ref) else list(i) for i in self.items]

    @property
    def item_refs(self):
        return [as_refs(parts) for parts in self.item_parts()]


@dataclass
class TableBlock:
    table: Table
    kind: str = "table"

    def text_rows(self):
        """Rows (totals last) as [(text, is_number)], formatted as in the DOCX."""
        from ouverture.core.tables import _text

        numeric = {"int", "money", "decimal", "percent", "duration"}
        rows = list(self.table.rows) + ([self.table.totals] if self.table.totals else [])
        return [
            [(_text(c, row.get(c.key)), c.kind in numeric) for c in self.table.columns]
            for row in rows
        ]


@dataclass
class Image:
    png: bytes
    alt: str
    width_cm: float = 15.0
    kind: str = "image"

    @property
    def data_uri(self):
        import base64

        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class PageBreak:
    kind: str = "pagebreak"


def para(*parts, style=""):
    return Para(list(parts), style=style)


def as_refs(parts):
    """Every part as a Ref (plain text has no code), so templates read one shape."""
    return [p if isinstance(p, Ref) else Ref(text=str(p)) for p in parts]
