"""Pages : temps serveur de chaque page à l'échelle nationale, à côté de la page de connexion.

On the national set of bench.coaching (20 000 organisations, 26 667 follow-ups,
200 000 contacts), every page reachable by GET without parameters, plus the record
pages of one organisation and one follow-up, is fetched with Django's test Client
logged in as network staff, alternated over the rounds with the login page (the
floor: a page that reads nothing). Goal: every page under 500 ms, the dashboard under
200 ms. Downloads (exports) are listed apart: they grow with the data by design.
BENCH_PAGES=coaching:recap,dashboard measures only the pages of those URL names.
"""

import os
import re

from bench.coaching import PREFIX, generate_national

SKIP = ("admin/", "deconnexion", "logout")
DASHBOARD_GOAL, PAGE_GOAL = 0.2, 0.5


def _pages():
    from django.urls import URLPattern, URLResolver, get_resolver, reverse

    from ouverture.coaching.models import FollowUp
    from ouverture.organisations.models import Organisation

    def walk(resolver, namespace=""):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                yield from walk(p, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name and not p.pattern.converters:
                yield f"{namespace}:{p.name}" if namespace else p.name

    urls = {}
    for name in walk(get_resolver()):
        try:
            url = reverse(name)
        except Exception:  # noqa: BLE001  (a name needing arguments)
            continue
        if any(part in url for part in SKIP) or "/p/" in url or "public/" in url:
            continue
        urls[name] = url
    organisation = Organisation.objects.filter(name__startswith=PREFIX).order_by("pk").first()
    follow_up = FollowUp.objects.filter(organisation=organisation).first()
    urls["organisations:detail"] = reverse("organisations:detail", args=[organisation.pk])
    urls["coaching:follow_up"] = reverse("coaching:follow_up", args=[follow_up.pk])
    urls["coaching:recap"] = reverse("coaching:recap") + "?year=2023"
    urls["picker_options (recherche)"] = (
        reverse("picker_options", args=["follow-up"])
        + "?field=follow_up&id=quick_follow_up&follow_up_q=bench+structure+0001"
    )
    return urls


def run(report):
    import logging

    from django.test import Client
    from django.urls import reverse

    from ouverture.accounts.models import User

    generate_national()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # 403s are listed, not traced
    staff = Client(SERVER_NAME="localhost")
    staff.force_login(User.objects.get(username="bench-staff"))
    anonymous = Client(SERVER_NAME="localhost")
    login_url = reverse("accounts:login") if _has("accounts:login") else "/connexion/"
    downloads = []
    only = [n for n in os.environ.get("BENCH_PAGES", "").split(",") if n]
    for name, url in sorted(_pages().items()):
        if only and name not in only:
            continue
        response = staff.get(url)
        kind = response.get("Content-Type", "")
        if response.status_code != 200:
            print(f"   {name:40} {url} : statut {response.status_code}, non mesurée", flush=True)
            continue
        if "text/html" not in kind:
            downloads.append(name)
            continue
        size = len(response.content)
        options = len(re.findall(rb"<option", response.content))
        report.compare(
            f"{name} ({size // 1024} Ko, {options} <option>)",
            lambda url=url: staff.get(url),
            lambda: anonymous.get(login_url),
            floor_name="connexion",
            limit=DASHBOARD_GOAL if name == "dashboard" else PAGE_GOAL,
        )
    if downloads:
        print(f"   téléchargements non mesurés ici : {', '.join(downloads)}", flush=True)


def _has(name):
    from django.urls import NoReverseMatch, reverse

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True
