"""The source document's organisations: the two parties to the agreement, the 17
structures of the 2023 coaching table and those met at the 2023 workshops.

What the document does not say is left empty rather than invented: no SIRET but
the two parties', a commune only where a table gives the city. Legal kinds are
read from the names ("Mairie de", "Comité de jumelage", "Lycée", "Campus"); the
others are associations, as the activity report calls them.
`name` is the fullest name the document gives (workshop tables); `usual_name` is
the one of the coaching table, which the recap shows.
"""

from ouverture.core.wording import plural
from ouverture.geo.models import Commune
from ouverture.organisations.enums import LegalKind
from ouverture.organisations.models import Organisation
from ouverture.organisations.services import create_organisation

A = LegalKind.ASSOCIATION
COOP, MOB, TWIN = "cooperation", "youth_mobility", "twinning"

PARTIES = [
    dict(
        name="Département du Pas-de-Calais",
        usual_name="CD62",
        legal_kind=LegalKind.DEPARTEMENT,
        siret="22620001200012",
        address="Hôtel du Département, rue Ferdinand Buisson",
        postal_code="62018",
        commune="62041",
        representative_name="Jean-Claude Leroy",
        representative_title="Président du Conseil départemental",
    ),
    dict(
        name="Lianes Coopération",
        legal_kind=A,
        siret="43853522100024",
        address="5 rue Jules de Vicq",
        postal_code="59800",
        commune="59350",
        representative_name="Elise Moulene",
        representative_title="Présidente",
        project_types=[COOP, MOB, TWIN],
    ),
]

# (name, usual name, legal kind, commune code or "", project types)
HOLDERS = [
    ("Association Tantely Soa Madagascar", "Tantely Soa", A, "62041", [COOP]),
    ("L'embarquée", "", A, "", [COOP]),
    ("Solidarité Cœur de Corneille", "", A, "", [COOP]),
    ("Association les Perles du Faso", "Perles du Faso", A, "", [COOP]),
    ("Avotra France", "", A, "", [COOP]),
    ("Compagnie Hors de l'eau", "", A, "", [COOP]),
    ("Aidhum 62", "", A, "", [COOP, MOB]),
    ("AHPA", "", A, "", [COOP]),
    ("Misola", "", A, "", [COOP]),
    (
        "Association des amis de la section internationale Lycée Robespierre",
        "Lycée Robespierre",
        A,
        "62041",
        [MOB],
    ),
    ("ACAM", "", A, "", [COOP]),
    (
        "Campus agro-environnemental 62",
        "Campus agro-environnemental",
        LegalKind.SCHOOL,
        "62817",
        [MOB],
    ),
    ("MALCO HDF", "", A, "62160", [MOB]),
    ("Association Community", "Community", A, "62040", [MOB]),
    ("Centre Jacques Brel", "CS Jacques Brel", A, "62643", [MOB]),
    ("Mairie de Dourges", "", LegalKind.COMMUNE, "62274", [MOB, TWIN]),
    ("Comité de jumelage Brebières", "", LegalKind.TWINNING_COMMITTEE, "62173", [TWIN]),
    # Met at the 2023 workshops only.
    ("Association Maison d'Enfants Le Regain", "", A, "62271", [MOB]),
    ("Association Fafadané S.l", "", A, "62160", [COOP]),
    ("CMJE", "", A, "62587", [TWIN]),
]


def _commune(code):
    return Commune.objects.current().get(code=code) if code else None


def load(actor, log=print):
    created = 0
    for party in PARTIES:
        fields = dict(party)
        if not Organisation.objects.filter(name=fields["name"]).exists():
            fields["commune"] = _commune(fields.pop("commune"))
            create_organisation(actor=actor, **fields)
            created += 1
    for name, usual_name, kind, commune, types in HOLDERS:
        if not Organisation.objects.filter(name=name).exists():
            create_organisation(
                actor=actor,
                name=name,
                usual_name=usual_name,
                legal_kind=kind,
                commune=_commune(commune),
                project_types=types,
            )
            created += 1
    log(f"{created} {plural('structure créée', created)}, {Organisation.objects.count()} au total")


def funder():
    return Organisation.objects.get(name="Département du Pas-de-Calais")


def network():
    return Organisation.objects.get(name="Lianes Coopération")
