"""Attendance per module and progress per holder, from the sessions' workshops.

Three queries whatever the size of the cohort: the sessions with their workshops,
the workshops' counts (events' `with_counts`), and the people present per
(workshop, organisation) (events' `attendance_by_organisation`). A holder attended a
module when at least one person of its organisation was present at the session.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from ouverture.core.formats import percent
from ouverture.events.models import Workshop
from ouverture.events.queries import attendance_by_organisation


@dataclass
class SessionRow:
    session: object
    workshop: object  # annotated with registered_count, present_count…
    admitted_present: int = 0
    held: bool = False

    @property
    def module(self):
        return self.session.module


@dataclass
class HolderRow:
    candidate: object
    # [(SessionRow or None per module of the catalogue order, people present or None)]
    cells: list = field(default_factory=list)
    attended: int = 0
    held: int = 0

    @property
    def percent(self):
        """Share of the sessions held so far that the holder attended (exact)."""
        return percent(self.attended, self.held)


@dataclass
class Progress:
    sessions: list  # [SessionRow] in module order
    holders: list  # [HolderRow] of the admitted candidates, by name
    admitted: int

    @property
    def held(self):
        return sum(1 for s in self.sessions if s.held)


def cohort_progress(cohort, candidates=None, today=None) -> Progress:
    """`candidates`: the cohort's admitted candidates if already fetched (with organisation)."""
    today = today or timezone.localdate()
    sessions = list(cohort.sessions.in_order())
    workshops = {
        w.pk: w
        for w in Workshop.objects.filter(pk__in=[s.workshop_id for s in sessions]).with_counts()
    }
    if candidates is None:
        candidates = cohort.candidates.admitted().select_related("organisation")
    admitted = sorted(
        (c for c in candidates if c.is_admitted), key=lambda c: c.display_name.lower()
    )
    present = attendance_by_organisation(list(workshops)) if sessions else {}
    rows = []
    for session in sessions:
        workshop = workshops[session.workshop_id]
        rows.append(
            SessionRow(
                session=session,
                workshop=workshop,
                admitted_present=sum(
                    1 for c in admitted if present.get((workshop.pk, c.organisation_id))
                ),
                held=not workshop.cancelled and workshop.date <= today,
            )
        )
    holders = []
    for candidate in admitted:
        row = HolderRow(candidate=candidate)
        for s in rows:
            count = present.get((s.workshop.pk, candidate.organisation_id), 0)
            row.cells.append((s, count if s.held else None))
            row.held += int(s.held)
            row.attended += int(bool(count))
        holders.append(row)
    return Progress(sessions=rows, holders=holders, admitted=len(admitted))


def holder_progress(candidate, today=None):
    """One admitted holder's row (its own page)."""
    progress = cohort_progress(candidate.cohort, [candidate], today)
    return progress.holders[0] if progress.holders else None, progress
