"""The source's funder and its three schemes.

The Département du Pas-de-Calais (the organisations loader's record) becomes a funder whose
territory is département 62 (the default funder of OUVERTURE_DEPARTEMENT). Its schemes, as
the source names them: "Pas-de-Calais, mobilité européenne et internationale" (62MEI) and
"Jumelages innovants" (the 2024 report and deliberation), and the 2023 "Coopération et
Mobilité Internationale" (62CMI, replaced in 2024: loaded as no longer in force). Their codes
are the ones coaching's follow-ups target ("62mei", "twinning", "62cmi").

No call is loaded: the source gives no window, envelope or rate for any year, and a call
without them would be invented.
"""

from ouverture.calls import services
from ouverture.calls.models import Scheme
from ouverture.core.wording import plural
from ouverture.geo.models import Departement
from ouverture.organisations import seed as organisations

SCHEMES = [
    ("62mei", "Pas-de-Calais, mobilité européenne et internationale", "62MEI", True),
    ("twinning", "Jumelages innovants", "", True),
    ("62cmi", "Coopération et Mobilité Internationale", "62CMI", False),
]


def load(actor, log=print):
    funder = services.create_funder(
        organisations.funder(), actor=actor, territory=Departement.objects.filter(code="62")
    )
    created = 0
    for code, name, acronym, active in SCHEMES:
        if Scheme.objects.filter(code=code).exists():
            continue
        scheme = services.create_scheme(
            actor=actor, funder=funder, code=code, name=name, acronym=acronym
        )
        if not active:
            Scheme.objects.filter(pk=scheme.pk).update(active=False)
        created += 1
    log(f"financeur {funder} : {created} {plural('dispositif enregistré', created)}")
