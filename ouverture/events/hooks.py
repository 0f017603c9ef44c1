"""Where other apps plug into workshops without events importing them.

Eligibility (pathways): a check registered for a workshop kind runs inside
`services.register` and `services.add_walk_in`, before anything is written. It
receives the workshop and the unsaved registration (organisation already
resolved from the registry, or None; `registration.from_public_page` is True for an
anonymous registration from the public page, `registration.personal_link` the token
of the personal link the person came with, or "") and raises ValidationError in French to
refuse it:

    from ouverture.events.enums import WorkshopKind
    from ouverture.events.hooks import eligibility_check

    @eligibility_check(WorkshopKind.PAM_MODULE)
    def admitted_to_cohort(workshop, registration):
        if workshop.audience == Audience.COHORT_ONLY and not admitted(...):
            raise ValidationError("Ce module est réservé aux porteurs intégrés au parcours.")

Questionnaire answers (surveys/pathways): a counter returns how many answers the
satisfaction questionnaire linked to a workshop received, or None when no
questionnaire is linked. The first counter that answers wins; with none, the
summary leaves `questionnaire_answers` out rather than inventing a figure.

    from ouverture.events.hooks import questionnaire_answer_counter

    @questionnaire_answer_counter
    def answers_for_workshop(workshop) -> int | None: ...

Register both from the other app's AppConfig.ready().
"""

from collections import defaultdict
from collections.abc import Callable

ANY_KIND = "*"

_eligibility_checks: dict[str, list[Callable]] = defaultdict(list)
_answer_counters: list[Callable] = []


def eligibility_check(kind=ANY_KIND):
    """Decorator: register f(workshop, registration) for workshops of `kind` (or all)."""

    def decorator(function):
        if function not in _eligibility_checks[str(kind)]:
            _eligibility_checks[str(kind)].append(function)
        return function

    return decorator


def unregister_eligibility_check(function, kind=ANY_KIND):
    if function in _eligibility_checks[str(kind)]:
        _eligibility_checks[str(kind)].remove(function)


def check_eligibility(workshop, registration):
    """Run every check for the workshop's kind; each raises ValidationError to refuse."""
    for check in [*_eligibility_checks[ANY_KIND], *_eligibility_checks[str(workshop.kind)]]:
        check(workshop, registration)


def questionnaire_answer_counter(function):
    """Decorator: register f(workshop) -> int | None."""
    if function not in _answer_counters:
        _answer_counters.append(function)
    return function


def unregister_questionnaire_answer_counter(function):
    if function in _answer_counters:
        _answer_counters.remove(function)


def questionnaire_answers(workshop) -> int | None:
    """Answers to the questionnaire linked to the workshop; None when none is linked."""
    for counter in _answer_counters:
        count = counter(workshop)
        if count is not None:
            return count
    return None
