"""Rules on assemblies and deliberations.

- Institutional users (network, the funder's officer, administrators) read sittings and
  deliberations; the funder's officer and administrators record them. A holder reaches none
  (403). Deliberations are public acts: the open-data page publishes what they award.
"""

import rules

from ouverture.accounts.permissions import is_administrator, is_funder_officer, is_institutional

rules.add_perm("assemblies.view_sitting", is_institutional)
rules.add_perm("assemblies.view_deliberation", is_institutional)
rules.add_perm("assemblies.record_sitting", is_funder_officer | is_administrator)
