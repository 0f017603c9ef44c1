"""The dashboard panel: current cohorts (and candidates left to score by the user's
side) for the institutional side; its candidacies and open intakes for a holder."""

from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone

from ouverture.pathways.enums import CandidateStatus
from ouverture.pathways.models import Candidate, Cohort
from ouverture.pathways.ranking import CRITERIA
from ouverture.pathways.services import side_for
from ouverture.pathways.services.selection import SCORING_STEPS


def panels(request):
    user = request.user
    if not user.has_perm("pathways.list_cohorts"):
        return []
    today = timezone.localdate()
    if user.has_perm("pathways.view_cohort"):
        cohorts = Cohort.objects.current().with_counts().order_by("start_date", "pk")
        side = side_for(user)
        if side is not None:
            # Candidates this side has not fully scored yet (withdrawn aside).
            missing = Counter(
                Candidate.objects.filter(cohort__in=cohorts.filter(status__in=SCORING_STEPS))
                .exclude(status=CandidateStatus.WITHDRAWN)
                .annotate(scored=Count("scores", filter=Q(scores__side=side)))
                .filter(scored__lt=len(CRITERIA))
                .values_list("cohort_id", flat=True)
            )
        else:
            missing = {}
        cohorts = list(cohorts[:5])
        for cohort in cohorts:
            cohort.to_score = missing.get(cohort.pk, 0)
        context = {"staff": True, "cohorts": cohorts}
    else:
        context = {
            "staff": False,
            "candidacies": list(
                Candidate.objects.visible_to(user).select_related("cohort").order_by("-pk")[:3]
            ),
            "open_cohorts": list(Cohort.objects.accepting_candidates(today)[:3]),
        }
    return [{"template": "pathways/_panel.html", "context": context}]
