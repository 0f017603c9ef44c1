from django.shortcuts import render

from ouverture.core.plugins import DASHBOARD_PANELS, load_modules


def dashboard(request):
    panels = []
    for module in load_modules(DASHBOARD_PANELS):
        panels.extend(module.panels(request))
    # A missing one-to-one raises an AttributeError subclass, so getattr covers it.
    membership = getattr(request.user, "membership", None)
    return render(request, "core/dashboard.html", {"panels": panels, "membership": membership})
