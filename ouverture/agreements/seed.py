"""The 2024 agreement of the source document (annex 3 of deliberation n°2024-401) and the
funder's budget operation that pays it.

Typed here, as the document gives them: the parties (the organisations loader's funder and
network), the object, the periods and dates, the subsidy and forecast cost
of Article 4, the 11 budget lines with their totals (the unit costs are derived by the code)
and their expense categories, the co-funding by RECITAL, Lianes Coopération's overall 2024
budget, the 8 commitments of Article 2, and operation C05-043A06 with its credits and the credit
the report says is available.

How rows are laid out where the document gives only totals:
- Each budget line is in one category except "Développement d'outils PAM", split 2 000 € staff
  (internal design) and 1 400 € external services (graphic design and production), which is
  how the financing plan's "Coûts RH" and "prestation externe" rows add up.
- The funder's subsidy is the agreement's own figure: it is not typed again as a revenue.
- The operation's credits (10 749,99 €) exceed what the report calls available: the document
  does not say which files took the difference. It is recorded as one committed line, labelled
  as such, worth credits − available; the agreement's subsidy is then committed against the
  operation (voted on 14 October 2024), which leaves a balance the code computes.
- Article 2's last two actions (participation in the funder's reflections, promotion at
  events) carry no figure: each has no target ("sans cible chiffrée") and is measured by the
  records (`liaison.funder_meetings`, `liaison.promotion_events`). The twinning database
  update counts the agreements verified in the period (`twinnings.agreements_verified`); the
  PAM tools count the deliverables recorded against the commitment.
- Article 5 states the pro rata rule without an example; the convention illustrates it at two
  realised amounts below the forecast cost (`PRO_RATA_EXAMPLES`, the amounts of the
  acceptance figures), recorded as the agreement's examples: the subsidy due at each is
  computed, never typed.
- The totals the proposal's tables print (the budget's "Total" row, the financing plan's
  expense rows) are kept as stated subtotals and checked against the lines: the budget table
  prints a sum under its unit-cost column, which the rounded unit costs do not give and which
  means nothing anyway (a check says so, with the numbers). The budget has no
  strands: the document groups its lines in none, so none is laid out.
- No payment schedule: the convention's articles on payment (6 to 9) are missing from the
  document (it jumps from Article 5 to Article 10) and the deliberation only says the agreement
  states "les modalités de versement". None is invented; the page says "Aucun échéancier".
- The deliberation is not typed here: the assemblies loader records act n°2024-401 and links
  this agreement to it (`Deliberation.agreements`); the page and the documents read it there.
- The document is the draft annexed to the deliberation, unsigned: the agreement is loaded as
  a draft ("Projet") without signature date.
"""

import datetime as dt
from decimal import Decimal

from ouverture.agreements import services
from ouverture.agreements.enums import CreditStatus, ExpenseCategory, MeasureKind
from ouverture.agreements.models import Agreement, BudgetOperation
from ouverture.organisations import seed as organisations

REFERENCE = "CD62-LIANES-2024"
STAFF = ExpenseCategory.STAFF
TRAVEL = ExpenseCategory.TRAVEL_SUPPLIES
EXTERNAL = ExpenseCategory.EXTERNAL_SERVICES
OVERHEADS = ExpenseCategory.OVERHEADS

ARTICLES = """Article 1 : Objet de la convention
La présente convention a pour objet de fixer les conditions d'octroi d'une subvention par le Département au bénéficiaire dans le cadre d'un programme d'actions visant à favoriser l'ouverture au monde des habitants du Pas-de-Calais.
Elle fixe également les obligations du bénéficiaire de la subvention pour la réalisation de ces actions.

Article 2 : Programme d'actions
Le Bénéficiaire s'engage à réaliser les actions suivantes :
- Réalisation de 8 accompagnements personnalisés auprès des acteurs du territoire, à l'émergence et au montage de projets de mobilité internationale ;
- Réalisation de 4 accompagnements personnalisés auprès des acteurs du territoire, à l'émergence et au montage de projets de jumelages ;
- Réalisation de 6 appui-conseils auprès des structures qui n'ont pas besoin d'un accompagnement sur le long-terme ;
- Réalisation d'un temps d'accompagnement collectif lié à l'appel à projet « Pas-de-Calais, Mobilité Européenne et Internationale » pour accompagner à la rédaction du bilan des projets ayant reçu un avis favorable dans le cadre des appels à projets 2024 ;
- Développement d'outils dans le cadre des 7 modules du parcours d'accompagnement aux projets de mobilité qui seraient mis en place dans les futurs AAP, sous réserve de la reconduction du dispositif départemental ;
- Mise à jour de la base de données des jumelages du Pas-de-Calais ;
- Participation aux réflexions menées pour rendre les dispositifs du Département du Pas-de-Calais cohérents avec d'autres programmes existants et les attentes/besoins des actions du territoire ;
- Soutien aux dynamiques territoriale et partenariale par la valorisation des dispositifs 62MEI et Jumelages innovants et mise en réseau lors de différents événements (festivals, réunions, marchés...).
Il s'engage par ailleurs à se soumettre à tout contrôle technique, administratif et financier sur pièces et sur place, y compris au sein de sa comptabilité, effectué par le Département ou tout autre instance habilitée par lui.

Article 3 : Délai de réalisation
Le bénéficiaire s'engage à mener ses actions entre le 1er janvier 2024 et le 31 décembre 2024. Les dépenses qu'il engagera pour mener ces actions devront être acquittées durant la même période.
Le bilan des actions devra être fourni au Département, au plus tard le 1er avril 2025.
A défaut de remplir ces obligations, la subvention pourra être annulée de plein droit.

Article 4 : Montant de la subvention
Le Département octroie au bénéficiaire une subvention d'un montant de 9 879,54 € sur un coût total prévisionnel de 11 879,54 €. L'intervention du Département est plafonnée au montant indiqué ci-dessus.

Article 5 : Ajustement du montant de la subvention
En cas de réalisation des dépenses inférieure au montant total prévisionnel indiqué dans l'article 4, la subvention départementale sera calculée au prorata du taux d'exécution des actions.
La résiliation prend effet un mois franc après la réception de sa notification par lettre recommandée avec avis de réception.
En cas de déclaration inexacte, la présente convention peut être résiliée sans préavis.
En cas de non-respect des clauses de la présente convention et en particulier, de la non-exécution totale ou partielle de l'opération, de l'utilisation des fonds non conforme à l'objet de la présente convention ou de refus par l'organisme de se soumettre aux contrôles, le Président du Département décide de mettre fin à l'aide et exige le reversement partiel ou total des sommes versées.
L'organisme qui souhaite abandonner son projet, peut demander la résiliation de la convention. Il s'engage à procéder au reversement des sommes indûment perçues dans les plus brefs délais et au plus tard, dans le mois qui suit la réception du titre de perception.

Article 10 : Voies de recours
En cas de différend relatif à l'exécution de la présente convention, les parties tenteront un règlement amiable. En cas d'échec de ce dernier, le litige sera porté devant le Tribunal administratif de Lille."""

AGREEMENT = dict(
    reference=REFERENCE,
    title="Accompagnement de Lianes Coopération pour favoriser l'ouverture au monde des "
    "habitants du Pas-de-Calais",
    action_start=dt.date(2024, 1, 1),
    action_end=dt.date(2024, 12, 31),
    report_due=dt.date(2025, 4, 1),
    subsidy="9879.54",
    forecast_cost="11879.54",
    articles=ARTICLES,
)

# Realised amounts at which the convention illustrates Article 5 (see the docstring).
PRO_RATA_EXAMPLES = ["10000.00", "9000.00"]

# (label, quantity, unit, total, categories, description); the order of the document.
BUDGET_LINES = [
    ("Accompagnement projet de mobilité", 8, "porteur", "1066.52", STAFF,
     "6 AAP 2024 + 2 prévisions dépôt 2025"),
    ("Appui-conseil porteurs", 6, "porteur", "399.95", STAFF,
     "Réponse et orientation des structures intéressées par les dispositifs"),
    ("PAM (modules 2025)", 7, "module", "1088.74", STAFF,
     "Création du contenu des modules qui seront mis en œuvre en 2025 (déroulé pédagogique des séances)"),
    ("Accompagnement projet jumelage", 4, "porteur", "444.38", STAFF,
     "2 accompagnements au dépôt 2024 et 2 en prévision d'un dépôt 2025"),
    ("Mise à jour de la base de données des jumelages", 1, "forfait", "866.55", STAFF,
     "Etablissement d'un listing des jumelages actifs + contacts directs"),
    ("Accompagnement collectif lauréats 2024 – suivi/évaluation", 1, "journée", "825.23", STAFF,
     "Session d'accompagnement en collectif à destination des lauréats 2024"),
    ("Développement d'outils PAM", 1, "unité", "3400.00", {STAFF: "2000.00", EXTERNAL: "1400.00"},
     "Travail de conception des outils (interne à Lianes) utilisés au cours de l'animation, "
     "graphisme et fabrication (prestation externe)"),
    ("Dynamiques partenariale et territoriale", 1, "forfait", "670.50", STAFF,
     "Appui au remaniement des dispositifs et valorisation de ceux-ci"),
    ("Déplacements & fournitures", 1, "forfait", "200.00", TRAVEL,
     "Frais de déplacements lors des accompagnements et petit matériel nécessaires pour la mise "
     "en place de ces temps (ex : papeterie)"),
    ("Administratif et coûts indirects", 1, "forfait", "2140.00", OVERHEADS,
     "Frais support de fonctionnement de Lianes (locaux, suivi de convention RAF)"),
    ("Coordination globale", 1, "forfait", "777.67", STAFF,
     "Coordination de l'ensemble des chargés de mission mobilisés pour la réalisation des actions"),
]  # fmt: skip

REVENUES = [("RECITAL", "2000.00", "Cofinancement Recital du programme")]

# What the proposal's tables print as totals, kept to be checked against the lines (never used
# as figures): (kind, category, amount, where it is printed).
BUDGET_TABLE = "tableau « Budget » de la proposition, ligne « Total »"
PLAN_TABLE = "« Plan de financement » de la proposition"
STATED_SUBTOTALS = [
    ("budget_total", "", "11879.54", BUDGET_TABLE + ", colonne « Total »"),
    ("unit_cost_column", "", "9346.55", BUDGET_TABLE + ", colonne « Coût unitaire »"),
    ("category", STAFF, "8139.54", PLAN_TABLE + ", « Coûts RH »"),
    ("category", TRAVEL, "200.00", PLAN_TABLE + ", « Frais de transport et fournitures »"),
    ("category", EXTERNAL, "1400.00", PLAN_TABLE + ", « Graphisme et fabrication des outils PAM »"),
    ("category", OVERHEADS, "2140.00", PLAN_TABLE + ", « Administratif et coûts indirects »"),
]

BENEFICIARY_BUDGET = dict(
    year=2024,
    total_revenues="702190.00",
    total_expenses="742635.00",
    source="Proposition d'accompagnement 2024 : part du programme dans le budget de Lianes Coopération",
)

INDICATOR, DELIVERABLES = MeasureKind.INDICATOR, MeasureKind.DELIVERABLES
# (label, target, unit, kind, indicator code, parameters, budget line label)
COMMITMENTS = [
    ("Accompagnements personnalisés mobilité internationale", 8, "structure accompagnée",
     INDICATOR, "coaching.follow_ups_opened", {"kind": "coaching", "project_type": "youth_mobility"},
     "Accompagnement projet de mobilité"),
    ("Accompagnements personnalisés jumelage", 4, "structure accompagnée",
     INDICATOR, "coaching.follow_ups_opened", {"kind": "coaching", "project_type": "twinning"},
     "Accompagnement projet jumelage"),
    ("Appuis-conseils", 6, "structure conseillée",
     INDICATOR, "coaching.follow_ups_opened", {"kind": "advice", "project_type": ""},
     "Appui-conseil porteurs"),
    ("Temps d'accompagnement collectif (bilan des lauréats 2024)", 1, "temps collectif",
     INDICATOR, "events.workshops_held", {"kind": "follow_up_evaluation"},
     "Accompagnement collectif lauréats 2024 – suivi/évaluation"),
    ("Outils pour les modules du PAM", 7, "module", DELIVERABLES, "", {},
     "Développement d'outils PAM"),
    ("Mise à jour de la base des jumelages", 1, "jumelage vérifié", INDICATOR,
     "twinnings.agreements_verified", {"status": ""},
     "Mise à jour de la base de données des jumelages"),
    ("Participation aux réflexions sur les dispositifs du Département", None, "rendez-vous",
     INDICATOR, "liaison.funder_meetings", {}, "Dynamiques partenariale et territoriale"),
    ("Valorisation des dispositifs 62MEI et Jumelages innovants, mise en réseau", None,
     "événement", INDICATOR, "liaison.promotion_events", {"kind": "", "scheme": ""},
     "Dynamiques partenariale et territoriale"),
]  # fmt: skip

OPERATION = dict(
    year=2024,
    code="C05-043A06",
    imputation="65748//93043",
    label="Actions européennes et internationales",
    credits="10749.99",
)
# What the report to the Commission Permanente calls available before this subsidy.
AVAILABLE_BEFORE_SUBSIDY = "9879.54"
VOTED_ON = dt.date(2024, 10, 14)


def _agreement(actor, log):
    funder, network = organisations.funder(), organisations.network()
    agreement = services.create_agreement(
        actor=actor, funder=funder, beneficiary=network, **AGREEMENT
    )
    lines = {}
    for label, quantity, unit, total, categories, description in BUDGET_LINES:
        lines[label] = services.add_budget_line(
            agreement,
            actor=actor,
            label=label,
            quantity=Decimal(quantity),
            unit=unit,
            total=total,
            description=description,
            categories=categories,
        )
    for funder_label, amount, note in REVENUES:
        services.add_revenue(
            agreement, actor=actor, funder_label=funder_label, amount=amount, note=note
        )
    for kind, category, value, source in STATED_SUBTOTALS:
        services.record_stated_subtotal(
            agreement, actor=actor, kind=kind, category=category, value=value, source=source
        )
    services.set_beneficiary_budget(network, actor=actor, **BENEFICIARY_BUDGET)
    for label, target, unit, kind, code, params, line in COMMITMENTS:
        services.add_commitment(
            agreement,
            actor=actor,
            label=label,
            target=None if target is None else Decimal(target),
            unit=unit,
            measure_kind=kind,
            indicator_code=code,
            indicator_params=params,
            budget_line=lines[line],
        )
    log(
        f"convention {agreement.reference} : {len(lines)} lignes budgétaires, "
        f"{len(COMMITMENTS)} engagements"
    )
    return agreement


def _operation(agreement, actor, log):
    operation = services.create_operation(actor=actor, funder=organisations.funder(), **OPERATION)
    already = operation.credits - Decimal(AVAILABLE_BEFORE_SUBSIDY)
    services.reserve_credit(
        operation,
        actor=actor,
        amount=already,
        label="Crédits déjà engagés sur d'autres dossiers (non détaillés par le document source)",
        status=CreditStatus.COMMITTED,
    )
    services.reserve_credit(
        operation,
        actor=actor,
        amount=agreement.subsidy,
        label=f"Subvention {agreement.year} — {agreement.beneficiary}",
        agreement=agreement,
        status=CreditStatus.COMMITTED,
        decided_on=VOTED_ON,
    )
    log(f"opération {operation.code} : crédits et engagements enregistrés")


def load(actor, log=print):
    agreement = Agreement.objects.filter(reference=REFERENCE).first()
    if agreement is None:
        agreement = _agreement(actor, log)
    if not agreement.pro_rata_examples.exists():
        services.set_pro_rata_examples(agreement, PRO_RATA_EXAMPLES, actor=actor)
    funder = organisations.funder()
    exists = BudgetOperation.objects.filter(
        funder=funder, year=OPERATION["year"], code=OPERATION["code"]
    ).exists()
    if not exists:
        _operation(agreement, actor, log)
