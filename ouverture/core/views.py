from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ouverture.core import pickers
from ouverture.core.permissions import require
from ouverture.core.plugins import DASHBOARD_PANELS, load_modules


def dashboard(request):
    panels = []
    for module in load_modules(DASHBOARD_PANELS):
        panels.extend(module.panels(request))
    # A missing one-to-one raises an AttributeError subclass, so getattr covers it.
    membership = getattr(request.user, "membership", None)
    return render(request, "core/dashboard.html", {"panels": panels, "membership": membership})


@require_GET
def picker_options(request, kind):
    """The few choices of a search picker for the typed text (htmx), within the user's scope."""
    picker = pickers.PICKERS.get(kind)
    field, prefix = request.GET.get("field", ""), request.GET.get("id", "")
    if picker is None or not pickers.valid_name(field) or not pickers.valid_name(prefix):
        raise Http404("Sélecteur inconnu.")
    require(request.user, picker.permission)
    selected = request.GET.get(field, "")
    choices, more = pickers.options(
        picker,
        picker.queryset(request.user),
        request.GET.get(f"{field}_q", ""),
        user=request.user,
        selected=selected,
    )
    context = {
        "name": field,
        "id": prefix,
        "choices": choices,
        "more": more,
        "selected": selected,
        "text": request.GET.get(f"{field}_q", "").strip(),
        "empty_label": "Aucune" if request.GET.get("optional") else None,
    }
    return render(request, "core/widgets/_search_options.html", context)
