"""Write operations of the surveys app (the public API other apps call).

- building: questionnaires, sections, questions, choices, conditions, open/close,
  `create_from_definition` for the shipped definitions;
- invitations: `invite`, personal links (`invitation_url`, `find_invitation`);
- answers: `submit_response`, the single write path for answers.
"""

from ouverture.surveys.services.answers import check_access, submit_response
from ouverture.surveys.services.building import (
    add_question,
    add_section,
    attach,
    close_questionnaire,
    create_from_definition,
    create_questionnaire,
    delete_question,
    delete_questionnaire,
    delete_section,
    move_question,
    move_section,
    open_questionnaire,
    update_question,
    update_questionnaire,
    update_section,
)
from ouverture.surveys.services.campaigns import (
    create_campaign,
    exclude_response,
    restore_response,
    update_campaign,
)
from ouverture.surveys.services.invitations import (
    Recipient,
    find_invitation,
    invitation_token,
    invitation_url,
    invite,
    resend_invitation,
)

__all__ = [
    "Recipient",
    "add_question",
    "add_section",
    "attach",
    "check_access",
    "close_questionnaire",
    "create_campaign",
    "create_from_definition",
    "create_questionnaire",
    "delete_question",
    "delete_questionnaire",
    "delete_section",
    "exclude_response",
    "find_invitation",
    "invitation_token",
    "invitation_url",
    "invite",
    "move_question",
    "move_section",
    "open_questionnaire",
    "resend_invitation",
    "restore_response",
    "submit_response",
    "update_campaign",
    "update_question",
    "update_questionnaire",
    "update_section",
]
