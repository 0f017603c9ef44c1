"""The documents page shows a figure's value where the staff's text has a field; the
`[[code]]` syntax stays in the editor."""

import pytest
from django.urls import reverse

from ouverture.documents import services

pytestmark = pytest.mark.django_db


def test_detail_page_shows_figure_values_not_placeholders(agreement_2023, staff, client_for):
    services.save_narrative(
        "activity-report", agreement_2023, "introduction",
        "En 2023 nous avons tenu [[coaching.sessions]] auprès de {{ coaching.organisations }}.",
        actor=staff,
    )  # fmt: skip
    client = client_for(staff)
    args = ["activity-report", agreement_2023.pk]
    page = client.get(reverse("documents:detail", args=args)).content.decode()
    page = page.replace("\xa0", " ")
    assert "En 2023 nous avons tenu 43 sessions auprès de 17 structures." in page
    assert "[[" not in page and "{{" not in page
    rows = client.get(reverse("documents:figure_rows", args=[*args, "coaching.sessions"]))
    assert "[[" not in rows.content.decode()
    editor = client.get(reverse("documents:narrative", args=[*args, "introduction"]))
    assert "[[coaching.sessions]]" in editor.content.decode()
