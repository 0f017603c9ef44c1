"""Rules on follow-ups and their contacts."""

import rules

from ouverture.accounts.permissions import is_institutional, is_record_keeper
from ouverture.organisations.permissions import is_member_of


@rules.predicate
def is_member_of_follow_up_organisation(user, follow_up):
    """The follow-up concerns the holder's own organisation."""
    return follow_up is not None and is_member_of(user, follow_up.organisation)


rules.add_perm("coaching.view_follow_up", is_institutional | is_member_of_follow_up_organisation)
rules.add_perm("coaching.add_follow_up", is_record_keeper)
rules.add_perm("coaching.change_follow_up", is_record_keeper)
rules.add_perm("coaching.log_interaction", is_record_keeper)
# Correcting a contact or a review entry: the same people as logging one.
rules.add_perm("coaching.change_interaction", is_record_keeper)
rules.add_perm("coaching.delete_interaction", is_record_keeper)
rules.add_perm("coaching.view_history", is_institutional)
rules.add_perm("coaching.view_recap", is_institutional)
rules.add_perm("coaching.record_review", is_record_keeper)
rules.add_perm("coaching.change_review", is_record_keeper)
rules.add_perm("coaching.delete_review", is_record_keeper)
rules.add_perm("coaching.import_table", is_record_keeper)
