"""Whose agreements a user reaches: the one place that decides a funder officer's reach.

- Network staff, coordinators, finance managers and administrators: every funder's.
- A funder officer: its funder's only. Its funder is the organisation of its membership
  (`organisations.Membership`, the structure it works for); without one, the default funder's
  (the single-département setting's, said by `hooks.default_funder_organisations`); with
  neither, none.
- A project holder, or anyone else: none.

The agreements, the funder's budget operations and their credits, and through them the
documents and the API, filter with `restrict_to_funder`, so they all change together.
"""

from ouverture.accounts.enums import Role
from ouverture.agreements import hooks


def restrict_to_funder(queryset, user, field="funder"):
    """`queryset` narrowed to the records whose funder (`field`, a path to an organisation)
    this user reaches."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_network or user.is_administrator:
        return queryset
    if user.role != Role.FUNDER_OFFICER:
        return queryset.none()
    membership = getattr(user, "membership", None)
    if membership is not None:
        return queryset.filter(**{f"{field}_id": membership.organisation_id})
    default = hooks.default_funder_organisations()
    if default is None:
        return queryset.none()
    return queryset.filter(**{f"{field}__in": default})


def reached_funder(user):
    """The organisation id whose agreements a funder officer reaches (its structure's, else the
    default funder's), or None: for code that sorts officers by funder once, not per record."""
    membership = getattr(user, "membership", None)
    if membership is not None:
        return membership.organisation_id
    default = hooks.default_funder_organisations()
    return next(iter(default), None) if default is not None else None
