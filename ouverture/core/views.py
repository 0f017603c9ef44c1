from django.shortcuts import render

from ouverture.core.plugins import DASHBOARD_PANELS, load_modules


def dashboard(request):
    panels = []
    for module in load_modules(DASHBOARD_PANELS):
        panels.extend(module.panels(request))
    return render(request, "core/dashboard.html", {"panels": panels})
