"""Public pages (no account): the SCDL file of each year."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from ouverture.opendata import scdl


@login_not_required
def index(request):
    return render(request, "opendata/index.html", {"years": scdl.years()})


@login_not_required
def subsidies_csv(request, year):
    if year not in scdl.years():
        raise Http404("Aucune subvention publiée pour cette année.")
    response = HttpResponse(scdl.subsidies(year).csv_text(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="subventions-{year}.csv"'
    return response
