"""Statistics (table, bar charts, world map) and the funder's exports."""

from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ouverture.core import tables
from ouverture.core.permissions import require
from ouverture.geo.models import Commune, Country
from ouverture.twinnings import exports, stats
from ouverture.twinnings.forms import StatisticsFilterForm
from ouverture.twinnings.models import Agreement


def _filter_choices():
    countries = list(
        Country.objects.filter(partner_towns__isnull=False)
        .distinct()
        .order_by("name")
        .values_list("code", "name")
    )
    epcis = list(
        Commune.objects.filter(Q(twinning_parties__isnull=False), ~Q(epci_siren=""))
        .values_list("epci_siren", "epci_name")
        .distinct()
        .order_by("epci_name")
    )
    return countries, epcis


def _filters(request):
    countries, epcis = _filter_choices()
    form = StatisticsFilterForm(request.GET, countries=countries, epcis=epcis)
    filters = dict(form.cleaned_data) if form.is_valid() else {}
    filters.pop("grouping", None)
    return form, filters


def filtered_agreements(request):
    form, filters = _filters(request)
    return form, stats.filter_agreements(Agreement.objects.visible_to(request.user), **filters)


@require_GET
def statistics(request):
    # Institutional users only: their scope is the whole register.
    require(request.user, "twinnings.view_statistics")
    form, filters = _filters(request)
    grouping = (form.cleaned_data.get("grouping") if form.is_valid() else "") or "insee"
    figures = stats.compute(grouping=grouping, **filters)
    chart_data = {
        "countries": [{"label": r["name"], "value": r["count"]} for r in figures.by_country[:20]],
        "continents": [{"label": r["label"], "value": r["count"]} for r in figures.by_continent],
        "statuses": [{"label": r["label"], "value": r["count"]} for r in figures.by_status],
    }
    map_data = {r["numeric"]: {"name": r["name"], "count": r["count"]} for r in figures.by_country}
    query = request.GET.urlencode()
    context = {
        "form": form,
        "figures": figures,
        "chart_data": chart_data,
        "map_data": map_data,
        "continent_note": figures.grouping_note,
        "query": query,
        "can_export": request.user.has_perm("twinnings.export_agreements"),
    }
    template = "twinnings/statistics.html#figures" if request.htmx else "twinnings/statistics.html"
    return render(request, template, context)


@require_GET
def export_active(request):
    require(request.user, "twinnings.export_agreements")
    _form, qs = filtered_agreements(request)
    table = exports.active_agreements(qs)
    return tables.download(table, "xlsx", f"jumelages-actifs-{timezone.localdate():%Y-%m-%d}")


@require_GET
def export_mailing(request):
    require(request.user, "twinnings.export_agreements")
    _form, qs = filtered_agreements(request)
    table, _missing = exports.mailing_list(qs)
    return tables.download(
        table, "csv", f"diffusion-appel-jumelages-{timezone.localdate():%Y-%m-%d}"
    )


@require_GET
def exports_page(request):
    require(request.user, "twinnings.export_agreements")
    _form, qs = filtered_agreements(request)
    table, missing = exports.mailing_list(qs)
    active = qs.active().count()
    return render(
        request,
        "twinnings/exports.html",
        {"active": active, "recipients": len(table.rows), "missing": missing[:200],
         "missing_count": len(missing)},
    )  # fmt: skip
