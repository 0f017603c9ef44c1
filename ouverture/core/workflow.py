"""One small workflow engine: named states, the transitions allowed to each role, and a rule
that a decision always carries its reason.

A `Workflow` is declared once per record type (`calls.workflow.APPLICATION`); the service that
moves a record calls `workflow.check(current, target, role=..., reason=...)`, which raises a
French `ValidationError` naming what is refused, then writes one step row (who, when, from, to,
why) with the abstract `Step` model below. The existing linear statuses (agreements, follow-ups)
keep their own one-step-at-a-time checks; `Workflow.linear()` builds the same rule from an
ordered list of states for the code that wants it.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    roles: frozenset
    needs_reason: bool = False


@dataclass
class Workflow:
    """`states` is a TextChoices class; `transitions` a list of `Transition`."""

    states: type
    transitions: list = field(default_factory=list)

    @classmethod
    def linear(cls, states, roles):
        values = list(states.values)
        return cls(
            states,
            [Transition(a, b, frozenset(roles)) for a, b in zip(values, values[1:], strict=False)],
        )

    def label(self, state):
        return str(self.states(state).label)

    def find(self, source, target):
        for transition in self.transitions:
            if transition.source == source and transition.target == target:
                return transition
        return None

    def allowed(self, source, role):
        """The targets `role` may move a record to from `source`."""
        return [t.target for t in self.transitions if t.source == source and role in t.roles]

    def check(self, source, target, *, role, reason=""):
        transition = self.find(source, target)
        if transition is None and source == target:
            # Twice the same step (a double click, a retried request): say so plainly.
            raise ValidationError(
                {"status": f"Étape « {self.label(source)} » déjà franchie : rien à refaire."}
            )
        if transition is None:
            raise ValidationError(
                {
                    "status": f"Passer de « {self.label(source)} » à « {self.label(target)} » "
                    "n'est pas une étape prévue."
                }
            )
        if role not in transition.roles:
            raise ValidationError(
                {
                    "status": f"Votre rôle ne permet pas de passer de « {self.label(source)} » "
                    f"à « {self.label(target)} »."
                }
            )
        if transition.needs_reason and not (reason or "").strip():
            raise ValidationError(
                {"reason": f"Une décision « {self.label(target)} » doit être motivée."}
            )
        return transition


class Step(models.Model):
    """One row per move: who, when, from, to, why. Concrete models add the FK to their record."""

    at = models.DateTimeField("le", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField("de", max_length=30, blank=True)
    target = models.CharField("vers", max_length=30)
    reason = models.TextField("motif", blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
