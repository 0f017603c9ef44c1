"""The agreements' panel of the dashboard: deadlines ahead (or passed) and the open agreements
with how much of their budget has been spent."""

from django.db.models import Sum
from django.utils import timezone

from ouverture.agreements.deadlines import upcoming
from ouverture.agreements.models import Agreement
from ouverture.agreements.models._common import cents
from ouverture.core.formats import percent

WITHIN_DAYS = 90


def panels(request):
    user = request.user
    if not user.has_perm("agreements.list_agreements"):
        return []
    today = timezone.localdate()
    agreements = list(
        Agreement.objects.visible_to(user)
        .not_closed()
        .with_parties()
        .annotate(spent=Sum("expenses__amount"))
        .order_by("-year", "reference")
    )
    deadlines = [
        {"deadline": d, "days_left": d.days_left(today), "days_late": -d.days_left(today)}
        for d in upcoming(agreements, today=today, within_days=WITHIN_DAYS)
    ]
    rows = [
        {
            "agreement": a,
            "spent": cents(a.spent),
            "rate": percent(cents(a.spent), a.forecast_cost),
        }
        for a in agreements
    ]
    context = {"deadlines": deadlines, "agreements": rows, "within_days": WITHIN_DAYS}
    return [{"template": "agreements/_panel.html", "context": context}]
