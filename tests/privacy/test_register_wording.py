"""The register speaks to network staff in words; command lines are for administrators."""

from django.urls import reverse


def test_command_lines_only_for_administrators(client_for, staff, administrator):
    url = reverse("privacy:register")
    body = client_for(staff).get(url).content.decode()
    assert "ouverture privacy" not in body and "--email" not in body
    assert "exporte ou efface ses données" in body
    admin_body = client_for(administrator).get(url).content.decode()
    assert "ouverture privacy export --email" in admin_body
    assert "ouverture privacy erase --email" in admin_body
