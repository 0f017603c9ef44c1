"""The source document's liaison records for 2023.

- Activity 5: the 4 meetings with the funder's team "liés aux appels à projets" (27 June,
  23 August, 13 and 25 October 2023), between Lianes Coopération and the Département (the
  Mission Coopération européenne et internationale). The document gives only the dates and
  what they were about: each has that subject and no other note.
- Activity 6: Festisol's closing event (2 December 2023, Arras, organised by the Mairie
  d'Arras: no organisation record, so by name), where the Département's schemes were promoted
  "de manière globale" (62CMI and Jumelages innovants, the two the activity names); and the
  organisations met in 2023 outside an event: the Fabus and Maroeuil twinning committees
  (Jumelages innovants), Aidhum (62CMI, mobility; linked to the "Aidhum 62" record) and the
  town of Noyelles-Godault (mobility).
"""

import datetime as dt

from ouverture.core.wording import plural
from ouverture.liaison import services
from ouverture.liaison.enums import PromotionKind, Scheme
from ouverture.liaison.models import FunderMeeting, OrganisationMet, PromotionEvent
from ouverture.organisations import seed as organisations
from ouverture.organisations.models import Organisation

MEETING_SUBJECT = "Réflexions sur les appels à projets du Département"
MEETING_DATES = [dt.date(2023, 6, 27), dt.date(2023, 8, 23), dt.date(2023, 10, 13), dt.date(2023, 10, 25)]  # fmt: skip
PARTICIPANTS = "Mission Coopération européenne et internationale du pôle Partenariats et Ingénierie"

FESTISOL = dict(
    date=dt.date(2023, 12, 2),
    name="Festisol (temps de clôture)",
    kind=PromotionKind.FESTIVAL,
    place="Arras",
    organiser_name="Mairie d'Arras",
    schemes=[Scheme.COOPERATION_MOBILITY, Scheme.TWINNING],
    note="Mise en valeur globale des dispositifs du Département lors du temps de clôture du "
    "Festisol (festival des solidarités), réunissant un ensemble d'acteurs.",
)

# (organisation record name or None, name, schemes, note)
MET_2023 = [
    (None, "Comité de jumelage de Fabus", [Scheme.TWINNING],
     "Souhaite élaborer un projet pour 2024 (l'appel à projets 2023 était passé)."),
    (None, "Comité de jumelage de Maroeuil", [Scheme.TWINNING],
     "Souhaite élaborer un projet pour 2024 (l'appel à projets 2023 était passé)."),
    ("Aidhum 62", "Aidhum", [Scheme.COOPERATION_MOBILITY],
     "Projette un projet de solidarité au Maroc avec un groupe de jeunes du public prioritaire "
     "du Département."),
    (None, "Ville de Noyelles-Godault", [Scheme.COOPERATION_MOBILITY],
     "Souhaite être accompagnée pour encourager des groupes de jeunes à se lancer dans la "
     "mobilité européenne et/ou internationale."),
]  # fmt: skip


def load(actor, log=print):
    created = 0
    parties = [organisations.network(), organisations.funder()]
    for date in MEETING_DATES:
        if not FunderMeeting.objects.filter(date=date, subject=MEETING_SUBJECT).exists():
            services.record_meeting(
                actor=actor,
                date=date,
                subject=MEETING_SUBJECT,
                participants=PARTICIPANTS,
                parties=parties,
            )
            created += 1
    if not PromotionEvent.objects.filter(date=FESTISOL["date"], name=FESTISOL["name"]).exists():
        services.record_event(actor=actor, **FESTISOL)
        created += 1
    for record_name, name, schemes, note in MET_2023:
        organisation = (
            Organisation.objects.filter(name=record_name).first() if record_name else None
        )
        if OrganisationMet.objects.filter(year=2023, name=name).exists():
            continue
        services.record_organisation_met(
            actor=actor,
            year=2023,
            organisation=organisation,
            name=name,
            schemes=schemes,
            note=note,
        )
        created += 1
    log(f"Liens financeur et territoire 2023 : {created} {plural('fiche créée', created)}")
