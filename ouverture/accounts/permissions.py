"""Who a user is: the small predicates every app's rules are built from."""

import rules

from ouverture.accounts.enums import NETWORK_ROLES, Role


@rules.predicate
def is_administrator(user):
    """Platform administrator (or Django superuser)."""
    return bool(
        user and user.is_authenticated and (user.role == Role.ADMINISTRATOR or user.is_superuser)
    )


@rules.predicate
def is_network_member(user):
    """Any network staff: chargé·e de mission, coordinator or finance manager."""
    return bool(user and user.is_authenticated and user.role in NETWORK_ROLES)


@rules.predicate
def is_network_staff(user):
    """Chargé·e de mission."""
    return bool(user and user.is_authenticated and user.role == Role.NETWORK_STAFF)


@rules.predicate
def is_coordinator(user):
    return bool(user and user.is_authenticated and user.role == Role.COORDINATOR)


@rules.predicate
def is_finance_manager(user):
    return bool(user and user.is_authenticated and user.role == Role.FINANCE_MANAGER)


@rules.predicate
def is_funder_officer(user):
    """An officer of the funder (the Département)."""
    return bool(user and user.is_authenticated and user.role == Role.FUNDER_OFFICER)


@rules.predicate
def is_project_holder(user):
    return bool(user and user.is_authenticated and user.role == Role.PROJECT_HOLDER)


# Network staff or administrator: those who keep the records.
is_record_keeper = is_network_member | is_administrator
# Anyone on the institutional side: network, funder, administrator.
is_institutional = is_network_member | is_funder_officer | is_administrator

# Accounts: invite, set roles and memberships, deactivate. Administrators only.
rules.add_perm("accounts.manage_users", is_administrator)
