"""Public pages (no account): the SCDL file of each year, the latest year's file at a stable
address, and an Atom feed announcing each year's file. Every path serves the bytes of
`_subsidies_file(year)`: the feed's file is the page's file."""

import datetime as dt

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import conditional_page, require_GET

from ouverture.core.formats import format_date
from ouverture.core.links import absolute_url
from ouverture.opendata import scdl

CSV = "text/csv; charset=utf-8"


def _subsidies_file(year):
    return scdl.subsidies(year).csv_text().encode("utf-8")


def _csv_response(year):
    response = HttpResponse(_subsidies_file(year), content_type=CSV)
    response["Content-Disposition"] = f'attachment; filename="subventions-{year}.csv"'
    return response


@login_not_required
def index(request):
    return render(request, "opendata/index.html", {"years": scdl.years()})


@csrf_exempt  # read-only: a POST gets 405, not the "formulaire expiré" page
@login_not_required
@require_GET
def subsidies_csv(request, year):
    if year not in scdl.years():
        raise Http404("Aucune subvention publiée pour cette année.")
    return _csv_response(year)


@csrf_exempt  # read-only: a POST gets 405, not the "formulaire expiré" page
@login_not_required
@require_GET
@conditional_page
def latest_csv(request):
    """The latest year's file at an address that does not change with the year."""
    years = scdl.years()
    if not years:
        raise Http404("Aucune subvention publiée pour l'instant.")
    response = _csv_response(years[0])
    response["Cache-Control"] = "public, max-age=900"
    return response


@csrf_exempt  # read-only: a POST gets 405, not the "formulaire expiré" page
@login_not_required
@require_GET
@conditional_page
def subsidies_feed(request):
    """Atom feed: one entry per year with an adopted deliberation, its link and enclosure the
    year's file; updated on the date of the year's latest act."""
    latest = scdl.latest_acts()
    index_url = absolute_url(reverse("opendata:index"), request)
    feed = Atom1Feed(
        title="Subventions attribuées (SCDL « Subventions » 2.1.1)",
        link=index_url,
        description="Les subventions attribuées par délibération, une ligne par bénéficiaire.",
        language="fr",
        feed_url=absolute_url(reverse("opendata:subsidies_feed"), request),
        feed_guid=index_url,
    )
    tz = timezone.get_current_timezone()
    for year in scdl.years():
        url = absolute_url(reverse("opendata:subsidies", args=[year]), request)
        last_act = latest[year]
        feed.add_item(
            title=f"Subventions attribuées en {year}",
            link=url,
            unique_id=url,
            description=f"Fichier SCDL des subventions {year}, à jour de la délibération "
            f"du {format_date(last_act)}.",
            updateddate=dt.datetime.combine(last_act, dt.time(0, 0), tzinfo=tz),
            enclosures=[Enclosure(url, str(len(_subsidies_file(year))), "text/csv")],
        )
    response = HttpResponse(
        feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=900"
    return response
