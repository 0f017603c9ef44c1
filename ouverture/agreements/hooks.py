"""Where the deliberation records plug into agreements without agreements importing them.

The link between an agreement and the act that grants it lives on the deliberation's side
(`assemblies.Deliberation.agreements`). The agreement page, its JSON and its exports show the
act through the provider the assemblies app registers from its `AppConfig.ready()`:

    from ouverture.agreements.hooks import deliberation_source

    @deliberation_source
    def acts_for(agreement_ids) -> dict[int, list[ActRef]]: ...

Without a provider (assemblies not installed) an agreement has no act: nothing is invented.
The number, date and body of an act are written once, in its record; every text is made here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from ouverture.core.formats import format_date

_sources: list[Callable] = []


@dataclass(frozen=True)
class ActRef:
    """A deliberation as the agreements see it (read from its record)."""

    number: str
    date: object  # datetime.date
    body: str
    title: str
    url: str = ""

    @property
    def text(self):
        """ "Commission Permanente du 14 octobre 2024, délibération n°2024-401"."""
        return f"{self.body} du {format_date(self.date)}, délibération n°{self.number}"


@dataclass(frozen=True)
class RateCap:
    """The maximum rate of funding a call sets for the funder's share of the cost."""

    rate: object  # Decimal, a percentage
    source: str  # "appel 62MEI 2025"


_caps: list[Callable] = []


def rate_cap_source(function):
    """Decorator: register f(agreement) -> RateCap | None (the first answer wins)."""
    if function not in _caps:
        _caps.append(function)
    return function


def rate_cap_of(agreement):
    for source in _caps:
        cap = source(agreement)
        if cap is not None:
            return cap
    return None


def deliberation_source(function):
    """Decorator: register f(agreement_ids) -> {agreement_id: [ActRef, ...]}."""
    if function not in _sources:
        _sources.append(function)
    return function


def acts_for(agreement_ids):
    """{agreement_id: [ActRef, ...] ordered by date} for these agreements (one query per
    provider, whatever their number)."""
    ids = list(agreement_ids)
    found = {pk: [] for pk in ids}
    if not ids:
        return found
    for source in _sources:
        for pk, acts in source(ids).items():
            found.setdefault(pk, []).extend(acts)
    for acts in found.values():
        acts.sort(key=lambda act: (act.date, act.number))
    return found


def acts_of(agreement):
    """The acts that grant this agreement, oldest first ([] when none links it)."""
    return acts_for([agreement.pk])[agreement.pk]


def reference_text(agreement):
    """How a page or an export names the agreement's acts ("" when none links it)."""
    return " ; ".join(act.text for act in acts_of(agreement))


_default_funders: list[Callable] = []


def default_funder_source(function):
    """Decorator: register f() -> the organisation ids of the default funder (the
    single-département setting's), as a queryset the agreements' scope filters on (lazy: no
    query of its own). The calls app registers it from its records of funders."""
    if function not in _default_funders:
        _default_funders.append(function)
    return function


def default_funder_organisations():
    """The default funder's organisation ids, or None when nothing says which funder it is
    (calls not installed): a funder officer without a structure then reaches no agreement."""
    for source in _default_funders:
        return source()
    return None
