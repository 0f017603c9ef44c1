"""The source document's collective work of 2023: two workshops and two pre-departure
trainings (bilan d'activités 2023, activités 2 and 3).

Workshops: title, date, times, place where given, facilitators (the Département and
Lianes Coopération, "binôme Département/Lianes"), the agenda rows as printed, and
the parallel ateliers (six of 30 minutes on 2 March, "3 au choix + 1 accompagnement
perso", so up to 4 to choose; two of 1h30 on 10 November, one to choose). Capacity
and registration deadline are not given: left empty.

The document gives counts, not names. What is generated, through the same services
as the screens (`register` as a staff entry, `set_attendance`, `add_walk_in`):
- for each structure of the participants' table, as many placeholder people as its
  "Nombre de participant(s)", named "Participant·e <n> — <structure>", without
  e-mail, with the table's project type, all present;
- among them, the walk-ins ("personnes non inscrites", 3 then 1) are taken one per
  structure from the structures with the most participants, in table order: on
  2 March the last participant of Association Maison d'Enfants Le Regain, Mairie de
  Dourges and Centre Jacques Brel; on 10 November the last of Campus
  agro-environnemental 62. The other participants are registered and present;
- the people excused, named by role only: on 2 March the Présidente of Association
  Tantely Soa Madagascar and the Présidente of Association les Perles du Faso; on
  10 November the Présidente of Comité de jumelage Brebières: registered, excused,
  with their organisation's project type.
So 2 March: 10 registered present + 2 excused = 12 registered, 3 walk-ins, 13
participants, 8 structures (6 mobility, 2 cooperation); 10 November: 11 + 1 = 12
registered, 1 walk-in, 12 participants, 7 structures (5 mobility, 1 cooperation,
1 twinning). The document gives no registration times: people registered beforehand
are dated the eve of the workshop at noon, walk-ins and check-ins its start (table order
kept by the primary key), so 2023 records carry 2023 dates. Each workshop's review
("points positifs / négatifs", "axes d'amélioration", what was adapted) is loaded where
the document gives one: both parts for 2 March, what was adapted for 10 November.

Trainings: date, place, holder, number of young people, destination country,
preparation days and staff as the document gives them; no person is recorded.
Questionnaire: the 2 March 2023 evaluation questionnaire (5 responses, made by the
surveys loader, which runs before this one) is attached to the 2 March workshop
(`satisfaction.attach_existing`), so its summary gives `questionnaire_answers: 5`.
No questionnaire is linked to 10 November in the document: its summary leaves
`questionnaire_answers` out.

Idempotent: a workshop (title and date) or a training (holder and date) already
there is left as it is; an attached questionnaire stays attached.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from ouverture.core.formats import format_date
from ouverture.core.wording import plural
from ouverture.events import satisfaction, services
from ouverture.events.enums import RegistrationStatus, WorkshopKind
from ouverture.events.models import Registration, Training, Workshop
from ouverture.geo.models import Country
from ouverture.organisations.models import Organisation

MOB, COOP, TWIN = "youth_mobility", "cooperation", "twinning"
FUNDER = "Département du Pas-de-Calais"
NETWORK = "Lianes Coopération"
BINOME = "Binôme Département/Lianes"

T = dt.time

CALL_PREPARATION = {
    "workshop": dict(
        title="Dépôt de projet",
        kind=WorkshopKind.CALL_PREPARATION,
        date=dt.date(2023, 3, 2),
        start_time=T(13, 30),
        end_time=T(17, 0),
        description=(
            "Après-midi d'accompagnement collectif pour préparer le dépôt des dossiers de l'appel "
            "à projets « Coopération et Mobilité Internationale » du Département et répondre aux "
            "interrogations et points de blocage des porteurs."
        ),
        ateliers_to_choose=4,
    ),
    # (start, minutes, activity, facilitation, ateliers)
    "agenda": [
        (T(13, 30), 5, "Accueil des participants", "Café, thé. Feuille d'émargement", []),
        (
            T(13, 35),
            10,
            "Ouverture par le Département : contexte de l'appel à projets et présentation du "
            "programme de l'après-midi",
            BINOME,
            [],
        ),
        (
            T(13, 45),
            10,
            "Temps d'interconnaissance : qui sont les porteurs de projets présents ?",
            "Brise-glace (Lianes)",
            [],
        ),
        (
            T(13, 55),
            30,
            "La solidarité internationale, de quoi parle-t-on, comment situer son projet de "
            "coopération internationale et de mobilité ? + Focus sur les Objectifs de "
            "Développement Durable",
            "Définitions. Retour sur l'appel à projets : les critères clés et points de vigilance.",
            [],
        ),
        (
            T(14, 25),
            15,
            "Présentation de la plateforme E-Partenaire et du déroulé d'instruction",
            "Les étapes de dépôt du projet : fonctionnement de la plateforme (Département)",
            [],
        ),
        (T(14, 40), 5, "Temps de questions/réponses complémentaires", BINOME, []),
        (
            T(14, 45),
            5,
            "Présentation des ateliers et prise de rdv. Chaque porteur bénéficiera d'un temps "
            "d'accompagnement individuel et pourra avancer sur la rédaction de son projet à "
            "travers les différents ateliers proposés (3 au choix + 1 accompagnement perso)",
            "Lianes. 6 ateliers proposés dont un temps d'accompagnement personnalisé",
            [],
        ),
        (T(14, 50), 10, "Pause", "", []),
        (
            T(15, 0),
            120,
            "Ateliers pratiques (30 min par atelier)",
            "Lianes",
            [
                (
                    "Les étapes pour mener son projet à bien : identifier où j'en suis dans mon "
                    "projet (calendrier)",
                    "",
                    "Finitomètre",
                ),
                (
                    "Établir son budget",
                    "",
                    "Comprendre la fiche budget du Département. Établir et classer les dépenses, "
                    "prévoir les ressources à l'équilibre",
                ),
                (
                    "Groupe d'interview mutuel (2 porteurs)",
                    "À partir d'une fiche « interview », 15 minutes dédiées par projet présenté : "
                    "une personne est le « porteur de projet » et va présenter son action. Les "
                    "autres sont les « participants » et se chargent d'écouter et conseiller le "
                    "porteur de projet.",
                    "Présenter son projet pour évaluer sa clarté, sa cohérence. Exposition par "
                    "l'enquêteur de points forts, points à renforcer, exemples de ressources, "
                    "idées et conseils pour améliorer le projet",
                ),
                (
                    "Autodiagnostic",
                    "",
                    "Fiche de suivi de Lianes. Questionnaire pour s'auto-évaluer",
                ),
                (
                    "Objectifs de Développement Durable : quels sont ceux concernés par mon projet",
                    "",
                    "Cubes ODD",
                ),
                (
                    "Rendez-vous d'accompagnement personnalisé (à partir de la fiche projet) : "
                    "1. projet mobilité, 2. projet SI",
                    "",
                    "Temps de rdv d'accompagnement flash individuel",
                ),
            ],
        ),
        (T(17, 0), None, "Clôture de l'après-midi et remise des documents guide", "", []),
    ],
    "atelier_minutes": 30,
    # (organisation name, project type, participants, of whom walk-ins)
    "structures": [
        ("Campus agro-environnemental 62", MOB, 1, 0),
        ("Association des amis de la section internationale Lycée Robespierre", MOB, 1, 0),
        ("Association Tantely Soa Madagascar", COOP, 1, 0),
        ("MALCO HDF", MOB, 1, 0),
        ("Association Maison d'Enfants Le Regain", MOB, 3, 1),
        ("Mairie de Dourges", MOB, 2, 1),
        ("Centre Jacques Brel", MOB, 2, 1),
        ("Association Fafadané S.l", COOP, 2, 0),
    ],
    # (organisation name, role, project type)
    "excused": [
        ("Association Tantely Soa Madagascar", "Présidente", COOP),
        ("Association les Perles du Faso", "Présidente", COOP),
    ],
}

FOLLOW_UP_EVALUATION = {
    "workshop": dict(
        title="Suivi et évaluation de projet",
        kind=WorkshopKind.FOLLOW_UP_EVALUATION,
        date=dt.date(2023, 11, 10),
        start_time=T(10, 0),
        end_time=T(16, 30),
        place="Hôtel du Département",
        description=(
            "Temps destiné aux porteurs de projets lauréats de l'appel à projets 2023, pour "
            "anticiper l'étape de bilan à remettre en fin de projet et aborder le suivi."
        ),
        ateliers_to_choose=1,
    ),
    "agenda": [
        (T(10, 0), 15, "Accueil des participants : café, thé. Feuille d'émargement", BINOME, []),
        (
            T(10, 15),
            15,
            "Ouverture par le Département : retour sur l'AAP, présentation du programme de la "
            "journée, le rôle de Lianes Coopération",
            BINOME,
            [],
        ),
        (
            T(10, 30),
            30,
            "Présentation des projets lauréats : speed dating (3 min/projet)",
            "Lianes",
            [],
        ),
        (
            T(11, 0),
            30,
            "Le suivi-évaluation de projets, de quoi parle-t-on ? Comment et quand le prévoir ? "
            "Définitions suivi/éval ; le projet et l'action : période de transition ; pourquoi "
            "mener une évaluation, que recherche-t-on ?",
            "Lianes",
            [],
        ),
        (T(11, 30), 20, "Pause", "", []),
        (
            T(11, 50),
            30,
            "Présentation de la procédure de bilan + deadlines : retour sur les exigences du CD, "
            "les critères clés et points de vigilance ; questions/réponses",
            "Département",
            [],
        ),
        (T(12, 20), None, "Repas", "", []),
        (
            T(14, 30),
            90,
            "Ateliers en sous-groupes",
            "Lianes (format atelier en sous-groupe)",
            [
                (
                    "Atelier 1 : le bilan de mobilité",
                    "C'est quoi un bilan d'expérience interculturelle avec les jeunes ? Que "
                    "recherche-t-on à court, moyen et long terme ? Comment et pourquoi ? Comment "
                    "on évalue l'impact ? Comment on fait le bilan avec son partenaire ?",
                    "Lianes (format atelier en sous-groupe)",
                ),
                (
                    "Atelier 2 : le bilan de microprojets de SI/jumelage",
                    "Le suivi à distance d'un microprojet vs le suivi sur le terrain : méthodes et "
                    "outils. L'importance du partenariat dans le suivi/évaluation. Préparer une "
                    "évaluation : les 7 questions clefs. Comment évaluer l'impact du projet ?",
                    "Lianes (format atelier en sous-groupe)",
                ),
            ],
        ),
        (T(16, 0), 30, "Évaluation, perspectives et clôture", BINOME, []),
    ],
    "atelier_minutes": 90,
    "structures": [
        ("Campus agro-environnemental 62", MOB, 3, 1),
        ("Association des amis de la section internationale Lycée Robespierre", MOB, 1, 0),
        ("Association Tantely Soa Madagascar", COOP, 2, 0),
        ("MALCO HDF", MOB, 2, 0),
        ("Association Maison d'Enfants Le Regain", MOB, 2, 0),
        ("Association Community", MOB, 1, 0),
        ("CMJE", TWIN, 1, 0),
    ],
    "excused": [("Comité de jumelage Brebières", "Présidente", TWIN)],
}

TRAININGS = [
    dict(
        date=dt.date(2023, 4, 4),
        place="CFA d'Hesdigneul",
        holder="MALCO HDF",
        young_people=6,
        destination_country="TG",
        preparation_days=Decimal("2"),
        staff_count=1,
        notes=(
            "Projet Togo. Deux journées de travail en amont pour fournir des données actualisées "
            "et propres au pays de destination et adapter les outils."
        ),
    ),
    dict(
        date=dt.date(2023, 3, 29),
        place="Tilloy-lès-Mofflaines",
        holder="Campus agro-environnemental 62",
        young_people=18,
        destination_country="MG",
        preparation_days=Decimal("2"),
        staff_count=2,
        notes=(
            "Mobilité à Madagascar, dans les locaux du Campus. Pour une partie du groupe, un "
            "« jury blanc » d'1h30 en visio le 30 janvier 2023, avant la présentation au Fonjep."
        ),
    ),
]


def _organisation(name):
    return Organisation.objects.get(name=name)


def _placeholder(organisation, n):
    return f"Participant·e {n} — {organisation.usual_name or organisation.name}"


def _load_workshop(spec, actor, log):
    fields = spec["workshop"]
    if Workshop.objects.filter(title=fields["title"], date=fields["date"]).exists():
        return False
    workshop = services.create_workshop(
        actor=actor, facilitators=[_organisation(FUNDER), _organisation(NETWORK)], **fields
    )
    for order, (start, minutes, activity, facilitation, ateliers) in enumerate(spec["agenda"], 1):
        item = services.add_agenda_item(
            workshop,
            actor=actor,
            order=order,
            start_time=start,
            duration_minutes=minutes,
            activity=activity,
            facilitation=facilitation,
        )
        for title, description, atelier_facilitation in ateliers:
            services.add_atelier(
                workshop,
                actor=actor,
                agenda_item=item,
                title=title,
                description=description,
                facilitation=atelier_facilitation,
                duration_minutes=spec["atelier_minutes"],
            )
    walk_ins = []
    for name, project_type, count, walk_in_count in spec["structures"]:
        organisation = _organisation(name)
        for n in range(1, count + 1):
            person = dict(
                full_name=_placeholder(organisation, n),
                organisation=organisation,
                project_type=project_type,
            )
            if n > count - walk_in_count:
                walk_ins.append(person)
                continue
            registration = services.register(workshop, actor=actor, staff_entry=True, **person)
            services.set_attendance(registration, RegistrationStatus.PRESENT, actor=actor)
    for name, role, project_type in spec["excused"]:
        registration = services.register(
            workshop,
            actor=actor,
            staff_entry=True,
            role=role,
            full_name="",
            organisation=_organisation(name),
            project_type=project_type,
        )
        services.set_attendance(registration, RegistrationStatus.EXCUSED, actor=actor)
    for person in walk_ins:
        services.add_walk_in(workshop, actor=actor, **person)
    _date_as_in_2023(workshop)
    log(f"Temps collectif « {workshop.title} » du {format_date(workshop.date)} créé")
    return True


def _at(day, time):
    return timezone.make_aware(dt.datetime.combine(day, time or T(12, 0)))


def _date_as_in_2023(workshop):
    """The document gives no registration dates: people registered on line beforehand are
    dated the eve of the workshop at noon, and everyone present is checked in at its start;
    walk-ins register at the start. So the records of 2023 carry 2023 dates, not the day the
    data was loaded. (A timestamp correction of freshly loaded rows, not a domain change: no
    history entry.)"""
    eve, start = workshop.date - dt.timedelta(days=1), workshop.start_time
    registrations = Registration.objects.filter(workshop=workshop)
    registrations.filter(walk_in=False).update(registered_at=_at(eve, T(12, 0)))
    registrations.filter(walk_in=True).update(registered_at=_at(workshop.date, start))
    registrations.filter(checked_in_at__isnull=False).update(
        checked_in_at=_at(workshop.date, start)
    )
    Workshop.objects.filter(pk=workshop.pk).update(
        created_at=_at(workshop.date, T(9, 0)) - dt.timedelta(days=30)
    )


# The reviews the document writes for the 2023 workshops (Activity 2).
REVIEWS = {
    (dt.date(2023, 3, 2), "Dépôt de projet"): dict(
        strengths="Permet d'avoir une vision en amont du type de porteur de projet et de mieux "
        "adapter les contenus (fiche projet du Département envoyée avant la rencontre).",
        weaknesses="Blocage pour ceux qui ne sont pas encore prêts (pas en capacité de tout "
        "compléter, date butoir).",
        proposals="Préciser qu'il est possible de participer au temps même sans fiche projet ou "
        "avec une partie restreinte complétée, la seule obligation étant d'avoir déjà une idée "
        "de projet.\nAvoir un autre temps en amont pour ceux ayant besoin de faire mûrir leur "
        "idée de projet.",
        adaptations="Le programme a été dans sa globalité respecté, mais les activités ont été "
        "adaptées au temps restant à la suite des retards d'arrivée des participants (30 minutes "
        "de décalage).",
    ),
    (dt.date(2023, 11, 10), "Suivi et évaluation de projet"): dict(
        adaptations="Le programme a été dans sa globalité respecté, mais les activités ont été "
        "adaptées au temps restant à la suite du retard pris en matinée (30 minutes de "
        "décalage). Le temps prévu sur la communication et la valorisation du projet sur le "
        "territoire a été intégré aux ateliers pour rattraper le retard.",
    ),
}


def _load_reviews(actor, log):
    from ouverture.events.review_models import WorkshopReview
    from ouverture.events.reviews import save_review

    created = 0
    for (date, title), fields in REVIEWS.items():
        workshop = Workshop.objects.filter(title=title, date=date).first()
        if workshop is None or WorkshopReview.objects.filter(workshop=workshop).exists():
            continue
        save_review(workshop, actor=actor, **fields)
        created += 1
    if created:
        log(
            f"{created} {plural('bilan', created)} de temps collectif 2023 {plural('enregistré', created)}"
        )
    return created


def _load_training(spec, actor, log):
    holder = _organisation(spec["holder"])
    if Training.objects.filter(holder=holder, workshop__date=spec["date"]).exists():
        return False
    fields = dict(spec, holder=holder)
    fields["destination_country"] = Country.objects.get(code=spec["destination_country"])
    services.create_training(actor=actor, **fields)
    log(f"Préparation au départ du {format_date(spec['date'])} ({holder.name}) créée")
    return True


def _attach_questionnaire(actor, log):
    from ouverture.surveys.seed import satisfaction_2023_03_02

    fields = CALL_PREPARATION["workshop"]
    workshop = Workshop.objects.filter(title=fields["title"], date=fields["date"]).first()
    questionnaire = satisfaction_2023_03_02()
    if workshop is None or questionnaire is None:
        log("Questionnaire d'évaluation du 2 mars 2023 introuvable : chargez les questionnaires")
        return False
    if questionnaire.subject_ref == satisfaction.subject_ref(workshop):
        return False
    satisfaction.attach_existing(questionnaire, workshop, actor=actor)
    log(f"Questionnaire « {questionnaire.title} » rattaché au temps collectif du 2 mars 2023")
    return True


def load(actor, log=print):
    created = sum(
        _load_workshop(spec, actor, log) for spec in (CALL_PREPARATION, FOLLOW_UP_EVALUATION)
    )
    created += sum(_load_training(spec, actor, log) for spec in TRAININGS)
    created += _attach_questionnaire(actor, log)
    created += _load_reviews(actor, log)
    if not created:
        log("Temps collectifs 2023 déjà chargés")
