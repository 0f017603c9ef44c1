"""Reading answers: response rates, counts per question, charts and exports.

Every function here costs a fixed number of SQL queries whatever the number of
answers: counts are grouped in the database, texts and numbers come in one query
per kind. Other apps call `responses_for`, `response_rate`, `chart_images`.
"""

import statistics
import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch
from django.utils import timezone

from ouverture.core.formats import format_decimal, format_percent, percent
from ouverture.organisations.enums import SizeClass, size_class_for
from ouverture.surveys.enums import CHOICE_KINDS, TEXT_KINDS, Derivation, QuestionKind
from ouverture.surveys.models import Answer, Invitation, Question, Response, Section


def responses_for(subject_ref):
    """Responses to the questionnaires attached to a record ("events.workshop:7")."""
    return Response.objects.for_subject(subject_ref)


def _plural(n, word):
    return f"{format_decimal(n, 0)} {word}{'s' if n > 1 else ''}"


@dataclass(frozen=True)
class ResponseRate:
    """Responses against invitations, told honestly: "5 réponses sur 13 participants"."""

    responses: int  # every response recorded, whatever its origin
    invited: int  # personal links created
    answered: int  # personal links that served

    @property
    def percent(self):
        """Exact percentage of invited people who answered (None without invitations)."""
        return percent(self.answered, self.invited)

    @property
    def other_responses(self):
        return self.responses - self.answered

    def text(self, population="personnes invitées"):
        if not self.invited:
            return f"{_plural(self.responses, 'réponse')} (aucune invitation envoyée)"
        if self.invited == 1:
            # "personnes invitées" -> "personne invitée", "participants" -> "participant"
            population = " ".join(w.removesuffix("s") for w in population.split())
        out = f"{_plural(self.answered, 'réponse')} sur {format_decimal(self.invited, 0)} {population}"
        out += f" ({format_percent(self.percent)})"
        if self.other_responses:
            n = self.other_responses
            s = "s" if n > 1 else ""
            out += f", et {format_decimal(n, 0)} autre{s} réponse{s} sans invitation"
        return out

    def __str__(self):
        return self.text()


def response_rate(questionnaire, *, audience=None):
    """Responses against personal links sent. When the questionnaire went out some
    other way, `audience` is how many people it was meant for (a workshop's
    participants): every response then counts against it."""
    responses = Response.objects.filter(questionnaire=questionnaire).count()
    if audience is not None:
        return ResponseRate(responses=responses, invited=audience, answered=responses)
    invitations = Invitation.objects.filter(questionnaire=questionnaire).aggregate(
        invited=Count("pk"), answered=Count("response")
    )
    return ResponseRate(
        responses=responses, invited=invitations["invited"], answered=invitations["answered"]
    )


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    rows: list = field(default_factory=list)  # [(label, count)] for charts
    texts: list = field(default_factory=list)
    numbers: list = field(default_factory=list)
    derived_title: str = ""
    derived_rows: list = field(default_factory=list)

    @property
    def has_chart(self):
        return bool(self.rows)

    @property
    def chart_id(self):
        return f"chart-data-{self.question.pk}"

    @property
    def chart_height(self):
        return 50 + 32 * len(self.chart_rows)

    @property
    def chart_rows(self):
        """What the chart shows: the counts, or for a derived number its classes."""
        return self.rows or self.derived_rows

    @property
    def chart(self):
        rows = self.chart_rows
        return {
            "title": self.derived_title or self.question.text,
            "labels": [label for label, _ in rows],
            "values": [count for _, count in rows],
        }

    @property
    def summary(self):
        if not self.numbers:
            return None
        values = sorted(self.numbers)
        return {
            "count": len(values),
            "min": values[0],
            "max": values[-1],
            "mean": sum(values) / len(values),
            "median": Decimal(statistics.median(values)),
            "total": sum(values),
        }


@dataclass
class Results:
    questionnaire: object
    rate: ResponseRate
    sections: list  # [(section, [QuestionResult])]

    def questions(self):
        return [result for _, results in self.sections for result in results]

    def get(self, code):
        return next(r for r in self.questions() if r.question.code == code)


def questions_in_order(questionnaire):
    """Sections with their questions, choices and conditions: four queries."""
    return list(
        Section.objects.filter(questionnaire=questionnaire)
        .order_by("position", "pk")
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.order_by("position", "pk")
                .select_related("show_if")
                .prefetch_related("choices", "show_if__choices"),
            )
        )
    )


def size_class_rows(numbers):
    counts = Counter(size_class_for(n) for n in numbers)
    return [(size_class.label, counts.get(size_class, 0)) for size_class in SizeClass]


def questionnaire_results(questionnaire):
    sections = questions_in_order(questionnaire)
    answers = Answer.objects.filter(question__questionnaire=questionnaire)
    answered = dict(
        answers.values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("question_id", "n")
    )
    by_choice = dict(
        answers.filter(choice__isnull=False)
        .values("choice_id")
        .annotate(n=Count("pk"))
        .values_list("choice_id", "n")
    )
    by_scale = {
        (question_id, int(number)): n
        for question_id, number, n in answers.filter(question__kind=QuestionKind.SCALE)
        .values("question_id", "number")
        .annotate(n=Count("pk"))
        .values_list("question_id", "number", "n")
    }
    texts, numbers = defaultdict(list), defaultdict(list)
    for question_id, text in (
        answers.filter(question__kind__in=TEXT_KINDS)
        .order_by("pk")
        .values_list("question_id", "text")
    ):
        texts[question_id].append(text)
    for question_id, number in (
        answers.filter(question__kind=QuestionKind.NUMBER)
        .order_by("pk")
        .values_list("question_id", "number")
    ):
        numbers[question_id].append(number)
    out = []
    for section in sections:
        results = []
        for question in section.questions.all():
            result = QuestionResult(question=question, answered=answered.get(question.pk, 0))
            if question.kind in CHOICE_KINDS:
                result.rows = [(c.label, by_choice.get(c.pk, 0)) for c in question.choices.all()]
            elif question.kind == QuestionKind.SCALE:
                result.rows = [
                    (label, by_scale.get((question.pk, int(value)), 0))
                    for value, label in question.option_values()
                ]
            elif question.kind == QuestionKind.NUMBER:
                result.numbers = numbers.get(question.pk, [])
                if question.derive == Derivation.SIZE_CLASS:
                    result.derived_title = f"{question.text} — taille de la structure"
                    result.derived_rows = size_class_rows(result.numbers)
            else:
                result.texts = texts.get(question.pk, [])
            results.append(result)
        out.append((section, results))
    return Results(questionnaire=questionnaire, rate=response_rate(questionnaire), sections=out)


def chart_png(result: QuestionResult) -> bytes:
    """The chart of one closed question (or derived number) as a PNG for documents."""
    from ouverture.reports.charts import bar_chart  # matplotlib: loaded when a chart is drawn

    chart = result.chart
    return bar_chart(
        chart["labels"],
        chart["values"],
        title="\n".join(textwrap.wrap(chart["title"], 70)),
        xlabel="Nombre de réponses",
    )


def chart_images(questionnaire):
    """[{"code", "title", "png"}] for every chart of the questionnaire (report generator)."""
    return [
        {"code": r.question.code, "title": r.chart["title"], "png": chart_png(r)}
        for r in questionnaire_results(questionnaire).questions()
        if r.chart_rows
    ]


COLUMN_KINDS = {QuestionKind.NUMBER: "decimal", QuestionKind.SCALE: "int"}


def responses_table(questionnaire, *, with_respondents=False):
    """One row per response, one column per question (a derived size class beside its number)."""
    from ouverture.core.tables import Column, Table  # openpyxl: loaded when a table is made

    questions = [
        q for section in questions_in_order(questionnaire) for q in section.questions.all()
    ]
    columns = [
        Column("number", "N°", "int"),
        Column("submitted_at", "Reçue le", "date"),
        Column("source", "Origine"),
    ]
    if with_respondents:
        columns += [
            Column("name", "Nom"),
            Column("email", "E-mail"),
            Column("reference", "Référence"),
        ]
    for question in questions:
        columns.append(
            Column(question.code, question.text, COLUMN_KINDS.get(question.kind, "text"))
        )
        if question.derive == Derivation.SIZE_CLASS:
            columns.append(Column(f"{question.code}__size_class", "Taille de la structure"))
    table = Table(title=questionnaire.title[:31], columns=columns)
    choice_labels = {c.pk: c.label for q in questions for c in q.choices.all()}
    by_pk = {q.pk: q for q in questions}
    by_code = {q.code: q for q in questions}
    rows = {}
    for n, response in enumerate(
        Response.objects.of(questionnaire).order_by("submitted_at", "pk"), 1
    ):
        rows[response.pk] = {
            "number": n,
            "submitted_at": timezone.localtime(response.submitted_at).date(),
            "source": response.get_source_display(),
            "name": response.respondent_name,
            "email": response.respondent_email,
            "reference": response.reference,
        }
    for response_id, question_id, choice_id, number, text in (
        Answer.objects.filter(response__questionnaire=questionnaire)
        .order_by("pk")
        .values_list("response_id", "question_id", "choice_id", "number", "text")
    ):
        question, row = by_pk[question_id], rows[response_id]
        if choice_id is not None:
            if question.kind == QuestionKind.MULTIPLE_CHOICE:
                row.setdefault(question.code, []).append(choice_labels[choice_id])
            else:
                row[question.code] = choice_labels[choice_id]
        elif number is not None:
            row[question.code] = int(number) if question.kind == QuestionKind.SCALE else number
            if question.derive == Derivation.SIZE_CLASS:
                row[f"{question.code}__size_class"] = SizeClass(size_class_for(number)).label
        else:
            row[question.code] = text
    table.rows = list(rows.values())
    for column in columns:
        question = by_code.get(column.key)
        if question is not None and question.kind == QuestionKind.NUMBER:
            values = [row[column.key] for row in table.rows if row.get(column.key) is not None]
            if all(value == value.to_integral_value() for value in values):
                # Counts and budgets typed as whole numbers read better without ",00".
                column.kind = "int"
                for row in table.rows:
                    if row.get(column.key) is not None:
                        row[column.key] = int(row[column.key])
    rate = response_rate(questionnaire)
    table.notes.append(f"Taux de réponse : {rate.text()}.")
    return table
