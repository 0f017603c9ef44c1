"""The activity report ("Bilan d'activités") of one agreement, built from its records.

Its chapters come from `CHAPTER_BUILDERS`, in order: each is a function
`builder(report, links) -> list of blocks` (empty when it has nothing to say). To add a
chapter, write its builder in `chapters.py` or `record_chapters.py` (the survey campaign,
the funder meetings and the promotion events), declare its figures in `FIGURE_PROVIDERS` (a function `provider(report) -> {code: Figure}`),
and add both to the lists below: nothing else changes.
"""

from functools import cached_property

from ouverture.agreements.progress import NO_TARGET
from ouverture.core.formats import format_decimal
from ouverture.documents import chapters, record_chapters
from ouverture.documents.base import Document
from ouverture.documents.wording import plural
from ouverture.reports.blocks import Bullets, Heading, Para, TableBlock
from ouverture.reports.tables import Column, Table

FIGURE_PROVIDERS = [
    chapters.commitment_figures,
    chapters.coaching_figures,
    chapters.workshop_figures,
    chapters.training_figures,
    record_chapters.survey_figures,
    record_chapters.meeting_figures,
    record_chapters.promotion_figures,
]

CHAPTER_BUILDERS = [
    chapters.introduction,
    chapters.commitments_reminder,
    chapters.commitment_chapters,
    chapters.coaching_chapter,
    chapters.workshops_chapter,
    chapters.trainings_chapter,
    record_chapters.survey_builder,
    record_chapters.meetings_builder,
    record_chapters.promotion_builder,
    chapters.conclusion,
]


class ActivityReport(Document):
    kind = "activity-report"
    label = "Bilan d'activités"
    template_file = "activity-report.docx"
    needs_commitments = True
    blocking_codes = {"commitment_dates", "report_date", "line_overspent"}

    @property
    def narrative_keys(self):
        keys = [("introduction", "Introduction")]
        keys += [
            (f"commitment-{c.pk}", f"Commentaire : {c.label}")
            for c in self.agreement.commitments.in_order()
        ]
        keys += [("conclusion", "Conclusion")]
        return keys

    @property
    def start(self):
        return self.agreement.action_start

    @property
    def end(self):
        return self.agreement.action_end

    @property
    def header_line(self):
        departement = self.agreement.funder.usual_name or self.agreement.funder.name
        beneficiary = self.agreement.beneficiary.usual_name or self.agreement.beneficiary.name
        area = chapters.area_name(self.agreement.funder) or departement
        return f"{beneficiary} {self.agreement.year} – {self.label} {area}"

    def context(self):
        a = self.agreement
        return {
            "header_line": self.header_line,
            "title": f"{self.label} {a.year}",
            "subtitle": f"Convention {a.reference} — {a.title}",
        }

    def figures(self):
        out = {}
        for provider in FIGURE_PROVIDERS:
            out.update(provider(self))
        return out

    @cached_property
    def progress(self):
        return self.overview.commitments

    def blocks(self, *, links=True):
        out = []
        for builder in CHAPTER_BUILDERS:
            out += builder(self, links)
        return out

    def annex_blocks(self):
        """ "D'où viennent les chiffres": each figure, its definition, the rows behind it."""
        table = Table(
            "D'où viennent les chiffres",
            [
                Column("label", "Chiffre"),
                Column("code", "Référence"),
                Column("value", "Valeur"),
                Column("definition", "Définition"),
                Column("rows", "Lignes derrière le chiffre", "int"),
            ],
        )
        for figure in self.all_figures.values():
            table.add(
                label=figure.label,
                code=figure.code,
                value=figure.text,
                definition=figure.definition,
                rows=len(figure.rows),
            )
        return [
            Heading("Annexe — D'où viennent les chiffres", 1),
            Para(
                [
                    "Chaque chiffre de ce bilan est calculé à partir des enregistrements de la "
                    "plateforme ; la dernière colonne donne le nombre d'enregistrements derrière "
                    f"lui ({format_decimal(len(self.all_figures), 0)} chiffres)."
                ]
            ),
            TableBlock(table),
        ]

    def docx_blocks(self):
        return self.blocks(links=False) + self.annex_blocks()


def reminder_bullets(report):
    return Bullets(
        [
            f"{c.label} : {format_decimal(c.target, 0)} {plural(c.unit, c.target)}"
            if c.target is not None
            else f"{c.label} : {NO_TARGET} ({c.unit})"
            for c in report.agreement.commitments.in_order()
        ]
    )
