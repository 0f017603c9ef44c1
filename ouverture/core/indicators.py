"""A registry of indicators computed from records.

An agreement's commitment names an indicator and its parameters; the indicator
returns a Measure: the figure and the rows behind it, so that every figure can be
traced. Apps register their indicators in their own `indicators.py`, imported by
their AppConfig.ready(); the agreements app only reads the registry.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from ouverture.core.wording import plural


@dataclass(frozen=True)
class MeasureRow:
    label: str
    date: dt.date | None = None
    detail: str = ""
    url: str = ""


@dataclass
class Measure:
    value: Decimal
    rows: list[MeasureRow] = field(default_factory=list)

    def figure(self, code, *, label, unit, definition=""):
        return Figure(
            code=code,
            label=label,
            unit=unit,
            value=self.value,
            rows=self.rows,
            definition=definition,
        )


@dataclass
class Figure:
    """A figure of a document: its value, its unit and label, what it counts (definition),
    and the rows the same query gave, so every number can be traced back to records."""

    code: str  # "coaching.sessions": the name narrative fields use, [[coaching.sessions]]
    label: str
    unit: str
    value: Decimal
    rows: list[MeasureRow] = field(default_factory=list)
    definition: str = ""

    @property
    def number_text(self) -> str:
        from ouverture.core.formats import format_decimal

        value = Decimal(self.value)
        if self.unit == "€":
            return format_decimal(value, 2)
        return format_decimal(value, 0 if value == value.to_integral_value() else 1)

    @property
    def text(self) -> str:
        if self.unit == "€":
            from ouverture.core.formats import format_money

            return format_money(self.value)
        return f"{self.number_text} {self.unit}".strip()


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    unit: str
    compute: Callable[..., Measure]
    # Parameter name -> list of (value, French label) the commitment may choose from.
    params: dict = field(default_factory=dict)

    def measure(self, start: dt.date, end: dt.date, **params) -> Measure:
        unknown = set(params) - set(self.params)
        if unknown:
            raise ValueError(
                f"{plural('Paramètre inconnu', len(unknown))} pour « {self.label} » : {', '.join(sorted(unknown))}."
            )
        return self.compute(start, end, **params)


_REGISTRY: dict[str, Indicator] = {}


def register(code, *, label, unit, params=None):
    """Decorator: @register("coaching.follow_ups", label=..., unit=...) def f(start, end, **params) -> Measure."""

    def decorator(function):
        _REGISTRY[code] = Indicator(
            code=code, label=label, unit=unit, compute=function, params=params or {}
        )
        return function

    return decorator


def get(code) -> Indicator:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise LookupError(f"Indicateur inconnu : {code}.") from None


def choices():
    return sorted(
        ((i.code, f"{i.label} ({i.unit})") for i in _REGISTRY.values()), key=lambda c: c[1]
    )


def all_indicators():
    return dict(_REGISTRY)


# How an indicator's parameters read in French (a name not listed reads as itself).
PARAM_LABELS = {
    "kind": "nature",
    "project_type": "type de projet",
    "status": "statut",
    "scheme": "dispositif",
    "channel": "canal",
    "workshop_kind": "type de temps collectif",
}


def param_label(name) -> str:
    return PARAM_LABELS.get(name, name).capitalize()


def describe_params(code, params) -> str:
    """A commitment's parameters in words: 'nature : Accompagnement ; type de projet :
    Mobilité internationale des jeunes' (labels of the registered choices, never codes)."""
    if not params:
        return ""
    options = _REGISTRY[code].params if code in _REGISTRY else {}
    parts = []
    for name, value in params.items():
        labels = dict(options.get(name, ()))
        shown = labels.get(value, value) or "tous"
        parts.append(f"{PARAM_LABELS.get(name, name)} : {shown}")
    return " ; ".join(parts)


def describe_any_params(params) -> str:
    """As describe_params, without the indicator's code (a record's history): each value's
    label from any registered indicator that has that parameter."""
    if not isinstance(params, dict) or not params:
        return "—"
    parts = []
    for name, value in params.items():
        labels = {}
        for indicator in _REGISTRY.values():
            labels.update(dict(indicator.params.get(name, ())))
        parts.append(f"{PARAM_LABELS.get(name, name)} : {labels.get(value, value) or 'tous'}")
    return " ; ".join(parts)
