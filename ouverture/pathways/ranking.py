"""Ranking of a cohort's candidates from both sides' scores.

The rule (also shown on the selection page):
- a candidate is ranked once both sides (network and funder) have scored the 3
  criteria; the others are listed after, "notation incomplète";
- the combined score is the sum of the six scores (3 criteria × 2 sides, each 0–5,
  so 0–30), both sides weighing the same;
- ties are broken by the combined score on each criterion in the document's order
  (coherence of the idea, then maturity, then the holder's experience), then by the
  earlier application;
- withdrawn candidates are left out.

Admission fills the seats in this order; the next ranked wait on the waiting list.
"""

from dataclasses import dataclass, field

from ouverture.pathways.enums import SCORE_MAX, CandidateStatus, Criterion, Side

CRITERIA = list(Criterion.values)
SIDES = list(Side.values)
MAX_TOTAL = SCORE_MAX * len(CRITERIA) * len(SIDES)
RULE = (
    "Classement par note cumulée (3 critères notés de 0 à 5 par chacune des deux parties, "
    f"sur {MAX_TOTAL}) ; à égalité, la note cumulée en cohérence de l'idée, puis en maturité, "
    "puis en expérience du porteur, puis la candidature déposée la première."
)


@dataclass
class RankedCandidate:
    candidate: object
    # {side: {criterion: Score}}
    scores: dict = field(default_factory=dict)
    rank: int | None = None
    waiting_rank: int | None = None

    @classmethod
    def of(cls, candidate):
        """The candidate's scores by side (its `scores` prefetched), without a rank."""
        row = cls(candidate)
        for score in candidate.scores.all():
            row.scores.setdefault(score.side, {})[score.criterion] = score
        return row

    def side_scores(self, side):
        return self.scores.get(side, {})

    def side_values(self, side):
        """[value or None] in criteria order."""
        scored = self.side_scores(side)
        return [scored[c].value if c in scored else None for c in CRITERIA]

    def side_total(self, side):
        values = self.side_values(side)
        return sum(values) if None not in values else None

    def side_complete(self, side):
        return len(self.side_scores(side)) == len(CRITERIA)

    @property
    def complete(self):
        return all(self.side_complete(side) for side in SIDES)

    @property
    def network(self):
        return self.side_values(Side.NETWORK)

    @property
    def funder(self):
        return self.side_values(Side.FUNDER)

    @property
    def network_total(self):
        return self.side_total(Side.NETWORK)

    @property
    def funder_total(self):
        return self.side_total(Side.FUNDER)

    def criterion_total(self, criterion):
        return sum(self.scores[s][criterion].value for s in SIDES)

    @property
    def total(self):
        if not self.complete:
            return None
        return self.network_total + self.funder_total

    def sort_key(self):
        candidate = self.candidate
        return (
            -self.total,
            *(-self.criterion_total(c) for c in CRITERIA),
            candidate.submitted_at,
            candidate.pk,
        )


@dataclass
class Ranking:
    ranked: list  # complete, in rank order
    incomplete: list  # not yet scored by both sides, in application order
    withdrawn: list = field(default_factory=list)  # candidates, left out of the ranking

    def rows(self):
        return [*self.ranked, *self.incomplete]

    def waiting(self):
        return [r for r in self.ranked if r.candidate.status == CandidateStatus.WAITING_LIST]


def rank(candidates) -> Ranking:
    """Rank candidates whose `scores` are prefetched (`Candidate.objects.with_scores()`)."""
    rows, withdrawn = [], []
    for candidate in candidates:
        if candidate.status == CandidateStatus.WITHDRAWN:
            withdrawn.append(candidate)
            continue
        rows.append(RankedCandidate.of(candidate))
    ranked = sorted((r for r in rows if r.complete), key=RankedCandidate.sort_key)
    incomplete = sorted(
        (r for r in rows if not r.complete),
        key=lambda r: (r.candidate.submitted_at, r.candidate.pk),
    )
    waiting = 0
    for position, row in enumerate(ranked, start=1):
        row.rank = position
        if row.candidate.status == CandidateStatus.WAITING_LIST:
            waiting += 1
            row.waiting_rank = waiting
    return Ranking(ranked=ranked, incomplete=incomplete, withdrawn=withdrawn)


def cohort_ranking(cohort) -> Ranking:
    return rank(cohort.candidates.with_scores())
