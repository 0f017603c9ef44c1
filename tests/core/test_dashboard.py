from django.urls import reverse

from tests.utils import text


def test_dashboard_for_every_role(users_by_role, client_for, holder_organisation):
    for role, user in users_by_role.items():
        response = client_for(user).get(reverse("dashboard"))
        assert response.status_code == 200, role
        page = text(response)
        assert str(role.label) in page
        assert (holder_organisation.name in page) == (role == "project_holder"), role


def test_every_panel_has_the_same_shape_and_an_h2_title(users_by_role, client_for):
    """Panels of every app: an article titled by an h2 under the page's h1, never a bare <strong>."""
    import re

    for role, user in users_by_role.items():
        page = client_for(user).get(reverse("dashboard")).content.decode()
        main = page[page.index('<main id="contenu"') :]
        articles = re.findall(r"<article[^>]*>\s*<header>(.*?)</header>", main, re.S)
        assert articles, role
        for header in articles:
            assert re.fullmatch(r'\s*<h2 id="[\w-]+" class="panel-title">[^<]+</h2>\s*', header), (
                role,
                header,
            )
        assert '<section aria-labelledby="coaching-panel-title">' not in main
