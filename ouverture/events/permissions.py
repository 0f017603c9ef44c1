"""Rules on workshops, registrations and trainings.

Institutional users see workshops with their registrations; network staff (and
administrators) organise them and keep attendance. A holder has the public pages
and its own organisation's registrations; trainings concern minors' groups and
stay with the institutional side.
"""

import rules

from ouverture.accounts.permissions import (
    is_administrator,
    is_coordinator,
    is_institutional,
    is_network_staff,
    is_project_holder,
    is_record_keeper,
)
from ouverture.events.enums import RegistrationStatus
from ouverture.organisations.permissions import is_member_of


@rules.predicate
def is_own_registration(user, registration):
    """The registration is for the holder's own organisation."""
    return registration is not None and is_member_of(user, registration.organisation)


@rules.predicate
def is_present(user, registration):
    """The person was present (a certificate says so)."""
    return registration is not None and registration.status == RegistrationStatus.PRESENT


rules.add_perm("events.list_workshops", is_institutional | is_project_holder)
rules.add_perm("events.view_workshop", is_institutional)
rules.add_perm("events.manage_workshops", is_record_keeper)
rules.add_perm("events.manage_attendance", is_record_keeper)
rules.add_perm("events.export_registrations", is_institutional)
rules.add_perm("events.review_organisations", is_record_keeper)
rules.add_perm("events.view_registration", is_institutional | is_own_registration)
rules.add_perm("events.cancel_registration", is_record_keeper | is_own_registration)
rules.add_perm("events.download_certificate", is_present & (is_institutional | is_own_registration))
rules.add_perm("events.list_trainings", is_institutional)
rules.add_perm("events.manage_trainings", is_record_keeper)
rules.add_perm("events.view_history", is_institutional)
# The satisfaction questionnaire: those who build questionnaires (surveys' builders).
rules.add_perm("events.manage_satisfaction", is_network_staff | is_coordinator | is_administrator)
