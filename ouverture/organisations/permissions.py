"""Rules on organisations. Each predicate is small and tested on its own."""

import rules

from ouverture.accounts.permissions import is_institutional, is_project_holder, is_record_keeper


@rules.predicate
def is_member_of(user, organisation):
    """The user's account belongs to this organisation."""
    if organisation is None or not user.is_authenticated:
        return False
    membership = getattr(user, "membership", None)
    return membership is not None and membership.organisation_id == organisation.pk


rules.add_perm("organisations.list_organisations", is_institutional | is_project_holder)
rules.add_perm("organisations.view_organisation", is_institutional | is_member_of)
rules.add_perm("organisations.add_organisation", is_record_keeper)
# A holder edits its own structure; a funder officer attached to its funder's does not.
is_holder_of = is_project_holder & is_member_of
rules.add_perm("organisations.change_organisation", is_record_keeper | is_holder_of)
rules.add_perm("organisations.manage_contacts", is_record_keeper | is_holder_of)
rules.add_perm("organisations.view_history", is_institutional)
rules.add_perm("organisations.export_organisations", is_institutional)
# The network's own notes on an organisation: never shown to, nor written by, its holders.
rules.add_perm("organisations.view_notes", is_institutional)
