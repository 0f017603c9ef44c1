"""Rules on questionnaires. Holders never reach the staff screens: they answer through
personal links and public pages, which need no account."""

import rules

from ouverture.accounts.permissions import (
    is_administrator,
    is_coordinator,
    is_finance_manager,
    is_funder_officer,
    is_network_staff,
)

# Those who build questionnaires, invite people and see who answered.
is_survey_builder = is_network_staff | is_coordinator | is_administrator
# Those who read the results: the builders, the network's finance manager and the funder.
is_results_reader = is_survey_builder | is_finance_manager | is_funder_officer

rules.add_perm("surveys.list_questionnaires", is_results_reader)
rules.add_perm("surveys.view_results", is_results_reader)
rules.add_perm("surveys.export_results", is_results_reader)
rules.add_perm("surveys.add_questionnaire", is_survey_builder)
rules.add_perm("surveys.change_questionnaire", is_survey_builder)
rules.add_perm("surveys.invite", is_survey_builder)
rules.add_perm("surveys.view_respondents", is_survey_builder)
rules.add_perm("surveys.transcribe_response", is_survey_builder)
rules.add_perm("surveys.view_history", is_survey_builder | is_funder_officer)
