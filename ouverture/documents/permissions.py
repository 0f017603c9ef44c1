"""Who may read, generate and re-template documents.

- Network staff, coordinators, finance managers and administrators read every agreement's
  documents and generate them; a funder officer only those of the agreements its organisation
  funds (its membership), a project holder none.
- Downloading and uploading templates: coordinator and administrator.
"""

import rules

from ouverture.accounts.enums import Role
from ouverture.accounts.permissions import (
    is_administrator,
    is_coordinator,
    is_funder_officer,
    is_network_member,
)


@rules.predicate
def funds_the_agreement(user, agreement):
    if agreement is None:
        return True
    membership = getattr(user, "membership", None)
    return membership is not None and membership.organisation_id == agreement.funder_id


may_read = is_network_member | is_administrator | (is_funder_officer & funds_the_agreement)

rules.add_perm("documents.view_document", may_read)
rules.add_perm("documents.generate_document", may_read)
rules.add_perm("documents.write_narrative", is_network_member | is_administrator)
rules.add_perm("documents.manage_templates", is_coordinator | is_administrator)


def visible_agreements(user):
    """The agreements whose documents this user may reach (another funder's: 404)."""
    from ouverture.agreements.models import Agreement
    from ouverture.organisations.models import Membership

    qs = Agreement.objects.visible_to(user).with_parties()
    if user.is_authenticated and user.role == Role.FUNDER_OFFICER and not user.is_superuser:
        funder = Membership.objects.filter(user=user).values("organisation_id")
        return qs.filter(funder_id__in=funder)
    return qs
