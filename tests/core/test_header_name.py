"""The page header names the person signed in, not their login."""

from django.urls import reverse

from ouverture.accounts.enums import Role


def test_header_shows_full_name_then_falls_back_to_username(make_user, client_for):
    named = make_user(Role.NETWORK_STAFF, username="cmartin", first_name="Camille",
                      last_name="Martin")  # fmt: skip
    page = client_for(named).get(reverse("privacy:register")).content.decode()
    assert ">Camille Martin</span>" in page and ">cmartin</span>" not in page
    anonymous = make_user(Role.NETWORK_STAFF, username="sansnom", first_name="", last_name="")
    page = client_for(anonymous).get(reverse("privacy:register")).content.decode()
    assert ">sansnom</span>" in page
