"""A document class: identifier, French label, parameters, the records it reads, and the
methods that return its content (`figures()`, `context()`, `blocks()`, `checks()`).

The renderers (`render.py`) turn that content into DOCX, PDF or HTML; views, the command and
the background task all go through `render.generate`.
"""

import re
from functools import cached_property
from pathlib import Path

from django.core.exceptions import ValidationError
from django.urls import reverse

from ouverture.agreements.checks import KO, OK, WARN, Check
from ouverture.agreements.overview import AgreementOverview
from ouverture.core.indicators import Figure
from ouverture.reports.blocks import Para, Ref

SHIPPED = Path(__file__).parent / "shipped"
FIELD = re.compile(r"\[\[\s*([^\]]*?)\s*\]\]|\{\{\s*([^}]*?)\s*\}\}")


class DocumentError(ValueError):
    """A document that cannot be generated, with a French message saying why."""


class Document:
    kind = ""  # "activity-report"
    label = ""  # "Bilan d'activités"
    formats = ("docx", "pdf", "html")
    template_file = ""  # shipped DOCX template in documents/shipped/
    # (key, French label) of the sections staff write; their text may hold figure fields.
    narrative_keys: list = []
    # Jinja fields the DOCX template may use besides `body`.
    fields: set = {"header_line", "title", "subtitle"}
    needs_commitments = False
    # True when the document states the agreement's amounts: "amounts_known" checks them.
    needs_amounts = False
    # True when all the wording is in the DOCX template (the agreement): HTML follows the DOCX.
    wording_only = False
    # Codes of the checks that, "à corriger", stop this document from going out.
    blocking_codes: set = set()

    def __init__(self, agreement, *, today=None):
        self.agreement = agreement
        self.today = today
        if self.needs_commitments and not agreement.commitments.exists():
            raise DocumentError(
                f"La convention {agreement.reference} n'a aucun engagement : "
                "le document ne peut pas être établi."
            )

    # Content --------------------------------------------------------------------------------

    @cached_property
    def overview(self):
        return AgreementOverview(self.agreement, today=self.today)

    def figures(self) -> dict[str, Figure]:
        return {}

    @cached_property
    def all_figures(self) -> dict[str, Figure]:
        return self.figures()

    def context(self) -> dict:
        return {"header_line": self.header_line, "title": self.label, "subtitle": ""}

    @property
    def header_line(self):
        return f"{self.agreement.beneficiary} {self.agreement.year} – {self.label}"

    def blocks(self, *, links=True) -> list:
        return []

    def amounts_check(self):
        a = self.agreement
        missing = [
            label
            for label, value in (("subvention", a.subsidy), ("coût total", a.forecast_cost))
            if value is None
        ]
        return Check(
            "amounts_known",
            "Montants de la convention connus",
            KO if missing else OK,
            (
                f"{', '.join(missing).capitalize()} : montant non connu. Saisissez les montants "
                "de la convention avant d'établir ce document."
            )
            if missing
            else "Subvention et coût total saisis.",
        )

    def checks(self) -> list[Check]:
        checks = list(self.overview.checks)
        if self.needs_amounts:
            checks.insert(0, self.amounts_check())
        for figure in self.all_figures.values():
            if not figure.rows:
                checks.append(
                    Check(
                        "empty_figure",
                        f"Chiffre « {figure.label} » sans lignes",
                        WARN,
                        f"Aucun enregistrement derrière ce chiffre ({figure.text}) : "
                        "vérifiez la période ou la saisie.",
                    )
                )
        return checks

    def blocking(self):
        return [c for c in self.checks() if c.level == KO and c.code in self.blocking_codes]

    # Figures and narrative ------------------------------------------------------------------

    def figure_url(self, code):
        return reverse("documents:figure_rows", args=[self.kind, self.agreement.pk, code])

    def ref(self, code, *, links=True, text=None, missing=None):
        """The figure as a reference; `missing` is the text written when the figure does not
        exist (an amount not known)."""
        if missing is not None and code not in self.all_figures:
            return missing
        figure = self.all_figures[code]
        return Ref(text=text or figure.text, url=self.figure_url(code) if links else "", code=code)

    def narrative(self, key, *, links=True):
        """The staff's text for a section, figure fields replaced by live figures."""
        from ouverture.documents.models import NarrativeSection

        section = NarrativeSection.objects.filter(
            kind=self.kind, agreement=self.agreement, key=key
        ).first()
        if section is None or not section.text.strip():
            return []
        return [Para(parts) for parts in narrative_parts(section.text, self, links=links)]

    def filename(self, fmt):
        return f"{self.kind}-{self.agreement.reference}.{fmt}"


def field_names(text):
    return [(m.group(1) if m.group(1) is not None else m.group(2)) for m in FIELD.finditer(text)]


def check_fields(text, document):
    """ValidationError naming every field that is not one of the document's figures."""
    known = document.all_figures
    unknown = [name for name in field_names(text) if name not in known]
    if unknown:
        raise ValidationError(
            {
                "text": "Champ inconnu : "
                + ", ".join(f"« {name} »" for name in dict.fromkeys(unknown))
                + ". Champs disponibles : "
                + ", ".join(f"[[{code}]]" for code in known)
                + "."
            }
        )


def readable_text(text, document):
    """The text as a person reads it on screen: each field replaced by its figure's value
    (the `[[code]]` syntax stays in the editor)."""

    def value(match):
        name = match.group(1) if match.group(1) is not None else match.group(2)
        figure = document.all_figures.get(name)
        return figure.text if figure is not None else f"« chiffre inconnu : {name} »"

    return FIELD.sub(value, text)


def narrative_parts(text, document, *, links=True):
    """Paragraphs (blank-line separated) as lists of parts; a field becomes the figure's Ref."""
    out = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        parts, last = [], 0
        for match in FIELD.finditer(paragraph):
            parts.append(paragraph[last : match.start()])
            name = match.group(1) if match.group(1) is not None else match.group(2)
            if name not in document.all_figures:
                raise DocumentError(f"Champ inconnu dans le texte : « {name} ».")
            parts.append(document.ref(name, links=links))
            last = match.end()
        parts.append(paragraph[last:])
        out.append([p for p in parts if p != ""])
    return out
