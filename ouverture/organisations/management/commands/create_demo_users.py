"""One demo login per role, printed for a newcomer (development only)."""

from django.core.management.base import BaseCommand

from ouverture.accounts.enums import Role
from ouverture.accounts.models import User
from ouverture.accounts.services import create_user, system_user
from ouverture.organisations.models import Organisation
from ouverture.organisations.services import add_member

PASSWORD = "ouverture-demo"
DEMO = [
    ("charge", Role.NETWORK_STAFF, "Julie", "Massez"),
    ("coordination", Role.COORDINATOR, "Nizar", "Yaiche"),
    ("raf", Role.FINANCE_MANAGER, "Sandrine", "Tirman"),
    ("departement", Role.FUNDER_OFFICER, "Agent", "Département"),
    ("porteur", Role.PROJECT_HOLDER, "Porteur", "MALCO HDF"),
    ("admin", Role.ADMINISTRATOR, "Admin", "Ouverture"),
]


class Command(BaseCommand):
    help = "Crée un compte de démonstration par rôle et affiche les identifiants."

    def handle(self, *args, **options):
        actor = system_user()
        self.stdout.write(f"\nComptes de démonstration (mot de passe : {PASSWORD})")
        for username, role, first, last in DEMO:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = create_user(
                    username=username,
                    role=role,
                    password=PASSWORD,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@example.org",
                )
                if role == Role.ADMINISTRATOR:
                    user.is_staff = user.is_superuser = True
                    user.save(update_fields=["is_staff", "is_superuser"])
            if role == Role.PROJECT_HOLDER:
                organisation = Organisation.objects.filter(name="MALCO HDF").first()
                if organisation:
                    add_member(organisation, user, actor=actor)
            self.stdout.write(f"  {user.get_role_display():55} {username}")
        self.stdout.write("")
