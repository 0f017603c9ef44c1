"""One demo login per role, each with a random password printed once (development only)."""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ouverture.accounts.enums import Role
from ouverture.accounts.models import User
from ouverture.accounts.services import create_user, system_user
from ouverture.organisations.models import Organisation
from ouverture.organisations.services import add_member

# The committed password of earlier versions: an account still using it gets a new one.
LEGACY_PASSWORD = "ouverture-demo"
DEMO = [
    ("charge", Role.NETWORK_STAFF, "Julie", "Massez"),
    ("coordination", Role.COORDINATOR, "Nizar", "Yaiche"),
    ("raf", Role.FINANCE_MANAGER, "Sandrine", "Tirman"),
    ("departement", Role.FUNDER_OFFICER, "Agent", "Département"),
    ("porteur", Role.PROJECT_HOLDER, "Porteur", "MALCO HDF"),
    ("admin", Role.ADMINISTRATOR, "Admin", "Ouverture"),
]


def random_password():
    """Four groups of letters and digits: easy to copy, about 95 bits."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


class Command(BaseCommand):
    help = (
        "Crée un compte de démonstration par rôle, chacun avec un mot de passe aléatoire "
        "affiché une seule fois (développement uniquement). Un compte existant garde son "
        "mot de passe, sauf avec --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="donne un nouveau mot de passe aléatoire aux comptes existants",
        )

    def handle(self, *args, reset=False, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Les comptes de démonstration ne se créent qu'en développement "
                "(DJANGO_SETTINGS_MODULE=config.settings.dev). En production, créez le premier "
                "administrateur avec « ouverture createsuperuser »."
            )
        actor = system_user()
        self.stdout.write(
            "\nComptes de démonstration (mots de passe affichés une seule fois ; "
            "« create_demo_users --reset » en donne de nouveaux) :"
        )
        for username, role, first, last in DEMO:
            user = User.objects.filter(username=username).first()
            password = None
            if user is None:
                password = random_password()
                user = create_user(
                    username=username,
                    role=role,
                    password=password,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@example.org",
                )
            elif reset or user.check_password(LEGACY_PASSWORD) or user.is_superuser:
                # Earlier versions gave every demo account one committed password and made
                # the administrator a superuser: neither survives a new set-up.
                password = random_password()
                user.set_password(password)
                user.is_superuser = user.is_staff = False
                user.save(update_fields=["password", "is_superuser", "is_staff"])
            if role == Role.PROJECT_HOLDER:
                organisation = Organisation.objects.filter(name="MALCO HDF").first()
                if organisation:
                    add_member(organisation, user, actor=actor)
            shown = password or "(inchangé)"
            self.stdout.write(f"  {user.get_role_display():55} {username:14} {shown}")
        self.stdout.write("")
