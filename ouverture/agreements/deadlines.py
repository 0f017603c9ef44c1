"""An agreement's deadlines, for the dashboard and the e-mail reminders."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from ouverture.agreements.enums import AgreementStatus, DeadlineKind


@dataclass(frozen=True)
class Deadline:
    agreement: object
    kind: str
    date: dt.date

    @property
    def label(self):
        return DeadlineKind(self.kind).label

    def days_left(self, today=None):
        return (self.date - (today or timezone.localdate())).days


def deadlines(agreement):
    """The deadlines still ahead of the agreement's work, given its status: the periods end
    until the report is received; the report is due until it is."""
    out = []
    if agreement.is_at_least(AgreementStatus.REPORT_RECEIVED):
        return out
    out.append(Deadline(agreement, DeadlineKind.ELIGIBILITY_END, agreement.eligibility_end))
    if agreement.action_end != agreement.eligibility_end:
        out.append(Deadline(agreement, DeadlineKind.ACTION_END, agreement.action_end))
    out.append(Deadline(agreement, DeadlineKind.REPORT_DUE, agreement.report_due))
    return sorted(out, key=lambda d: d.date)


def upcoming(agreements, *, today=None, within_days=90):
    """Deadlines of these agreements from `within_days` ahead down to those already passed."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=within_days)
    rows = [d for a in agreements for d in deadlines(a) if d.date <= horizon]
    return sorted(rows, key=lambda d: (d.date, d.agreement.reference))
