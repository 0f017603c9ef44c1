"""Joint selection: each side scores every candidate on the 3 criteria; admission up
to the cohort's capacity in ranking order (ranking.py), the others on a waiting list."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ouverture.accounts.enums import Role
from ouverture.core import history
from ouverture.core.wording import plural
from ouverture.pathways.enums import (
    SCORE_MAX,
    SCORE_MIN,
    CandidateStatus,
    CohortStatus,
    Criterion,
    Side,
)
from ouverture.pathways.models import Candidate, Cohort, Score
from ouverture.pathways.ranking import CRITERIA, SIDES, rank

C = CandidateStatus
SCORING_STEPS = (CohortStatus.INTAKE, CohortStatus.SELECTION)
DECISION_STEPS = (CohortStatus.SELECTION, CohortStatus.RUNNING)


def side_for(user):
    """The side a user scores for: network staff and coordinators for Lianes, the
    funder's officers for the Département; nobody else scores."""
    if user is not None and user.is_authenticated:
        if user.role in (Role.NETWORK_STAFF, Role.COORDINATOR):
            return Side.NETWORK
        if user.role == Role.FUNDER_OFFICER:
            return Side.FUNDER
    return None


def _parse_score(criterion, raw):
    label = Criterion(criterion).label
    text = str(raw).strip() if raw is not None else ""
    if not text:
        raise ValidationError(f"Notez « {label} » (de {SCORE_MIN} à {SCORE_MAX}).")
    try:
        value = int(text)
    except ValueError:
        raise ValidationError(
            f"« {text} » pour « {label} » : une note est un nombre entier de {SCORE_MIN} à {SCORE_MAX}."
        ) from None
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise ValidationError(
            f"{value} pour « {label} » : une note va de {SCORE_MIN} à {SCORE_MAX}."
        )
    return value


@transaction.atomic
def score_candidate(candidate, scores, *, actor, comment=""):
    """Record the actor's side's scores on the 3 criteria ({criterion: 0..5}), replacing
    that side's previous ones. Every score is checked before anything is written."""
    side = side_for(actor)
    if side is None:
        raise ValidationError(
            "Seuls l'équipe du réseau et les agents du Département notent les candidatures."
        )
    candidate = Candidate.objects.select_related("cohort").get(pk=candidate.pk)
    if candidate.cohort.status not in SCORING_STEPS:
        raise ValidationError(
            f"La cohorte est « {candidate.cohort.get_status_display()} » : les notes ne "
            "se modifient plus."
        )
    if candidate.status == C.WITHDRAWN:
        raise ValidationError("Ce porteur s'est désisté : sa candidature ne se note plus.")
    unknown = set(scores) - set(CRITERIA)
    if unknown:
        raise ValidationError(
            f"{plural('Critère inconnu', len(unknown))} : {', '.join(sorted(unknown))}."
        )
    errors, values = {}, {}
    for criterion in CRITERIA:
        try:
            values[criterion] = _parse_score(criterion, scores.get(criterion))
        except ValidationError as error:
            errors[criterion] = error.messages
    if errors:
        raise ValidationError(errors)
    existing = {s.criterion: s for s in candidate.scores.filter(side=side)}
    now = timezone.now()
    for criterion, value in values.items():
        score = existing.get(criterion) or Score(
            candidate=candidate, side=side, criterion=criterion
        )
        if score.pk and score.value == value and score.comment == comment:
            continue
        score.value, score.comment, score.scored_by, score.scored_at = value, comment, actor, now
        history.save(score, actor)
    return candidate


def _decision_open(cohort):
    if cohort.status not in DECISION_STEPS:
        raise ValidationError(
            f"La cohorte est « {cohort.get_status_display()} » : les décisions se prennent "
            "une fois les candidatures closes (sélection) ou pendant le parcours."
        )


def _complete(candidate):
    sides = {}
    for score in candidate.scores.all():
        sides.setdefault(score.side, set()).add(score.criterion)
    missing = [Side(s).label for s in SIDES if len(sides.get(s, ())) < len(CRITERIA)]
    return missing


def _decide(candidate, status, actor, reason):
    candidate.status = status
    candidate.decided_at = timezone.now()
    return history.save(candidate, actor, reason=reason)


def _lock(candidate):
    """The cohort row first (capacity), then the candidate."""
    cohort = Cohort.objects.select_for_update().get(pk=candidate.cohort_id)
    candidate = Candidate.objects.select_related("organisation").get(pk=candidate.pk)
    return cohort, candidate


@transaction.atomic
def admit(candidate, *, actor):
    """Admit a candidate scored by both sides, linked to the registry, while seats remain."""
    cohort, candidate = _lock(candidate)
    _decision_open(cohort)
    if candidate.status == C.ADMITTED:
        raise ValidationError(f"{candidate.display_name} est déjà admis·e.")
    if candidate.status == C.WITHDRAWN:
        raise ValidationError(f"{candidate.display_name} s'est désisté·e.")
    missing = _complete(candidate)
    if missing:
        raise ValidationError(
            f"{candidate.display_name} n'a pas encore toutes les notes de : {', '.join(missing)}. "
            "La sélection est commune : les deux parties notent les 3 critères avant l'admission."
        )
    if candidate.organisation_id is None:
        raise ValidationError(
            f"Rattachez d'abord « {candidate.organisation_name} » à une structure du répertoire "
            "(ou créez-la) : le suivi des modules se fait par structure."
        )
    admitted = cohort.candidates.admitted()
    if admitted.filter(organisation_id=candidate.organisation_id).exists():
        raise ValidationError(
            f"La structure {candidate.organisation} a déjà un porteur admis dans cette cohorte."
        )
    count = admitted.count()
    if count >= cohort.capacity:
        raise ValidationError(
            f"La cohorte est complète : {count} porteur{'s' if count > 1 else ''} admis pour "
            f"{cohort.capacity} place{'s' if cohort.capacity > 1 else ''}. "
            f"{candidate.display_name} peut rester sur la liste d'attente ; un désistement "
            "libérera une place."
        )
    return _decide(candidate, C.ADMITTED, actor, "Admission dans la cohorte")


@transaction.atomic
def put_on_waiting_list(candidate, *, actor):
    cohort, candidate = _lock(candidate)
    _decision_open(cohort)
    if candidate.status in (C.WAITING_LIST, C.WITHDRAWN):
        raise ValidationError(
            f"{candidate.display_name} est déjà « {candidate.get_status_display()} »."
        )
    return _decide(candidate, C.WAITING_LIST, actor, "Liste d'attente")


@transaction.atomic
def decline(candidate, *, actor):
    cohort, candidate = _lock(candidate)
    _decision_open(cohort)
    if candidate.status in (C.DECLINED, C.WITHDRAWN):
        raise ValidationError(
            f"{candidate.display_name} est déjà « {candidate.get_status_display()} »."
        )
    return _decide(candidate, C.DECLINED, actor, "Candidature non retenue")


@transaction.atomic
def withdraw(candidate, *, actor):
    """The holder gives up (its seat frees up for the waiting list, by staff decision)."""
    cohort, candidate = _lock(candidate)
    if candidate.status == C.WITHDRAWN:
        raise ValidationError(f"{candidate.display_name} s'est déjà désisté·e.")
    if cohort.status == CohortStatus.COMPLETED:
        raise ValidationError("Le parcours est terminé.")
    return _decide(candidate, C.WITHDRAWN, actor, "Désistement")


@transaction.atomic
def apply_ranking(cohort, *, actor):
    """Admit in ranking order up to capacity, put the next on the waiting list.

    Candidates already admitted keep their seat, declined ones stay declined. Refused,
    writing nothing, while an undecided candidate lacks a side's scores or a ranked
    candidate to admit is not linked to the registry."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    _decision_open(cohort)
    ranking = rank(cohort.candidates.with_scores())
    open_statuses = (C.CANDIDATE, C.WAITING_LIST)
    unscored = [r.candidate for r in ranking.incomplete if r.candidate.status in open_statuses]
    if unscored:
        names = ", ".join(c.display_name for c in unscored)
        n = len(unscored)
        verb = "n'ont" if n > 1 else "n'a"
        raise ValidationError(
            f"{n} {plural('candidature', n)} {verb} pas encore les notes des deux parties : {names}."
        )
    seats = cohort.capacity - sum(1 for r in ranking.ranked if r.candidate.status == C.ADMITTED)
    admitted_organisations = {
        r.candidate.organisation_id for r in ranking.ranked if r.candidate.status == C.ADMITTED
    }
    to_admit, to_wait = [], []
    for row in ranking.ranked:
        candidate = row.candidate
        if candidate.status not in open_statuses:
            continue
        if seats > 0 and candidate.organisation_id not in admitted_organisations:
            to_admit.append(candidate)
            admitted_organisations.add(candidate.organisation_id)
            seats -= 1
        else:
            to_wait.append(candidate)
    unlinked = [c for c in to_admit if c.organisation_id is None]
    if unlinked:
        raise ValidationError(
            "Rattachez d'abord à une structure du répertoire : "
            + ", ".join(c.organisation_name for c in unlinked)
            + "."
        )
    for candidate in to_admit:
        _decide(candidate, C.ADMITTED, actor, "Admission selon le classement")
    for candidate in to_wait:
        if candidate.status != C.WAITING_LIST:
            _decide(candidate, C.WAITING_LIST, actor, "Liste d'attente selon le classement")
    return to_admit, to_wait
