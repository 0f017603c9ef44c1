"""Who reads the register of processing activities and acts on a person's data."""

import rules

from ouverture.accounts.permissions import is_administrator, is_institutional

rules.add_perm("privacy.view_register", is_institutional)
# Export and erasure on a person's request: administrators only.
rules.add_perm("privacy.act_on_person", is_administrator)
