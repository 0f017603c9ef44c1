"""Write operations of the pathways app.

- cohorts: cohorts and their steps, the module catalogue, sessions as workshops;
- intake: candidates from the intake questionnaire, review of their organisation;
- selection: both sides' scores, admission up to capacity, waiting list.
"""

from ouverture.pathways.services.cohorts import (
    close_intake,
    complete_cohort,
    create_cohort,
    create_module,
    default_session_times,
    open_intake,
    reschedule_session,
    schedule_module,
    schedule_remaining_modules,
    session_title,
    start_cohort,
    update_cohort,
    update_module,
)
from ouverture.pathways.services.intake import (
    candidate_from_response,
    check_intake_open,
    create_proposed_organisation,
    link_organisation,
    pending_responses,
    submit_candidacy,
    take_in_responses,
)
from ouverture.pathways.services.selection import (
    admit,
    apply_ranking,
    decline,
    put_on_waiting_list,
    score_candidate,
    side_for,
    withdraw,
)

__all__ = [
    "admit",
    "apply_ranking",
    "candidate_from_response",
    "check_intake_open",
    "close_intake",
    "complete_cohort",
    "create_cohort",
    "create_module",
    "create_proposed_organisation",
    "decline",
    "default_session_times",
    "link_organisation",
    "open_intake",
    "pending_responses",
    "put_on_waiting_list",
    "reschedule_session",
    "schedule_module",
    "schedule_remaining_modules",
    "score_candidate",
    "session_title",
    "side_for",
    "start_cohort",
    "submit_candidacy",
    "take_in_responses",
    "update_cohort",
    "update_module",
    "withdraw",
]
