"""How far each commitment has got: the figure, the rows behind it, and the pace.

A commitment measured by an indicator asks the registry (`core.indicators`); one whose
indicator is not registered (its app not installed yet) is shown as unavailable rather
than failing the page. A manual commitment shows its figure and its evidence.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from ouverture.agreements.enums import MeasureKind
from ouverture.core import indicators
from ouverture.core.formats import format_decimal, percent
from ouverture.core.indicators import MeasureRow

UNAVAILABLE = "indicateur indisponible"
NO_TARGET = "sans cible chiffrée"


@dataclass
class Progress:
    commitment: object
    value: Decimal | None  # None when it cannot be measured
    rows: list = field(default_factory=list)
    source: str = ""  # what measured it, in French
    problem: str = ""  # why it could not be measured
    expected: Decimal | None = None  # what the pace asks for by today
    state: str = ""  # reached / missed / behind / on_track / not_started / unavailable

    @property
    def target(self):
        return self.commitment.target

    @property
    def available(self):
        return self.value is not None

    @property
    def percent(self):
        if self.value is None or self.target is None:
            return None
        return percent(self.value, self.target)

    @property
    def has_target(self):
        return self.target is not None

    @property
    def target_text(self):
        """'30 accompagnements' or 'sans cible chiffrée'."""
        if self.target is None:
            return NO_TARGET
        return f"{format_decimal(self.target, 0 if self.target == int(self.target) else 2)} {self.commitment.unit}"

    @property
    def params_text(self):
        """The indicator's parameters in words (labels, never codes)."""
        c = self.commitment
        return indicators.describe_params(c.indicator_code, c.indicator_params)

    @property
    def behind(self):
        return self.state in {"behind", "missed"}

    STATES = {
        "reached": ("atteint", "ok"),
        "on_track": ("dans le rythme", "ok"),
        "not_started": ("période à venir", ""),
        "behind": ("en retard sur le rythme", "warn"),
        "missed": ("non atteint", "ko"),
        "unavailable": (UNAVAILABLE, "warn"),
        "no_target": (NO_TARGET, ""),
    }

    @property
    def state_label(self):
        return self.STATES[self.state][0]

    @property
    def badge(self):
        return self.STATES[self.state][1]


def elapsed_share(start: dt.date, end: dt.date, today: dt.date) -> Decimal:
    """Share of the period gone by at the end of `today` (0 before it starts, 1 after it ends)."""
    if today < start:
        return Decimal(0)
    if today >= end:
        return Decimal(1)
    return Decimal((today - start).days + 1) / Decimal((end - start).days + 1)


def _deliverables(commitment):
    deliverables = commitment.deliverables.between(commitment.period_start, commitment.period_end)
    url = reverse("agreements:commitment", args=[commitment.agreement_id, commitment.pk])
    rows = [
        MeasureRow(label=d.title, date=d.date, detail=d.description, url=d.url or url)
        for d in deliverables
    ]
    return Decimal(len(rows)), rows, "livrables enregistrés sur l'engagement", ""


def _measure(commitment):
    if commitment.measure_kind == MeasureKind.DELIVERABLES:
        return _deliverables(commitment)
    if commitment.measure_kind == MeasureKind.MANUAL:
        rows = []
        if commitment.evidence_url:
            rows.append(MeasureRow(label="Justificatif (lien)", url=commitment.evidence_url))
        if commitment.evidence_file:
            rows.append(
                MeasureRow(label="Justificatif (fichier)", detail=commitment.evidence_file.name)
            )
        value = commitment.manual_value if commitment.manual_value is not None else Decimal(0)
        source = "chiffre saisi" if commitment.manual_value is not None else "non renseigné"
        return value, rows, source, ""
    try:
        indicator = indicators.get(commitment.indicator_code)
    except LookupError:
        return None, [], commitment.indicator_code, UNAVAILABLE
    try:
        measure = indicator.measure(
            commitment.period_start, commitment.period_end, **(commitment.indicator_params or {})
        )
    except (ValueError, TypeError) as error:
        return None, [], indicator.label, f"{UNAVAILABLE} ({error})"
    return measure.value, list(measure.rows), f"{indicator.label} ({indicator.unit})", ""


def progress(commitment, today: dt.date | None = None) -> Progress:
    today = today or timezone.localdate()
    value, rows, source, problem = _measure(commitment)
    result = Progress(commitment, value, rows, source, problem)
    if value is None:
        result.state = "unavailable"
        return result
    if commitment.target is None:
        result.state = "no_target"
        return result
    result.expected = commitment.target * elapsed_share(
        commitment.period_start, commitment.period_end, today
    )
    if value >= commitment.target:
        result.state = "reached"
    elif today > commitment.period_end:
        result.state = "missed"
    elif today < commitment.period_start:
        result.state = "not_started"
    elif value < result.expected:
        result.state = "behind"
    else:
        result.state = "on_track"
    return result
