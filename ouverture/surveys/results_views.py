"""The results of a questionnaire: charts (Chart.js on screen, PNG for documents),
free-text answers, response rate, exports. A fixed number of queries per page."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from ouverture.core import tables
from ouverture.surveys.results import chart_png, questionnaire_results, responses_table
from ouverture.surveys.views import _visible

EXPORT_FORMATS = ("xlsx", "csv")


@require_GET
def results(request, pk):
    questionnaire = _visible(request, pk)
    context = {
        "questionnaire": questionnaire,
        "results": questionnaire_results(questionnaire),
        "can_export": request.user.has_perm("surveys.export_results", questionnaire),
    }
    return render(request, "surveys/results.html", context)


@require_GET
def chart(request, pk, question_pk):
    questionnaire = _visible(request, pk)
    found = [
        r for r in questionnaire_results(questionnaire).questions() if r.question.pk == question_pk
    ]
    if not found or not found[0].chart_rows:
        raise Http404("Pas de graphique pour cette question.")
    return HttpResponse(chart_png(found[0]), content_type="image/png")


@require_GET
def export(request, pk, fmt):
    questionnaire = _visible(request, pk, "surveys.export_results")
    if fmt not in EXPORT_FORMATS:
        raise Http404("Format d'export inconnu.")
    table = responses_table(
        questionnaire,
        with_respondents=request.user.has_perm("surveys.view_respondents", questionnaire),
    )
    return tables.download(table, fmt, f"reponses-{slugify(questionnaire.title)[:60]}")
