"""Rules on calls and applications.

- Anyone reads a scheme's public page (no rule: `public/` pages).
- Institutional users list applications; a holder reaches its organisations' applications only
  (others are a 404 through `Application.objects.visible_to`).
- The network and holders write applications; the funder's officer instructs.
"""

import rules

from ouverture.accounts.permissions import (
    is_administrator,
    is_funder_officer,
    is_institutional,
    is_project_holder,
    is_record_keeper,
)

rules.add_perm("calls.list_applications", is_institutional | is_project_holder)
rules.add_perm("calls.view_application", is_institutional | is_project_holder)
rules.add_perm("calls.change_application", is_record_keeper | is_project_holder)
rules.add_perm("calls.instruct_application", is_funder_officer | is_administrator)
rules.add_perm("calls.view_dashboard", is_institutional)
# The schemes and their yearly calls are published (the public scheme page): any account
# reads them, through the API too.
rules.add_perm("calls.view_call", rules.is_authenticated)
