"""Rules on the PAM: cohorts, candidates, scores, decisions.

The institutional side reads cohorts, candidates, both sides' scores and progress.
Network staff and coordinators (and administrators) run the cohort: steps, modules,
sessions, review of organisations. The selection is joint: network staff and
coordinators score for Lianes, the funder's officers for the Département, and both
sides (with administrators) record admissions. A holder sees its own candidacy and
progress, never another's nor any score.
"""

import rules

from ouverture.accounts.permissions import (
    is_administrator,
    is_coordinator,
    is_funder_officer,
    is_institutional,
    is_network_staff,
    is_project_holder,
)
from ouverture.organisations.permissions import is_member_of


@rules.predicate
def is_own_candidacy(user, candidate):
    """The candidacy is the holder's own organisation's."""
    return candidate is not None and is_member_of(user, candidate.organisation)


# Those who run the pathway for the network.
is_pathway_keeper = is_network_staff | is_coordinator | is_administrator
# Those who score: one side each (services.side_for says which).
is_selector = is_network_staff | is_coordinator | is_funder_officer

rules.add_perm("pathways.list_cohorts", is_institutional | is_project_holder)
rules.add_perm("pathways.view_cohort", is_institutional)
rules.add_perm("pathways.manage_cohort", is_pathway_keeper)
rules.add_perm("pathways.view_candidates", is_institutional)
rules.add_perm("pathways.review_organisation", is_pathway_keeper)
rules.add_perm("pathways.score_candidate", is_selector)
rules.add_perm("pathways.decide_admission", is_selector | is_administrator)
rules.add_perm("pathways.view_candidacy", is_institutional | is_own_candidacy)
rules.add_perm("pathways.withdraw_candidacy", is_pathway_keeper | is_own_candidacy)
rules.add_perm("pathways.export", is_institutional)
rules.add_perm("pathways.view_history", is_institutional)
