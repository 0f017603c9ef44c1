"""The instruction workflow of an application (core.workflow), transitions per role.

draft → submitted → under instruction ↔ completion requested → completed → under instruction
… → proposed → accepted / refused; withdrawn by the holder (or the network for it) before the
decision. Refusals, withdrawals, completion requests and the assembly's decisions need a reason.
"""

from ouverture.calls.enums import ActorRole
from ouverture.calls.enums import ApplicationStatus as S
from ouverture.core.workflow import Transition, Workflow

HOLDER, NETWORK, INSTRUCTOR, ASSEMBLY = (
    ActorRole.HOLDER,
    ActorRole.NETWORK,
    ActorRole.INSTRUCTOR,
    ActorRole.ASSEMBLY,
)
APPLICANT = frozenset({HOLDER, NETWORK})


def _t(source, target, roles, reason=False):
    return Transition(source, target, frozenset(roles), reason)


APPLICATION = Workflow(
    S,
    [
        _t(S.DRAFT, S.SUBMITTED, APPLICANT),
        _t(S.SUBMITTED, S.UNDER_INSTRUCTION, {INSTRUCTOR}),
        _t(S.UNDER_INSTRUCTION, S.COMPLETION_REQUESTED, {INSTRUCTOR}, reason=True),
        _t(S.COMPLETION_REQUESTED, S.COMPLETED, APPLICANT),
        _t(S.COMPLETED, S.UNDER_INSTRUCTION, {INSTRUCTOR}),
        _t(S.UNDER_INSTRUCTION, S.PROPOSED, {INSTRUCTOR}),
        _t(S.UNDER_INSTRUCTION, S.REFUSED, {INSTRUCTOR}, reason=True),
        _t(S.PROPOSED, S.ACCEPTED, {ASSEMBLY}, reason=True),
        _t(S.PROPOSED, S.REFUSED, {ASSEMBLY}, reason=True),
        *[
            _t(source, S.WITHDRAWN, APPLICANT, reason=True)
            for source in (
                S.DRAFT,
                S.SUBMITTED,
                S.UNDER_INSTRUCTION,
                S.COMPLETION_REQUESTED,
                S.COMPLETED,
                S.PROPOSED,
            )
        ],
    ],
)


def role_of(user):
    """The workflow role a user acts in."""
    if user.role == "project_holder":
        return HOLDER
    if user.role == "funder_officer" or user.role == "administrator":
        return INSTRUCTOR
    return NETWORK
