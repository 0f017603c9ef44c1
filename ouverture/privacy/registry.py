"""Where the platform keeps personal data, why, for how long and who sees it.

One `Processing` per kind of personal data (the register of processing activities is
this list); each names the records (`Store`) holding people's names and addresses, the
field that carries the e-mail (export and erasure find a person by it), what a wiped
field becomes, and the date from which the retention period runs.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings

ANONYMOUS = "Personne anonymisée"


def placeholder_email(pk):
    """For an e-mail that must stay unique (one candidacy per e-mail and cohort)."""
    return f"anonyme-{pk}@anonyme.invalid"


@dataclass(frozen=True)
class Store:
    model: str  # "events.Registration"
    email: str | tuple  # the field(s) holding the person's e-mail
    wipe: dict  # field -> value (or a function of the pk) once anonymised
    dated_by: str = ""  # lookup of the date the retention runs from ("workshop__date")
    label: str = ""

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def email_fields(self):
        return (self.email,) if isinstance(self.email, str) else tuple(self.email)


@dataclass(frozen=True)
class Processing:
    kind: str
    title: str
    data: str
    purpose: str
    audience: str
    default_months: int
    stores: tuple = field(default_factory=tuple)

    @property
    def months(self):
        return int(
            getattr(settings, "OUVERTURE_RETENTION_MONTHS", {}).get(self.kind, self.default_months)
        )


PROCESSINGS = (
    Processing(
        kind="participants",
        title="Participants aux temps collectifs",
        data="Nom, fonction, e-mail, structure, présence.",
        purpose="Organiser les temps collectifs, envoyer confirmations et questionnaires, "
        "compter les participants pour les bilans au financeur.",
        audience="Équipe du réseau et administrateur·rices ; l'agent du Département lit les listes.",
        default_months=36,
        stores=(
            Store(
                "events.Registration",
                "email",
                {"full_name": ANONYMOUS, "role": "", "email": ""},
                dated_by="workshop__date",
                label="inscriptions",
            ),
        ),
    ),
    Processing(
        kind="respondents",
        title="Répondants aux questionnaires",
        data="Nom, e-mail, réponses.",
        purpose="Évaluer les temps collectifs et conduire les enquêtes du réseau.",
        audience="Équipe du réseau et administrateur·rices ; le financeur lit les résultats sans les noms.",
        default_months=24,
        stores=(
            Store(
                "surveys.Response",
                "respondent_email",
                {"respondent_name": "", "respondent_email": ""},
                dated_by="submitted_at",
                label="réponses",
            ),
            Store(
                "surveys.Invitation",
                "email",
                {"name": ANONYMOUS, "email": placeholder_email},
                dated_by="expires_at",
                label="invitations",
            ),
        ),
    ),
    Processing(
        kind="candidates",
        title="Candidats au parcours d'accompagnement (PAM)",
        data="Nom, fonction et e-mail du contact, candidature, notes de sélection.",
        purpose="Sélectionner conjointement la cohorte et suivre sa progression.",
        audience="Équipe du réseau, agent du Département, administrateur·rices ; "
        "le porteur voit sa propre candidature.",
        default_months=36,
        stores=(
            Store(
                "pathways.Candidate",
                "contact_email",
                {"contact_name": ANONYMOUS, "contact_role": "", "contact_email": placeholder_email},
                dated_by="submitted_at",
                label="candidatures",
            ),
        ),
    ),
    Processing(
        kind="contacts",
        title="Contacts des structures et des jumelages",
        data="Nom, fonction, e-mail, téléphone.",
        purpose="Joindre les structures accompagnées et les comités de jumelage ; "
        "campagnes de vérification du répertoire des jumelages.",
        audience="Équipe du réseau, agent du Département, administrateur·rices ; "
        "le porteur voit les contacts de sa structure.",
        default_months=60,
        stores=(
            Store(
                "organisations.Contact",
                "email",
                {"name": ANONYMOUS, "role": "", "email": "", "phone": ""},
                label="contacts",
            ),
            Store(
                "twinnings.LocalParty",
                "contact_email",
                {"contact_name": "", "contact_email": "", "contact_phone": ""},
                label="contacts des collectivités jumelées",
            ),
            Store(
                "twinnings.Invitation",
                ("email", "contact_email"),
                {
                    "recipient_name": ANONYMOUS,
                    "email": placeholder_email,
                    "contact_name": "",
                    "contact_email": "",
                    "contact_phone": "",
                    "answered_by_name": "",
                },
                dated_by="expires_at",
                label="liens de vérification",
            ),
        ),
    ),
)

# Accounts are not retained by date: an administrator deactivates them; export and erasure
# reach them by e-mail.
ACCOUNT_STORE = Store(
    "accounts.User", "email",
    {"first_name": "", "last_name": ANONYMOUS, "email": "", "phone": "", "is_active": False,
     "username": lambda pk: f"anonyme-{pk}"},
    label="comptes",
)  # fmt: skip


def by_kind(kind):
    return next(p for p in PROCESSINGS if p.kind == kind)


def every_store():
    return [store for p in PROCESSINGS for store in p.stores] + [ACCOUNT_STORE]
