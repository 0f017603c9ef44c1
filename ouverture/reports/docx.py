"""DOCX through docxtpl and python-docx: a shipped (or uploaded) template holds the wording and
the layout (A4, header line, page numbers, a table of contents field); its Jinja fields are
filled from the document's context and `{{p body }}` receives the generated blocks (headings
with Word's real heading styles, paragraphs, tables, charts).

`check_template` is what an upload goes through: a file that is not a DOCX, a broken tag or a
field the document does not provide is refused with the reason.
"""

import io
import zipfile

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT  # noqa: F401  (kept for templates made in landscape)
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate

from ouverture.core.tables import _text as cell_text
from ouverture.reports.blocks import Ref

MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
NUMERIC = {"int", "money", "decimal", "percent", "duration"}


class TemplateProblem(ValueError):
    """An unusable template; the message is French and names the field or the reason."""


# Writing blocks ---------------------------------------------------------------------------


def _add_parts(paragraph, parts):
    for part in parts:
        run = paragraph.add_run(part.text if isinstance(part, Ref) else str(part))
        if isinstance(part, Ref):
            run.bold = True


class _Styles:
    """Style ids looked up once per document (python-docx scans every style on each name)."""

    def __init__(self, document):
        self.document, self.ids = document, {}

    def id(self, name):
        if name not in self.ids:
            try:
                self.ids[name] = self.document.styles[name].style_id
            except KeyError:
                self.ids[name] = None
        return self.ids[name]

    def paragraph(self, name=None, text=""):
        paragraph = self.document.add_paragraph(text)
        style_id = self.id(name) if name else None
        if style_id:
            paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style_id
        return paragraph


def _has_style(target, name):
    try:
        target.styles[name]
        return True
    except (KeyError, AttributeError):
        return False


def _add_table(styles, table):
    columns = table.columns
    rows = list(table.rows) + ([table.totals] if table.totals else [])
    grid = styles.document.add_table(rows=1 + len(rows), cols=len(columns))
    grid_style = styles.id("Table Grid")
    if grid_style:
        grid._tbl.tblPr.get_or_add_tblStyle().val = grid_style
    for index, column in enumerate(columns):
        cell = grid.rows[0].cells[index]
        cell.paragraphs[0].add_run(column.label).bold = True
    for r, row in enumerate(rows, start=1):
        cells = grid.rows[r].cells
        last = bool(table.totals) and r == len(rows)
        for index, column in enumerate(columns):
            paragraph = cells[index].paragraphs[0]
            run = paragraph.add_run(cell_text(column, row.get(column.key)))
            if column.kind in NUMERIC:
                paragraph.alignment = 2  # right
            if last:
                run.bold = True
    for note in table.notes:
        styles.paragraph("Caption", note)


def write_blocks(document, blocks):
    """Add blocks at the end of a python-docx Document."""
    styles = _Styles(document)
    for block in blocks:
        if block.kind == "heading":
            paragraph = styles.paragraph(f"Heading {min(max(block.level, 1), 4)}")
            paragraph.add_run(block.text)
        elif block.kind == "para":
            paragraph = styles.paragraph()
            _add_parts(paragraph, block.parts)
            if block.style == "note":
                for run in paragraph.runs:
                    run.italic = True
        elif block.kind == "bullets":
            for parts in block.item_parts():
                _add_parts(styles.paragraph("List Bullet"), parts)
        elif block.kind == "table":
            _add_table(styles, block.table)
            styles.paragraph()
        elif block.kind == "image":
            document.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
            styles.paragraph("Caption", block.alt)
        elif block.kind == "pagebreak":
            styles.paragraph().add_run().add_break(WD_BREAK.PAGE)


BODY_MARKER = "\u00a7CONTENU-GENERE\u00a7"


def render_docx(template_bytes: bytes, context: dict, blocks) -> bytes:
    """The template with its fields filled, then the paragraph `{{ body }}` replaced by the
    blocks (written with python-docx at the end of the body, then moved to the marker)."""
    template = DocxTemplate(io.BytesIO(template_bytes))
    template.render({**context, "body": BODY_MARKER}, autoescape=True)
    filled = io.BytesIO()
    template.save(filled)
    document = WordDocument(io.BytesIO(filled.getvalue()))
    marker = next((p for p in document.paragraphs if BODY_MARKER in p.text), None)
    body = document.element.body
    before = len(body)
    write_blocks(document, blocks)
    if marker is not None:
        sect_pr = body.find(qn("w:sectPr"))
        new = [
            e for e in list(body)[before - (1 if sect_pr is not None else 0) :] if e is not sect_pr
        ]
        for element in new:
            marker._p.addprevious(element)
        marker._p.getparent().remove(marker._p)
    _ask_to_update_fields(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _ask_to_update_fields(document):
    """Word and LibreOffice refresh the table of contents and page numbers on opening."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        element = OxmlElement("w:updateFields")
        element.set(qn("w:val"), "true")
        settings.append(element)


# Checking an uploaded template ------------------------------------------------------------


def check_template(data: bytes, allowed_fields: set[str]) -> None:
    """Raise TemplateProblem (French) unless `data` is a DOCX template using only known fields."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateProblem(
            f"Le fichier fait {len(data) / 1024 / 1024:.0f} Mo : un modèle ne peut dépasser "
            f"{MAX_TEMPLATE_BYTES // 1024 // 1024} Mo."
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateProblem("Ce fichier n'est pas un document Word (.docx).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise TemplateProblem("Ce fichier n'est pas un document Word (.docx).")
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
    except TemplateProblem:
        raise
    except Exception as error:  # noqa: BLE001  (python-docx raises many kinds)
        raise TemplateProblem(f"Ce document Word ne peut pas être lu ({error}).") from None
    try:
        names = template.get_undeclared_template_variables()
    except Exception as error:  # noqa: BLE001  (jinja2.TemplateSyntaxError and friends)
        line = getattr(error, "lineno", None)
        message = getattr(error, "message", None) or str(error)
        raise TemplateProblem(
            "La syntaxe du modèle est incorrecte"
            + (f" (ligne {line} du texte du modèle)" if line else "")
            + f" : {message}. Vérifiez que chaque balise {{{{ … }}}} ou {{% … %}} est fermée."
        ) from None
    unknown = sorted(set(names) - set(allowed_fields) - {"body"})
    if unknown:
        raise TemplateProblem(
            "Champ inconnu dans le modèle : "
            + ", ".join(f"« {name} »" for name in unknown)
            + ". Champs disponibles : "
            + ", ".join(sorted(allowed_fields))
            + "."
        )
    if "body" not in names:
        raise TemplateProblem(
            "Le modèle doit garder le champ {{ body }} : c'est là que le contenu est inséré."
        )


# Shipped templates ------------------------------------------------------------------------


def _field(paragraph, instruction):
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "…"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, placeholder, end):
        run._r.append(element)


def build_template(*, with_toc=True, wording=()) -> bytes:
    """An A4 template: header `{{ header_line }}`, footer "Page N / M", `{{ title }}`,
    an optional table of contents, optional wording paragraphs (which may hold fields),
    then `{{ body }}` (where the generated content goes)."""
    document = WordDocument()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2)
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10.5)
    section.header.paragraphs[0].text = "{{ header_line }}"
    footer = section.footer.paragraphs[0]
    footer.alignment = 1
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{{ subtitle }}", style="Subtitle")
    if with_toc:
        document.add_paragraph(
            "Sommaire", style="TOC Heading" if _has_style(document, "TOC Heading") else None
        )
        _field(document.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u')
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for text, style in wording:
        document.add_paragraph(text, style=style)
    document.add_paragraph("{{ body }}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
