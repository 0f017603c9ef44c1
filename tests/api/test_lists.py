"""The list filters' shared refusals (api/lists.py PagedFilters)."""

import pytest

from ouverture.events.enums import WorkshopKind


@pytest.mark.parametrize(
    ("url", "field", "accepted"),
    [
        ("/api/v1/temps-collectifs/", "kind", WorkshopKind.CALL_PREPARATION),
        ("/api/v1/documents/", "fmt", "docx"),
        ("/api/v1/conventions/", "status", "signed"),
        ("/api/v1/deliberations/", "result", "adopted"),
        ("/api/v1/candidatures/", "status", "submitted"),
        ("/api/v1/appels/", "open", "true"),
    ],
)
def test_a_value_outside_a_filter_s_choices_names_the_accepted_ones(
    api_for, staff, url, field, accepted
):
    response = api_for(staff).get(url, {field: "xx"})
    assert response.status_code == 400, response.content
    (message,) = response.json()["erreurs"][field]
    assert message.startswith("« xx » n'est pas un choix valide : ") and accepted in message, (
        message
    )


def test_a_valid_choice_still_filters(api_for, staff, db):
    response = api_for(staff).get("/api/v1/temps-collectifs/", {"kind": "collective"})
    assert response.status_code == 200, response.content
