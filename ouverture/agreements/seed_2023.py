"""The 2023 programme: the agreement between the Département du Pas-de-Calais and Lianes
Coopération for 2023, as the activity report recalls it ("Rappel des engagements pris").

The source document is the 2023 activity report, not the 2023 agreement: it gives the six
commitments and the year, no amount. So:
- the subsidy and the forecast cost are left empty ("montant non connu"), as is the budget;
- the action and eligibility periods are the calendar year 2023 ("pour l'année 2023");
- the report due date is not given: the 2024 agreement's rule (1 April of the next year) is
  applied, 1 April 2024, and said in the agreement's notes;
- the agreement is loaded as a draft without a signature date (none is given);
- each commitment is measured by the records: personalised coachings by the coaching
  follow-ups opened, the collective sessions and the pre-departure trainings by the events
  held, the survey focus by the survey campaigns with a focus, the reflections by the
  meetings with the funder and the promotion by the promotion events. The last two have no
  figure in the source: no target ("sans cible chiffrée").
"""

import datetime as dt
from decimal import Decimal

from ouverture.agreements import services
from ouverture.agreements.enums import MeasureKind
from ouverture.agreements.models import Agreement
from ouverture.core.wording import plural
from ouverture.organisations import seed as organisations

REFERENCE = "CD62-LIANES-2023"
INDICATOR = MeasureKind.INDICATOR

AGREEMENT = dict(
    reference=REFERENCE,
    title="Programme d'actions 2023 de Lianes Coopération : soutien à la mobilité "
    "internationale des jeunes et à la solidarité internationale dans le Pas-de-Calais",
    action_start=dt.date(2023, 1, 1),
    action_end=dt.date(2023, 12, 31),
    report_due=dt.date(2024, 4, 1),
    subsidy=None,
    forecast_cost=None,
    notes="Reconstituée depuis le bilan d'activités 2023 (« Rappel des engagements pris ») : "
    "montants, signature et délibération non donnés par le document ; date du bilan selon la "
    "règle de la convention 2024 (1er avril de l'année suivante).",
)

# (label as in the report, target or None, unit, indicator, params)
COMMITMENTS = [
    ("Réalisation de 30 accompagnements personnalisés", 30, "structure accompagnée",
     "coaching.follow_ups_opened", {"kind": "coaching", "project_type": ""}),
    ("Réalisation de 2 temps d'accompagnement collectif", 2, "temps collectif",
     "events.workshops_held", {"kind": "collective"}),
    ("Organisation de 2 journées de formation « préparation au départ »", 2, "journée de formation",
     "events.workshops_held", {"kind": "pre_departure_training"}),
    ("Réalisation d'un focus dans l'enquête régionale sur les ASI", 1, "enquête avec focus",
     "surveys.campaigns_with_focus", {}),
    ("Participation aux réflexions du département", None, "rendez-vous",
     "liaison.funder_meetings", {}),
    ("Soutien à la dynamique territoriale par la valorisation des dispositifs", None, "événement",
     "liaison.promotion_events", {"kind": "", "scheme": ""}),
]  # fmt: skip


def agreement_2023():
    return Agreement.objects.filter(reference=REFERENCE).first()


def load(actor, log=print):
    agreement = agreement_2023()
    if agreement is None:
        agreement = services.create_agreement(
            actor=actor,
            funder=organisations.funder(),
            beneficiary=organisations.network(),
            **AGREEMENT,
        )
    existing = set(agreement.commitments.values_list("label", flat=True))
    created = 0
    for label, target, unit, code, params in COMMITMENTS:
        if label in existing:
            continue
        services.add_commitment(
            agreement,
            actor=actor,
            label=label,
            target=None if target is None else Decimal(target),
            unit=unit,
            measure_kind=INDICATOR,
            indicator_code=code,
            indicator_params=params,
        )
        created += 1
    log(
        f"convention {REFERENCE} : {created} {plural('engagement créé', created)}, montants non connus"
    )
