"""From a document's content to a file: DOCX (docxtpl template + generated body), HTML
(preview, every figure a link to its rows), PDF (WeasyPrint from the same HTML).

`generate(document, fmt)` returns (bytes, figures); `services.generate` keeps the version.
"""

import io

from django.template.loader import render_to_string

from ouverture.documents.base import SHIPPED, DocumentError
from ouverture.reports.docx import render_docx

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def template_bytes(document) -> bytes:
    """The uploaded template in use for this kind, else the shipped one."""
    from ouverture.documents.models import DocumentTemplate

    uploaded = DocumentTemplate.objects.current(document.kind)
    if uploaded is not None:
        return bytes(uploaded.content)
    return (SHIPPED / document.template_file).read_bytes()


def draft_check_blocks(document):
    """A draft lists what its checks found before anything else."""
    from ouverture.agreements.enums import AgreementStatus
    from ouverture.reports.blocks import Bullets, Heading

    agreement = document.agreement
    if agreement is None or agreement.status != AgreementStatus.DRAFT or not document.template_file:
        return []
    found = [c for c in document.checks() if c.level != "ok"]
    if not found:
        return []
    return [
        Heading("Vérifications avant envoi (projet)", 1),
        Bullets([f"{c.level_label} — {c.label} : {c.detail}" for c in found]),
    ]


def docx_bytes(document, *, with_checks=True) -> bytes:
    blocks = (
        document.docx_blocks() if hasattr(document, "docx_blocks") else document.blocks(links=False)
    )
    if with_checks:
        blocks = draft_check_blocks(document) + blocks
    return render_docx(template_bytes(document), document.context(), blocks)


def html_text(document, *, links=True) -> str:
    if document.wording_only:
        # Wording-only documents (the agreement): the HTML follows the filled DOCX template.
        body = docx_to_blocks(docx_bytes(document, with_checks=False))
    else:
        body = document.blocks(links=links)
        if hasattr(document, "annex_blocks"):
            body = body + document.annex_blocks()
    return render_to_string(
        "reports/document.html",
        {
            "context": document.context(),
            "blocks": body,
            "checks": [c for c in document.checks() if c.level != "ok"]
            if document.template_file
            and document.agreement is not None
            and document.agreement.status == "draft"
            else [],
            "draft": True,
        },
    )


def pdf_bytes(document) -> bytes:
    from weasyprint import HTML  # late: loading Pango costs ~0.5 s

    return HTML(string=html_text(document, links=False), base_url=".").write_pdf()


def generate(document, fmt, *, progress=None):
    """(content bytes, figures) in the chosen format; refused if a check blocks it."""
    progress = progress or (lambda percent, step: None)
    if fmt not in document.formats:
        raise DocumentError(
            f"Format « {fmt} » indisponible pour « {document.label} » : "
            f"{', '.join(document.formats)}."
        )
    progress(10, "Calcul des chiffres")
    figures = document.all_figures
    if document.template_file:
        blocking = document.blocking()
        if blocking:
            raise DocumentError(
                "Le document ne peut pas partir : "
                + " ; ".join(f"{c.label} ({c.detail})" for c in blocking)
            )
    progress(40, "Mise en page")
    if fmt == "docx":
        content = docx_bytes(document)
    elif fmt == "html":
        content = html_text(document, links=True).encode("utf-8")
    elif fmt == "pdf":
        content = pdf_bytes(document)
    else:
        content = document.render_table(fmt)
    progress(90, "Enregistrement")
    return content, figures


def docx_to_blocks(data: bytes):
    """Headings, paragraphs and tables of a DOCX as blocks (the agreement's HTML preview)."""
    from docx import Document as WordDocument

    from ouverture.reports.blocks import Bullets, Heading, Para

    out = []
    for paragraph in WordDocument(io.BytesIO(data)).paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith("Heading"):
            level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
            out.append(Heading(text, level))
        elif style == "Title":
            continue
        elif style == "List Bullet":
            out.append(Bullets([text]))
        else:
            out.append(Para([text]))
    return out
