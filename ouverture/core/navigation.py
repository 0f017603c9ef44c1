"""The main menu: each entry names a URL and the permission that shows it.

Apps add their entries here when their index page exists; an entry whose URL is
not (yet) routed is skipped, so the menu never links to a missing page.
"""

from django.urls import NoReverseMatch, reverse

MENU = [
    # (label, url name, permission or None)
    ("Tableau de bord", "dashboard", None),
    ("Structures", "organisations:list", "organisations.list_organisations"),
    ("Accompagnements", "coaching:recap", "coaching.view_recap"),
    ("Temps collectifs", "events:list", "events.list_workshops"),
    ("Questionnaires", "surveys:list", "surveys.list_questionnaires"),
    ("Parcours PAM", "pathways:list", "pathways.list_cohorts"),
    ("Conventions", "agreements:list", "agreements.list_agreements"),
    ("Jumelages", "twinnings:list", "twinnings.list_twinnings"),
    ("Utilisateurs", "users:list", "accounts.manage_users"),
    ("Financeur et territoire", "liaison:meetings", "liaison.view_liaison"),
]


def menu_for(user):
    entries = []
    for label, url_name, perm in MENU:
        if perm and not user.has_perm(perm):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        # The section: every page of the entry's app (its URL namespace) highlights it.
        section = url_name.partition(":")[0] if ":" in url_name else ""
        entries.append({"label": label, "url": url, "name": url_name, "section": section})
    return entries
