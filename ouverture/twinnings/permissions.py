"""Rules on twinnings. Network staff, coordinators and administrators keep the
register; everyone on the institutional side reads it and the funder exports it;
a holder (a twinning committee, a town hall) reads only its own agreements."""

import rules

from ouverture.accounts.permissions import (
    is_administrator,
    is_coordinator,
    is_institutional,
    is_network_staff,
    is_project_holder,
)
from ouverture.organisations.enums import LegalKind

# Who edits the register: not the finance manager, whose work is the budget.
is_twinning_editor = is_network_staff | is_coordinator | is_administrator


@rules.predicate
def is_party_to(user, agreement):
    """The agreement's committee is the holder's organisation, or its commune is
    the one the holder's town hall runs."""
    if agreement is None or not user.is_authenticated:
        return False
    membership = getattr(user, "membership", None)
    if membership is None:
        return False
    organisation = membership.organisation
    if agreement.committee_id == organisation.pk:
        return True
    return bool(
        organisation.legal_kind == LegalKind.COMMUNE
        and organisation.commune_id
        and agreement.local_parties.filter(commune_id=organisation.commune_id).exists()
    )


rules.add_perm("twinnings.list_twinnings", is_institutional | is_project_holder)
rules.add_perm("twinnings.view_agreement", is_institutional | is_party_to)
rules.add_perm("twinnings.add_agreement", is_twinning_editor)
rules.add_perm("twinnings.change_agreement", is_twinning_editor)
rules.add_perm("twinnings.review_agreement", is_twinning_editor)
rules.add_perm("twinnings.import_agreements", is_twinning_editor)
rules.add_perm("twinnings.view_history", is_institutional)
rules.add_perm("twinnings.view_statistics", is_institutional)
rules.add_perm("twinnings.export_agreements", is_institutional)
rules.add_perm("twinnings.manage_campaigns", is_twinning_editor)
