"""Deliberation n°2024-401 of the Commission Permanente (14 October 2024) and its chain.

Loaded as the act gives them: the three bodies (Conseil départemental, Commission Permanente,
5ème commission – Solidarité territoriale et partenariats), the sitting (president Jean-Claude
LEROY, secretary Brigitte PASSEBOSC, Arras), the 41 members present and the 3 excused, the 2
present and 2 excused without a deliberative voice, the five political groups named in the vote,
the item (report n°2, its context and proposal) carrying the credit line the agreements loader
committed, the 5th commission's favourable opinion of 30/09/2024, the vote "Pour : 44 voix" by
group, the four cited deliberations with the act's own "Vu" texts, the three articles, the
imputation table (from the credit line and operation C05-043A06) and the two signatories.
Adoption then goes through `deliberations.adopt`, which links the act to the 2024 agreement
CD62-LIANES-2024 (found by funder, beneficiary and year: the agreement page, its JSON and the
convention read the act's number, date and body from this record) and finds the credit already
committed.

What the act does not say, and how it is laid out here:
- Each member's political group: the act lists the groups that voted for, not who belongs to
  which. The loader assigns the 44 deliberative members to the five groups (GROUPS below) so
  that the group rows add up to 44; correct them from the Département's list of groups. The
  four members without a deliberative voice have no group.
- The proxies: 41 present and 44 votes means the 3 excused members gave a proxy, but the act
  does not name the holders. The loader gives them to the three first vice-presidents of the
  group it assigned them to (Mireille HINGREZ-CÉRÉDA, Daniel MACIEJASZ, Valérie CUVILLIER), one
  each (CGCT: one proxy per holder); each proxy's note says it is assigned by the loader.
- Mandates: every member in office from 1 July 2021 (the installation, deliberation 2021-257).
- Cited deliberations are recorded with their number, body, date and title only. One date per
  record: 2022-11 is dated 24/01/2022 as the act and the agreement cite it (the report's
  "23 janvier 2022" was a Sunday); 2023-125 is dated 25/03/2023 as the act cites it, because
  its number carries the year 2023 and a number's year is its date's year here (the agreement
  and the report write "25 mars 2024", a Monday: `check_citations` flags those texts).
"""

import datetime as dt

from ouverture.agreements.models import Agreement
from ouverture.assemblies import deliberations, services
from ouverture.assemblies.enums import ArticleKind, BodyKind, Presence, Verdict
from ouverture.assemblies.models import Body, Deliberation, Mandate, Member, PoliticalGroup
from ouverture.calls.models import Funder
from ouverture.core.formats import format_money
from ouverture.organisations import seed as organisations

SITTING_DATE = dt.date(2024, 10, 14)
OPINION_DATE = dt.date(2024, 9, 30)
IN_OFFICE_FROM = dt.date(2021, 7, 1)
AGREEMENT = "CD62-LIANES-2024"

PS = "Groupe Socialiste, Républicain et Citoyen"
PC = "Groupe Communiste et Républicain"
UPC = "Groupe Union pour le Pas-de-Calais"
RN = "Groupe Rassemblement National"
NI = "Non-inscrit"
GROUP_ORDER = [PS, PC, UPC, RN, NI]

PRESENT = """M. Jean-Claude LEROY, Mme Mireille HINGREZ-CÉRÉDA, M. Daniel MACIEJASZ, Mme Valérie
CUVILLIER, Mme Blandine DRAIN, Mme Maryse CAUWET, M. Ludovic LOQUET, Mme Bénédicte
MESSEANNE-GROBELNY, M. Jean-Claude DISSAUX, Mme Laurence LOUCHAERT, M. Laurent DUPORGE, Mme Karine
GAUTHIER, M. Alain MEQUIGNON, Mme Evelyne NACHEL, Mme Florence WOZNY, M. Jean-Jacques COTTEL,
M. Sébastien CHOCHOIS, Mme Sophie WAROT-LEMAIRE, M. André KUCHCINSKI, Mme Fatima AIT-CHIKHEBBIH,
M. Pierre GEORGET, M. Olivier BARBARIN, Mme Zohra OUAGUEF, M. Etienne PERIN, Mme Maryse DELASSUS,
M. Claude BACHELET, Mme Maïté MULOT-FRISCOURT, M. Bruno COUSEIN, M. Philippe FAIT, Mme Emmanuelle
LAPOUILLE, M. Alexandre MALFAIT, Mme Sylvie MEYFROIDT, M. Frédéric MELCHIOR, Mme Brigitte
PASSEBOSC, M. François LEMAIRE, M. Marc SARPAUX, Mme Marie-Line PLOUVIEZ, M. Steeve BRIOIS,
M. Ludovic PAJOT, M. René HOCQ, Mme Emmanuelle LEVEUGLE"""
EXCUSED = "Mme Caroline MATRAT, Mme Carole DUBOIS, Mme Stéphanie RIGAUX"
PRESENT_WITHOUT_VOTE = "M. Bertrand PETIT, M. Jean-Marc TELLIER"
EXCUSED_WITHOUT_VOTE = "M. Jean-Louis COTTIGNY, M. Michel DAGBERT"

# Assigned by the loader (see the docstring): last names by group; everyone else is PS.
GROUPS = {
    PC: {"GAUTHIER", "KUCHCINSKI", "BARBARIN", "HOCQ"},
    UPC: {"PERIN", "DELASSUS", "BACHELET", "MULOT-FRISCOURT", "COUSEIN", "FAIT", "LAPOUILLE",
          "MALFAIT", "MEYFROIDT", "MELCHIOR"},
    RN: {"LEMAIRE", "SARPAUX", "PLOUVIEZ", "BRIOIS", "PAJOT"},
    NI: {"MEQUIGNON"},
}  # fmt: skip
PROXIES = [("MATRAT", "HINGREZ-CÉRÉDA"), ("DUBOIS", "MACIEJASZ"), ("RIGAUX", "CUVILLIER")]

TITLE = (
    "Soutien aux actions d'accompagnement et de suivi apportées par l'association Lianes "
    "Coopération en lien avec la mise en œuvre des dispositifs départementaux "
    '"Pas-de-Calais, mobilité européenne et internationale" et "Jumelages innovants"'
)
CITED = [
    ("2021-257", "Conseil départemental", dt.date(2021, 7, 1),
     "Délégation d'attributions à la Commission Permanente"),
    ("2022-316", "Conseil départemental", dt.date(2022, 9, 26),
     "Pacte des solidarités territoriales \"Agir avec vous pour bien vivre dans le Pas-de-Calais\""),
    ("2022-11", "Conseil départemental", dt.date(2022, 1, 24),
     "L'ouverture au monde dans le Pas-de-Calais : 3 dispositifs départementaux"),
    ("2023-125", "Commission Permanente", dt.date(2023, 3, 25),
     "L'ouverture au monde du Pas-de-Calais : mobilité internationale des jeunes et jumelages"),
]  # fmt: skip
CGCT = [
    "le Code Général des Collectivités Territoriales et, notamment, ses articles L.3121-14, "
    "L.3121-14-1, L.3211-1 et L.3211-2",
    "le Code Général des Collectivités Territoriales et, notamment, ses articles L.1115-1 et "
    "suivants",
]
REPORT = "le rapport du Président du Conseil départemental, ci-annexé"
# The amount is the credit line's, written in by load(): typed once, in the record.
ARTICLE_1 = (
    "D'attribuer une subvention de {amount} à l'association Lianes Coopération, pour l'année "
    "2024, en guise de soutien financier à ses actions d'accompagnement et de suivi en lien avec "
    'la mise en œuvre des dispositifs départementaux "Pas-de-Calais, mobilité européenne et '
    'internationale" et "jumelage innovants", selon les modalités reprises au rapport joint à '
    "la présente délibération."
)
ARTICLE_2 = (
    "D'autoriser le Président du Conseil départemental à signer, au nom et pour le compte du "
    "Département, avec l'association Lianes Coopération, la convention correspondante précisant "
    "les modalités de versement et les conditions d'utilisation et de contrôle de cette "
    "subvention, dans les termes du projet joint en annexe 3 à la présente délibération."
)
ARTICLE_3 = (
    "La dépense versée en application de l'article 1 de la présente délibération est imputée "
    "sur le budget départemental comme suit :"
)
CONTEXT = (
    "Lianes Coopération est partenaire du Département depuis 2022 et apporte un accompagnement "
    "des acteurs du territoire souhaitant répondre aux appels à projets des dispositifs "
    "départementaux « Pas-de-Calais, Mobilité Européenne et Internationale » (62MEI) et "
    "« Jumelages innovants ». Pour l'année 2024, l'association dédie une chargée de mission à "
    "la mise en œuvre des actions qui figurent dans la convention de partenariat proposée."
)
SIGNATORIES = [
    ("Le Président du Conseil départemental", "Jean-Claude LEROY"),
    ("Pour le Président du Conseil départemental, la Directrice générale des services",
     "Maryline VINCLAIRE"),
]  # fmt: skip


def parse_names(text):
    """ "M. Jean-Claude LEROY, Mme …" → [(civility, first name, LAST NAME)]."""
    people = []
    for chunk in " ".join(text.split()).split(", "):
        civility, *words = chunk.split(" ")
        last = [w for w in words if w.upper() == w and any(c.isalpha() for c in w)]
        first = [w for w in words if w not in last]
        people.append((civility, " ".join(first), " ".join(last)))
    return people


def _group_of(last_name):
    return next((name for name, names in GROUPS.items() if last_name in names), PS)


def _bodies(funder):
    bodies = {}
    for name, kind, represented in (
        ("Conseil départemental", BodyKind.COUNCIL, False),
        ("Commission Permanente", BodyKind.STANDING, True),
        ("5ème commission – Solidarité territoriale et partenariats", BodyKind.THEMATIC, False),
    ):
        bodies[kind], _ = Body.objects.get_or_create(
            funder=funder,
            name=name,
            defaults={"kind": kind, "quorum_counts_represented": represented},
        )
    return bodies


def _members(funder, standing):
    groups = {
        name: PoliticalGroup.objects.get_or_create(funder=funder, name=name, position=i)[0]
        for i, name in enumerate(GROUP_ORDER)
    }
    members = {}
    for text, deliberative in (
        (PRESENT, True),
        (EXCUSED, True),
        (PRESENT_WITHOUT_VOTE, False),
        (EXCUSED_WITHOUT_VOTE, False),
    ):
        for civility, first, last in parse_names(text):
            member = Member.objects.create(
                civility=civility,
                first_name=first,
                last_name=last,
                group=groups[_group_of(last)] if deliberative else None,
            )
            Mandate.objects.create(
                member=member, body=standing, starts_on=IN_OFFICE_FROM, deliberative=deliberative
            )
            members[last] = member
    return groups, members


def _sitting(actor, bodies, groups, members):
    standing = bodies[BodyKind.STANDING]
    sitting = services.create_sitting(
        actor=actor,
        body=standing,
        date=SITTING_DATE,
        president=members["LEROY"],
        secretary=members["PASSEBOSC"],
        place="Arras",
    )
    for text, status in (
        (PRESENT, Presence.PRESENT),
        (EXCUSED, Presence.EXCUSED),
        (PRESENT_WITHOUT_VOTE, Presence.PRESENT),
        (EXCUSED_WITHOUT_VOTE, Presence.EXCUSED),
    ):
        for _, _, last in parse_names(text):
            services.record_attendance(sitting, members[last], status, actor=actor)
    for giver, holder in PROXIES:
        services.give_proxy(
            sitting,
            members[giver],
            members[holder],
            actor=actor,
            note="Attribué par le chargement des données : l'acte ne nomme pas les mandataires.",
        )
    agreement = Agreement.objects.get(reference=AGREEMENT)
    credit_line = agreement.credit_lines.order_by("pk").first()
    item = services.add_item(
        sitting,
        actor=actor,
        title=TITLE,
        report_number="2",
        service="Pôle Partenariats et Ingénierie – Mission Coopération Européenne et Internationale",
        territory="Tous les territoires",
        context=CONTEXT,
        beneficiary=organisations.network(),
        credit_line=credit_line,
    )
    services.give_opinion(
        item, actor=actor, body=bodies[BodyKind.THEMATIC], date=OPINION_DATE,
        verdict=Verdict.FAVOURABLE,
    )  # fmt: skip
    voices = {}
    for member in members.values():
        mandate = member.mandates.first()
        if mandate.deliberative:
            voices[member.group] = voices.get(member.group, 0) + 1
    services.record_vote(
        item, actor=actor, groups={group: {"for": n} for group, n in voices.items()}
    )
    return sitting, item, credit_line


def load(actor, log=print):
    if Deliberation.objects.filter(number="2024-401").exists():
        return
    funder = Funder.objects.get(organisation=organisations.funder())
    bodies = _bodies(funder)
    by_name = {b.name: b for b in bodies.values()}
    groups, members = _members(funder, bodies[BodyKind.STANDING])
    sitting, item, credit_line = _sitting(actor, bodies, groups, members)
    for number, body, date, title in CITED:
        if not Deliberation.objects.filter(number=number).exists():
            deliberations.create_deliberation(
                actor=actor, body=by_name[body], number=number, date=date, title=title
            )
    act = deliberations.create_deliberation(
        actor=actor,
        body=bodies[BodyKind.STANDING],
        number="2024-401",
        date=SITTING_DATE,
        title=TITLE,
        item=item,
        place="Arras",
    )
    for text in CGCT:
        deliberations.cite(act, actor=actor, text=text)
    for number, *_ in CITED:
        deliberations.cite(act, actor=actor, number=number)
    deliberations.cite(act, actor=actor, text=REPORT)
    network = organisations.network()
    deliberations.add_article(
        act, actor=actor, kind=ArticleKind.GRANT,
        text=ARTICLE_1.format(amount=format_money(credit_line.amount)), beneficiary=network,
        amount=credit_line.amount,
    )  # fmt: skip
    deliberations.add_article(act, actor=actor, kind=ArticleKind.AUTHORISATION, text=ARTICLE_2)
    deliberations.add_article(act, actor=actor, kind=ArticleKind.IMPUTATION, text=ARTICLE_3)
    deliberations.add_imputation(act, credit_line, actor=actor)
    for title, name in SIGNATORIES:
        deliberations.add_signatory(act, actor=actor, title=title, name=name)
    deliberations.adopt(act, actor=actor)
    log(
        f"délibération n°{act.number} : {len(members)} élus, séance du 14 octobre 2024, "
        f"{len(CITED)} délibérations citées, convention {AGREEMENT} liée"
    )
