from django.urls import reverse

from tests.utils import text


def test_dashboard_for_every_role(users_by_role, client_for, holder_organisation):
    for role, user in users_by_role.items():
        response = client_for(user).get(reverse("dashboard"))
        assert response.status_code == 200, role
        page = text(response)
        assert str(role.label) in page
        assert (holder_organisation.name in page) == (role == "project_holder"), role
