"""Questionnaires shipped as data, read from the source document and instantiated
through `services.create_from_definition(key, actor=...)`.

- `workshop_satisfaction`: the evaluation sent after a workshop (Activité 2; the
  headings of its charts are the questions). The choices of `sessions` are the
  agenda of the 2 March 2023 workshop: pass `choices={"sessions": [...]}` to use
  another agenda.
- `pam_intake`: the PAM intake form (what, why, Europe or international,
  experience, group of young people and age range, existing partnership).
- `regional_survey`: the regional survey of international-solidarity associations,
  in its six parts (Activité 4); the budget answer derives the size class.

Question types and choices are ours where the document shows only a heading.
"""

from ouverture.surveys.enums import Derivation, QuestionKind, QuestionnaireKind

SINGLE = QuestionKind.SINGLE_CHOICE
MULTIPLE = QuestionKind.MULTIPLE_CHOICE
SCALE = QuestionKind.SCALE
NUMBER = QuestionKind.NUMBER
SHORT = QuestionKind.SHORT_TEXT
LONG = QuestionKind.LONG_TEXT
YES_NO = [("yes", "Oui"), ("no", "Non")]


def q(code, text, kind, *, required=True, choices=(), show_if=None, **extra):
    """One question; `show_if=(code, [values])` shows it only after those answers."""
    return {
        "code": code,
        "text": text,
        "kind": kind,
        "required": required,
        "choices": list(choices),
        "show_if": show_if,
        **extra,
    }


def scale(code, text, low, high, **extra):
    return q(code, text, SCALE, scale_min_label=low, scale_max_label=high, **extra)


WORKSHOP_SESSIONS_2023_03_02 = [
    ("criteria", "Les critères de l'appel à projets, conseils et points de vigilance"),
    ("odd", "Solidarité internationale et Objectifs de Développement Durable"),
    ("epartenaire", "La plateforme e-Partenaire et le déroulé de l'instruction"),
    ("finitometre", "Atelier : les étapes pour mener son projet (Finitomètre)"),
    ("budget", "Atelier : établir son budget"),
    ("interview", "Atelier : groupe d'interview mutuel"),
    ("self_assessment", "Atelier : autodiagnostic"),
    ("odd_cubes", "Atelier : les ODD concernés par mon projet (cubes ODD)"),
    ("personal", "Rendez-vous d'accompagnement personnalisé"),
]

FUNDING_SOURCES = [
    ("own", "Fonds propres (cotisations, dons, ventes)"),
    ("local", "Communes et intercommunalités"),
    ("departement", "Département"),
    ("region", "Région"),
    ("national", "État et opérateurs nationaux (AFD, MEAE…)"),
    ("intermediaries", "Dispositifs intermédiaires (FONJEP, Guilde, Lianes…)"),
    ("europe", "Union européenne"),
    ("foundations", "Fondations et mécénat"),
    ("other", "Autre"),
]

DEFINITIONS = {
    "workshop_satisfaction": {
        "title": "Questionnaire d'évaluation du temps collectif",
        "kind": QuestionnaireKind.SATISFACTION,
        "description": "Votre avis sur la rencontre, pour faire évoluer les prochains temps "
        "d'accompagnement collectif.",
        "is_public": False,
        "sections": [
            {
                "title": "Vos attentes",
                "questions": [
                    q(
                        "expectations",
                        "Quelles étaient vos attentes au départ ?",
                        MULTIPLE,
                        choices=[
                            ("call_criteria", "Comprendre les critères de l'appel à projets"),
                            ("platform", "Découvrir la plateforme de dépôt"),
                            ("writing", "Avancer sur la rédaction de mon projet"),
                            ("budget", "Construire mon budget"),
                            ("advice", "Avoir un avis sur mon projet"),
                            ("network", "Rencontrer d'autres porteurs de projets"),
                        ],
                    ),
                    q(
                        "other_workshop",
                        "Un autre atelier aurait-il été nécessaire ?",
                        SINGLE,
                        choices=YES_NO,
                    ),
                    q(
                        "other_workshop_topic",
                        "Sur quel sujet ?",
                        SHORT,
                        show_if=("other_workshop", ["yes"]),
                    ),
                    q(
                        "sessions",
                        "Selon vous, quelles étaient les sessions les plus pertinentes ?",
                        MULTIPLE,
                        choices=WORKSHOP_SESSIONS_2023_03_02,
                    ),
                ],
            },
            {
                "title": "Votre appréciation",
                "questions": [
                    scale(
                        "satisfaction",
                        "Êtes-vous satisfait de cette rencontre ? A-t-elle répondu à vos attentes ?",
                        "Pas du tout satisfait",
                        "Très satisfait",
                    ),
                    scale(
                        "format",
                        "Qu'avez-vous pensé du format de l'après-midi (temps collectif/ateliers) ?",
                        "Pas du tout adapté",
                        "Très adapté",
                    ),
                    scale(
                        "facilitation",
                        "Comment avez-vous trouvé l'animation ?",
                        "Pas du tout satisfaisante",
                        "Très satisfaisante",
                    ),
                    q(
                        "timing",
                        "En termes d'horaires, l'après-midi vous a semblé ?",
                        SINGLE,
                        choices=[
                            ("too_short", "Trop court"),
                            ("right", "Adapté"),
                            ("too_long", "Trop long"),
                        ],
                    ),
                    scale(
                        "content",
                        "Les contenus étaient-ils pertinents et utiles pour votre projet ?",
                        "Pas du tout",
                        "Tout à fait",
                    ),
                    scale(
                        "materials",
                        "Dans quelle mesure êtes-vous satisfait des supports présentés et "
                        "fournis lors des ateliers ?",
                        "Pas du tout satisfait",
                        "Très satisfait",
                    ),
                ],
            },
            {
                "title": "Ce que vous en retirez",
                "questions": [
                    q(
                        "lessons",
                        "Quels sont les principaux enseignements que vous en avez retirés ?",
                        LONG,
                    ),
                    q(
                        "suggestions",
                        "Que souhaiteriez-vous voir évoluer pour un prochain temps collectif ?",
                        LONG,
                        required=False,
                    ),
                ],
            },
        ],
    },
    "pam_intake": {
        "title": "Candidature au parcours d'accompagnement aux projets de mobilité (PAM)",
        "kind": QuestionnaireKind.INTAKE,
        "description": "Présentez votre idée de projet de mobilité collective de jeunes. "
        "Les porteurs accompagnés sont choisis d'un commun accord par Lianes Coopération et "
        "le Département sur trois critères : cohérence de l'idée, maturité du projet, "
        "expérience du porteur.",
        "is_public": True,
        "asks_identity": True,
        "sections": [
            {
                "title": "Votre structure",
                "questions": [
                    q("organisation", "Nom de votre structure", SHORT),
                    q(
                        "role",
                        "Votre fonction dans la structure",
                        SHORT,
                        required=False,
                        help_text="Bénévole, salarié·e, agent…",
                    ),
                ],
            },
            {
                "title": "Votre idée de projet",
                "questions": [
                    q("what", "Quel est votre projet ? (quoi)", LONG),
                    q("why", "Pourquoi ce projet ?", LONG),
                    q(
                        "destination",
                        "Votre projet se déroulera plutôt…",
                        SINGLE,
                        choices=[
                            ("europe", "En Europe"),
                            ("international", "À l'international (hors Europe)"),
                            ("undecided", "Pas encore défini"),
                        ],
                    ),
                    q(
                        "countries",
                        "Pays envisagé(s)",
                        SHORT,
                        required=False,
                        show_if=("destination", ["europe", "international"]),
                    ),
                ],
            },
            {
                "title": "Votre expérience",
                "questions": [
                    q(
                        "experience",
                        "Avez-vous déjà élaboré un projet de mobilité ?",
                        SINGLE,
                        choices=YES_NO,
                    ),
                    q(
                        "experience_detail",
                        "Décrivez brièvement cette expérience",
                        LONG,
                        show_if=("experience", ["yes"]),
                    ),
                ],
            },
            {
                "title": "Le groupe de jeunes",
                "questions": [
                    q(
                        "group",
                        "Le groupe de jeunes est-il déjà connu ou constitué ?",
                        SINGLE,
                        choices=[
                            ("constituted", "Oui, il est constitué"),
                            ("known", "Il est connu mais pas encore constitué"),
                            ("not_yet", "Non, pas encore"),
                        ],
                    ),
                    q(
                        "age_range",
                        "Tranche d'âge des jeunes",
                        MULTIPLE,
                        choices=[
                            ("under_16", "Moins de 16 ans"),
                            ("16_17", "16-17 ans"),
                            ("18_25", "18-25 ans"),
                            ("over_25", "Plus de 25 ans"),
                        ],
                        show_if=("group", ["constituted", "known"]),
                    ),
                    q(
                        "group_size",
                        "Nombre de jeunes envisagé",
                        NUMBER,
                        required=False,
                    ),
                ],
            },
            {
                "title": "Le partenariat",
                "questions": [
                    q(
                        "partnership",
                        "Avez-vous déjà un partenaire pour ce projet ?",
                        SINGLE,
                        choices=YES_NO,
                    ),
                    q(
                        "partner",
                        "Présentez votre partenaire (structure, pays, depuis quand)",
                        LONG,
                        show_if=("partnership", ["yes"]),
                    ),
                ],
            },
        ],
    },
    "regional_survey": {
        "title": "Enquête régionale sur les associations de solidarité internationale",
        "kind": QuestionnaireKind.SURVEY,
        "description": "Fonctionnement, modèles socioéconomiques et difficultés des associations "
        "de solidarité internationale de la région.",
        "is_public": True,
        "sections": [
            {
                "title": "Caractérisation de la structure et du répondant",
                "questions": [
                    q("association", "Nom de l'association", SHORT),
                    q(
                        "association_type",
                        "Type d'association",
                        SINGLE,
                        choices=[
                            ("asi", "Association de solidarité internationale"),
                            ("osim", "Organisation de solidarité issue des migrations"),
                            ("twinning", "Comité de jumelage"),
                            ("youth", "Association de jeunesse ou d'éducation populaire"),
                            ("other", "Autre"),
                        ],
                    ),
                    q("town", "Commune du siège", SHORT),
                    q(
                        "actions",
                        "Nature des actions",
                        MULTIPLE,
                        choices=[
                            ("development", "Coopération et développement"),
                            ("emergency", "Urgence et action humanitaire"),
                            (
                                "ecsi",
                                "Éducation à la citoyenneté et à la solidarité internationale",
                            ),
                            ("youth_mobility", "Mobilité internationale des jeunes"),
                            ("twinning", "Jumelage"),
                            ("advocacy", "Plaidoyer"),
                            ("other", "Autre"),
                        ],
                    ),
                    q(
                        "sectors",
                        "Secteurs d'intervention",
                        MULTIPLE,
                        choices=[
                            ("education", "Éducation et formation"),
                            ("health", "Santé"),
                            ("agriculture", "Agriculture et alimentation"),
                            ("water", "Eau et assainissement"),
                            ("environment", "Environnement et climat"),
                            ("economy", "Développement économique"),
                            ("culture", "Culture"),
                            ("rights", "Droits humains"),
                            ("other", "Autre"),
                        ],
                    ),
                    q("partner_countries", "Pays partenaires", SHORT),
                    q("respondent", "Nom du répondant", SHORT),
                    q("respondent_email", "E-mail du répondant", SHORT, required=False),
                    q(
                        "respondent_role",
                        "Rôle du répondant dans la structure",
                        SINGLE,
                        choices=[
                            ("president", "Président·e"),
                            ("board", "Membre du bureau ou du conseil d'administration"),
                            ("employee", "Salarié·e"),
                            ("volunteer", "Bénévole"),
                            ("other", "Autre"),
                        ],
                    ),
                ],
            },
            {
                "title": "Gouvernance et ressources humaines",
                "questions": [
                    q("founded", "Année de création", NUMBER, required=False),
                    q(
                        "board_renewal",
                        "Le conseil d'administration s'est-il renouvelé ces trois dernières années ?",
                        SINGLE,
                        choices=[("yes", "Oui"), ("partly", "En partie"), ("no", "Non")],
                    ),
                    q("employees", "Nombre de salariés (équivalents temps plein)", NUMBER),
                    q("volunteers", "Nombre de bénévoles actifs", NUMBER),
                    q(
                        "interns",
                        "Accueillez-vous des stagiaires ou des volontaires ?",
                        MULTIPLE,
                        choices=[
                            ("interns", "Des stagiaires"),
                            ("volunteers", "Des volontaires (service civique, VSI…)"),
                            ("none", "Ni l'un ni l'autre"),
                        ],
                    ),
                    q(
                        "recruitment",
                        "Prévoyez-vous un recrutement dans les trois prochaines années ?",
                        SINGLE,
                        choices=YES_NO,
                    ),
                    q(
                        "hr_difficulties",
                        "Rencontrez-vous des difficultés en matière de ressources humaines ?",
                        SINGLE,
                        choices=YES_NO,
                    ),
                    q(
                        "hr_difficulties_detail",
                        "Lesquelles ?",
                        LONG,
                        show_if=("hr_difficulties", ["yes"]),
                    ),
                ],
            },
            {
                "title": "Analyse financière",
                "questions": [
                    q(
                        "budget",
                        "Budget annuel du dernier exercice clos (en euros)",
                        NUMBER,
                        derive=Derivation.SIZE_CLASS,
                        help_text="Par exemple « 12 500 ». Il situe la structure dans la "
                        "typologie Pico, Nano, Micro, Micro-Méso, Méso.",
                    ),
                    q(
                        "funding_sources",
                        "Sources de financement",
                        MULTIPLE,
                        choices=FUNDING_SOURCES,
                    ),
                    q(
                        "funding_trend",
                        "Comment vos financements ont-ils évolué ces cinq dernières années ?",
                        SINGLE,
                        choices=[("up", "En hausse"), ("stable", "Stables"), ("down", "En baisse")],
                    ),
                    q(
                        "funding_decrease",
                        "Quelle source de financement a le plus diminué ?",
                        SINGLE,
                        choices=FUNDING_SOURCES,
                        show_if=("funding_trend", ["down"]),
                    ),
                    scale(
                        "financial_health",
                        "Comment jugez-vous la santé financière de votre association ?",
                        "Très fragile",
                        "Très solide",
                    ),
                    q(
                        "departement_scheme",
                        "Avez-vous déjà répondu à un dispositif du Département ?",
                        SINGLE,
                        choices=YES_NO,
                    ),
                    q(
                        "departement_procedure",
                        "Comment jugez-vous ses procédures de financement ?",
                        SINGLE,
                        choices=[
                            ("clear", "Accessibles et claires"),
                            ("complex", "Longues ou complexes"),
                            ("unknown", "Je ne sais pas"),
                        ],
                        show_if=("departement_scheme", ["yes"]),
                    ),
                ],
            },
            {
                "title": "Partenariats",
                "questions": [
                    q(
                        "partner_types",
                        "Types de structures partenaires",
                        MULTIPLE,
                        choices=[
                            ("associations", "Associations"),
                            ("local_authorities", "Collectivités territoriales"),
                            ("schools", "Établissements scolaires"),
                            ("companies", "Entreprises"),
                            ("ngos_abroad", "Organisations du pays partenaire"),
                            ("authorities_abroad", "Autorités locales du pays partenaire"),
                            ("other", "Autre"),
                        ],
                    ),
                    q(
                        "partnerships_france",
                        "Nature des partenariats en France",
                        LONG,
                        required=False,
                    ),
                    q(
                        "partnerships_abroad",
                        "Nature des partenariats à l'étranger",
                        LONG,
                        required=False,
                    ),
                ],
            },
            {
                "title": "Appréciation de la situation générale",
                "questions": [
                    scale(
                        "overall_health",
                        "Comment jugez-vous la santé globale de votre structure ?",
                        "Très fragile",
                        "Très solide",
                    ),
                    q(
                        "trend",
                        "Ces cinq dernières années, la situation de votre structure s'est…",
                        SINGLE,
                        choices=[
                            ("better", "Améliorée"),
                            ("stable", "Maintenue"),
                            ("worse", "Dégradée"),
                        ],
                    ),
                    q(
                        "outlook",
                        "Vos perspectives pour les prochaines années",
                        LONG,
                        required=False,
                    ),
                    scale(
                        "public_image",
                        "Comment jugez-vous la communication et l'image publique de votre structure ?",
                        "Très insuffisantes",
                        "Très bonnes",
                    ),
                ],
            },
            {
                "title": "Intégration aux logiques de réseaux et au RRMA",
                "questions": [
                    q(
                        "collectives",
                        "Participez-vous à des structures collectives (réseaux, collectifs, plateformes) ?",
                        SINGLE,
                        choices=YES_NO,
                    ),
                    q(
                        "collectives_detail",
                        "Lesquelles ?",
                        SHORT,
                        show_if=("collectives", ["yes"]),
                    ),
                    q(
                        "rrma_involvement",
                        "Participez-vous aux activités du réseau régional multi-acteurs "
                        "(Lianes Coopération) ?",
                        SINGLE,
                        choices=[
                            ("regularly", "Régulièrement"),
                            ("sometimes", "Occasionnellement"),
                            ("never", "Jamais"),
                        ],
                    ),
                    q(
                        "lianes_services",
                        "Quels services de Lianes Coopération avez-vous utilisés ?",
                        MULTIPLE,
                        choices=[
                            ("coaching", "Accompagnement de projet"),
                            ("trainings", "Formations"),
                            ("workshops", "Temps collectifs"),
                            ("information", "Information et veille"),
                            ("networking", "Mise en réseau"),
                        ],
                        show_if=("rrma_involvement", ["regularly", "sometimes"]),
                    ),
                    scale(
                        "lianes_rating",
                        "Comment appréciez-vous les services fournis par Lianes Coopération ?",
                        "Pas du tout satisfait",
                        "Très satisfait",
                        show_if=("rrma_involvement", ["regularly", "sometimes"]),
                    ),
                ],
            },
        ],
    },
}

LABELS = {key: definition["title"] for key, definition in DEFINITIONS.items()}
