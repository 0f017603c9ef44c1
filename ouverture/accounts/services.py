from django.db import transaction

from ouverture.accounts.enums import Role
from ouverture.accounts.models import User

SYSTEM_USERNAME = "ouverture"


def system_user():
    """The account that signs changes made by commands and loaders (never logs in)."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Ouverture", "last_name": "(système)", "role": Role.ADMINISTRATOR},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def create_user(
    *, username, role, password=None, first_name="", last_name="", email="", actor=None
):
    user = User(
        username=username, role=role, first_name=first_name, last_name=last_name, email=email
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user
