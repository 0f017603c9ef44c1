"""The source document's 2023 coaching (bilan 2023, Activité 1).

The document gives one line per organisation with totals only: project type,
channels ("Tél, mails, présentiel"), number of sessions and total hours, plus
"18h de relecture et d'annotations des dossiers". The table below is the
document's, read through the coaching importer (`coaching.importing`), so the
loader and a person importing a spreadsheet lay records out the same way:

- one coaching follow-up per organisation (target: the 62CMI call 2023, or
  "Jumelages innovants" for twinning-only projects), left open: the document does
  not say when it ended;
- one meeting per session, cycling through the listed meeting channels (phone,
  video, in person, in that order); e-mails are not sessions;
- the total hours split across the sessions in quarter hours (3h30 over 4 sessions:
  1h, 1h, 45 min, 45 min);
- one e-mail contact without duration when "mails" is listed, before the meetings;
- dates spread evenly between 9 January and 31 October 2023, staggered from one
  organisation to the next (the second workshop, on 10 November, closes the year);
- the 18 hours of document review as six reviews of 3 hours, weekly from 6 March
  2023 (the applications were written after the 2 March workshop), attached to no
  follow-up since the document does not say which files were read.

So the recap for 2023 gives back the document's table: 17 organisations, 43
sessions, 49 hours, and 18 hours of review apart. Idempotent: a second run finds
the follow-ups it created (by their note) and writes nothing.
"""

import datetime as dt

from ouverture.coaching import services
from ouverture.coaching.importing import apply_plan, read_coaching_table
from ouverture.coaching.models import DocumentReview, FollowUp

MARK = "Tableau récapitulatif des accompagnements 2023 (document source)"
WINDOW = (dt.date(2023, 1, 9), dt.date(2023, 10, 31))
REVIEWS = [(dt.date(2023, 3, 6) + dt.timedelta(weeks=k), 180) for k in range(6)]

TABLE_2023 = """\
Nom de l'organisation\tType de projet\tType d'accompagnement\tNombre de session d'accompagnement\tNombre d'heures au total
Tantely Soa\tCoopération internationale\tTél, mails, présentiel\t4\t5h
L'embarquée\tCoopération internationale\tTél, mails, visio\t3\t3h30
Solidarité Cœur de Corneille\tCoopération internationale\tTél, mails, présentiel\t2\t3h
Perles du Faso\tCoopération internationale\tTél, mails, présentiel\t2\t2h30
Avotra France\tCoopération internationale\tTél, mails\t1\t1h
Compagnie Hors de l'eau\tCoopération internationale\tPrésentiel\t1\t1h30
Aidhum 62\tCoopération internationale/mobilité\tPrésentiel\t1\t2h30
AHPA\tCoopération internationale\tTél, mails, présentiel\t3\t4h30
Misola\tCoopération internationale\tTél\t2\t2
Lycée Robespierre\tMobilité jeunesse\tTél, mails, visio\t3\t2h30
ACAM\tCoopération internationale\tMails, présentiel\t2\t2h30
Campus agro-environnemental\tMobilité jeunesse\tTél, mails, visio, présentiel\t5\t5h
MALCO HDF\tMobilité jeunesse\tTél, mails, visio, présentiel\t5\t5h
Community\tMobilité jeunesse\tVisio, mails\t1\t1h30
CS Jacques Brel\tMobilité jeunesse\tTél\t1\t1h
Mairie de Dourges\tMobilité jeunesse/jumelage\tTél, mails, présentiel\t3\t2h30
Comité de jumelage Brebières\tJumelage\tTél, mails\t4\t3h30
"""


def _target(row):
    # Codes of the calls.Scheme records: "Jumelages innovants", 2023 "62CMI".
    scheme = "twinning" if row.project_types == ["twinning"] else "62cmi"
    return {"target_scheme": scheme, "target_year": 2023}


def load(actor, log=print):
    if FollowUp.objects.filter(notes__startswith=MARK).exists():
        log("accompagnements 2023 déjà chargés")
    else:
        plan = read_coaching_table(
            TABLE_2023.encode("utf-8"), "accompagnements-2023.tsv", window=WINDOW
        )
        if not plan.ok:
            raise RuntimeError("; ".join(str(i) for i in plan.issues))
        apply_plan(plan, actor=actor, note=MARK + ".", follow_up_fields=_target)
        log(f"accompagnements 2023 : {plan.summary()}")
    if not DocumentReview.objects.filter(note__startswith=MARK).exists():
        for date, minutes in REVIEWS:
            services.record_document_review(
                actor=actor,
                date=date,
                duration_minutes=minutes,
                note=f"{MARK} : relecture et annotation des dossiers.",
            )
        log(f"relecture des dossiers 2023 : {len(REVIEWS)} × 3h")
