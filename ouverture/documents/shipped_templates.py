"""Builds the DOCX templates shipped in documents/shipped/ (run `python -m
ouverture.documents.shipped_templates` after changing the wording here). Staff download them,
edit the wording in Word and upload them back; fields stay between {{ }}."""

from pathlib import Path

from ouverture.reports.docx import build_template

H1, N = "Heading 1", None

CONVENTION_WORDING = [
    ("Entre les soussignés", H1),
    ("{{ funder.name }} (SIRET {{ funder.siret }}), représenté par {{ funder.representative }}"
     "{% if funder.representative_title %}, {{ funder.representative_title }}{% endif %}, "
     "ci-après dénommé « le financeur »,", N),
    ("et {{ beneficiary.name }} (SIRET {{ beneficiary.siret }}), {{ beneficiary.address }}, "
     "représentée par {{ beneficiary.representative }}{% if beneficiary.representative_title %}, "
     "{{ beneficiary.representative_title }}{% endif %}, ci-après dénommée « le bénéficiaire ».", N),
    ("{%p for line in vu %}", N),
    ("{{ line }} ;", N),
    ("{%p endfor %}", N),
    ("Préambule", H1),
    ("Le financeur soutient l'ouverture au monde des acteurs de son territoire. Le bénéficiaire "
     "accompagne les porteurs de projets de mobilité, de coopération et de jumelage. La présente "
     "convention, référencée {{ reference }}, fixe les conditions du soutien au programme "
     "« {{ object }} » pour l'exercice {{ year }}.", N),
    ("Article 1 – Objet", H1),
    ("La présente convention a pour objet de définir les engagements des parties pour la "
     "réalisation du programme « {{ object }} ».", N),
    ("Article 2 – Engagements du bénéficiaire", H1),
    ("Le bénéficiaire s'engage à réaliser :", N),
    ("{%p for c in commitments %}", N),
    ("{{ c.label }} : {{ c.target }} {{ c.unit }} ({{ c.period }}) ;", "List Bullet"),
    ("{%p endfor %}", N),
    ("Article 3 – Durée", H1),
    ("L'action se déroule du {{ action_start }} au {{ action_end }}. Les dépenses sont éligibles "
     "du {{ eligibility_start }} au {{ eligibility_end }}. Le bénéficiaire remet son bilan "
     "d'activités au plus tard le {{ report_due }}.", N),
    ("Article 4 – Montant de la subvention", H1),
    ("Le financeur attribue au bénéficiaire une subvention de {{ subsidy }} pour un coût total "
     "prévisionnel de {{ forecast_cost }}.", N),
    ("Article 5 – Versement et ajustement", H1),
    ("{%p if schedule %}", N),
    ("La subvention est versée selon l'échéancier suivant :", N),
    ("{%p for i in schedule %}", N),
    ("{{ i.kind }}{% if i.share %} ({{ i.share }} de la subvention){% endif %} : {{ i.amount }}, "
     "{{ i.condition }}{% if i.due %}, au plus tard le {{ i.due }}{% endif %} ;", "List Bullet"),
    ("{%p endfor %}", N),
    ("{%p endif %}", N),
    ("Si les dépenses réalisées sont inférieures au coût total prévisionnel, la subvention est "
     "ramenée au prorata des dépenses réalisées, arrondie au centime. Les sommes versées au-delà "
     "sont reversées au financeur.{% if pro_rata_examples %} Par exemple :{% else %} "
     "({{ pro_rata_example }}){% endif %}", N),
    ("{%p for example in pro_rata_examples %}", N),
    ("{{ example }} ;", "List Bullet"),
    ("{%p endfor %}", N),
    ("Article 6 – Résiliation", H1),
    ("En cas de non-respect de ses engagements par l'une des parties, la convention peut être "
     "résiliée par l'autre partie à l'expiration d'un délai d'un mois suivant l'envoi d'une "
     "lettre recommandée avec accusé de réception restée sans effet.", N),
    ("Article 7 – Recours", H1),
    ("Les litiges relatifs à la présente convention relèvent du tribunal administratif de Lille, "
     "après recherche d'un règlement amiable.", N),
    ("Fait en deux exemplaires.", N),
    ("Pour le financeur, {{ funder.representative }}          Pour le bénéficiaire, "
     "{{ beneficiary.representative }}", N),
]  # fmt: skip

SHIPPED = {
    "activity-report.docx": {"with_toc": True},
    "proposal.docx": {"with_toc": False},
    "agreement.docx": {"with_toc": False, "wording": CONVENTION_WORDING},
    "deliberation.docx": {"with_toc": False},
    "commission-report.docx": {"with_toc": False},
}


def build_all(directory=Path(__file__).parent / "shipped"):
    directory.mkdir(exist_ok=True)
    for name, options in SHIPPED.items():
        (directory / name).write_bytes(build_template(**options))


if __name__ == "__main__":
    build_all()
