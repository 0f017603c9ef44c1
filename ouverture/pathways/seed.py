"""The PAM of the source document (Proposition d'accompagnement 2024, « Le parcours
d'accompagnement aux projets de mobilité (PAM) »).

- The 7 modules as the document describes them: title, objectives, practical
  information as printed, format, duration, audience (« Ouvert à tou.s.tes » → open
  to all; « Porteurs intégrés au PAM » → cohort only). Module 2 is an online
  resource plus a one-hour video Q&A (its duration is that session's); module 3's
  individual meeting has no duration in the document (left empty).
- The 2025 cohort: « 7 modules répartis sur 6 mois et ouverte à 8 porteurs », a
  January start and an intake deadline « début décembre ». The document gives no
  date: the start is the first Monday of January 2025 (6 January), the deadline the
  first Friday of December 2024 (6 December). It stays « en préparation »: the
  document proposes it « sous réserve de la reconduction du dispositif ».
- Each module is scheduled as a session (an events workshop of kind `pam_module`
  with the module's audience). Dates are generated, the document giving « Le
  calendrier proposé dépendra des dates d'ouverture de l'appel à projets 2025 »:
  module n on the start date + 4 × (n − 1) weeks (Mondays from 6 January to
  23 June 2025), from 14:00, ending after the module's duration when it is known;
  no place nor video link (not given). This is the default calendar of
  `services.schedule_remaining_modules`, which the cohort page also offers.
- The PAM intake questionnaire made by the surveys loader (draft) is attached to
  the cohort. No candidate, score nor attendance is invented.

Idempotent: a module (number), the cohort (title) or a session already there is
left as it is.
"""

import datetime as dt

from ouverture.events.enums import Audience
from ouverture.pathways import services
from ouverture.pathways.enums import ModuleFormat
from ouverture.pathways.models import Cohort, Module

OPEN, COHORT = Audience.OPEN, Audience.COHORT_ONLY
F = ModuleFormat

MODULES = [
    dict(
        number=1,
        title="Contextualisation et diagnostic",
        objectives=(
            "Acquérir les bases de la méthodologie de projet de mobilité collective jeunesse. "
            "Connaître ses enjeux, motivations et compétences. Réaliser le diagnostic de son "
            "projet. Trouver un partenaire."
        ),
        practical_info=(
            "2h d'atelier en visioconférence. A l'issue de l'atelier 1, un lien sera disponible "
            "pour accéder au module 2."
        ),
        formats=[F.VIDEO],
        duration_minutes=120,
        audience=OPEN,
    ),
    dict(
        number=2,
        title="Recherche de financements",
        objectives="Les différentes sources de financement.",
        practical_info=(
            "Remise d'un lien présentant de manière dynamique les principales sources de "
            "financement complémentaires au dispositif du Département (JSI/VVSI, MOBINOV, "
            "Erasmus+, OFAJ). Session collective de Q/R d'1 heure en visioconférence. Mise à "
            "disposition d'un plan de financement prévisionnel à compléter."
        ),
        formats=[F.ONLINE_RESOURCE, F.VIDEO],
        duration_minutes=60,
        audience=OPEN,
    ),
    dict(
        number=3,
        title="Etablir un plan de financement",
        objectives=(
            "Etablir son plan de financement pour solliciter des fonds adaptés à son projet."
        ),
        practical_info=(
            "Rdv individuel afin d'étudier la cohérence du plan de financement et permettre "
            "d'identifier d'autres pistes en fonction du projet + orientation vers contacts clés "
            "(déplacements de Lianes/visioconférence)."
        ),
        formats=[F.INDIVIDUAL_MEETING],
        duration_minutes=None,
        audience=COHORT,
    ),
    dict(
        number=4,
        title="Accompagner les jeunes dans le projet",
        objectives=(
            "La place des jeunes dans le projet. La préparation au départ (présentation "
            "d'outils et méthodes)."
        ),
        practical_info=(
            "3h d'atelier en présentiel. Remise d'une boîte à outils à l'issue de l'atelier."
        ),
        formats=[F.IN_PERSON],
        duration_minutes=180,
        audience=COHORT,
    ),
    dict(
        number=5,
        title="Suivi-évaluation",
        objectives=(
            "Penser la phase de suivi-évaluation. Préparer le retour. Anticiper le bilan. "
            "Valoriser mon projet sur le territoire."
        ),
        practical_info="3h d'atelier en présentiel. Réalisation du calendrier et plan d'action.",
        formats=[F.IN_PERSON],
        duration_minutes=180,
        audience=OPEN,
    ),
    dict(
        number=6,
        title="Présenter son projet",
        objectives=(
            "Atelier d'écriture. Présentation du projet au collectif pour retours par les pairs "
            "/ présentation par les jeunes (dans la mesure du possible)."
        ),
        practical_info="3h d'atelier en présentiel.",
        formats=[F.IN_PERSON],
        duration_minutes=180,
        audience=COHORT,
    ),
    dict(
        number=7,
        title="Préparer le dépôt du projet",
        objectives=(
            "Relectures et ajustements avec le porteur. Accompagnement au dépôt sur la "
            "plateforme e-partenaires."
        ),
        practical_info="2H30 de rendez-vous individuel.",
        formats=[F.INDIVIDUAL_MEETING],
        duration_minutes=150,
        audience=COHORT,
    ),
]

COHORT_2025 = dict(
    title="PAM 2025",
    description=(
        "Parcours d'accompagnement aux projets de mobilité, proposé gratuitement par le "
        "Conseil départemental du Pas-de-Calais et Lianes Coopération. Tout au long du parcours, "
        "les participants travaillent sur leur propre projet de mobilité collective, avec "
        "l'accompagnement des chargés de mission, des témoignages d'acteurs expérimentés de la "
        "région et des échanges avec les autres participants. Un investissement personnel des "
        "porteurs est demandé en retour. Public : bénévoles, salarié·e·s, agents de tout type "
        "de structure mettant ou souhaitant mettre en œuvre des projets de mobilité collective "
        "en Europe ou à l'international avec des jeunes."
    ),
    start_date=dt.date(2025, 1, 6),
    months=6,
    capacity=8,
    intake_deadline=dt.date(2024, 12, 6),
)


def load(actor, log=print):
    from ouverture.surveys import services as surveys
    from ouverture.surveys.seed import pam_intake

    created = 0
    for spec in MODULES:
        if not Module.objects.filter(number=spec["number"]).exists():
            services.create_module(actor=actor, **spec)
            created += 1
    cohort = Cohort.objects.filter(title=COHORT_2025["title"]).first()
    if cohort is None:
        cohort = services.create_cohort(actor=actor, **COHORT_2025)
        log(f"Cohorte « {cohort.title} » créée")
        created += 1
    created += len(services.schedule_remaining_modules(cohort, actor=actor))
    questionnaire = pam_intake()
    if questionnaire is not None and questionnaire.subject_ref != cohort.subject_ref:
        surveys.attach(questionnaire, cohort.subject_ref, actor=actor)
        created += 1
    log(
        f"{Module.objects.count()} modules du PAM, cohorte {cohort.title} : "
        f"{cohort.sessions.count()} séances programmées" + ("" if created else " (déjà chargés)")
    )
