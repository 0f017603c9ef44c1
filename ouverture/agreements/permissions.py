"""Rules on agreements and their money.

- Network staff read; the finance manager and the coordinator (and the administrator) edit the
  agreement, its commitments, its budget and its expenses.
- The funder's officer reads the agreement and keeps the funder's side: its budget operations,
  the credit reserved for files, and (with the network's money editors) the payments and the
  steps of the agreement's life (signature, report received, settlement).
- A project holder reaches none of it (the pages answer 403 or 404).

The rules say what a role may do; which agreements (and funder's operations) a user reaches is
the scope's (`agreements.scope.restrict_to_funder`, through `visible_to`): a funder officer
reaches its funder's only, another funder's answers 404 before any rule is read.
"""

import rules

from ouverture.accounts.permissions import (
    is_administrator,
    is_coordinator,
    is_finance_manager,
    is_funder_officer,
    is_institutional,
)

# Those who hold the network's purse: finance manager, coordinator, administrator.
is_money_editor = is_finance_manager | is_coordinator | is_administrator
# The funder's side of the money: its officer, or an administrator.
is_funder_side = is_funder_officer | is_administrator

rules.add_perm("agreements.list_agreements", is_institutional)
rules.add_perm("agreements.view_agreement", is_institutional)
rules.add_perm("agreements.view_history", is_institutional)
rules.add_perm("agreements.export_agreement", is_institutional)
rules.add_perm("agreements.add_agreement", is_money_editor)
rules.add_perm("agreements.change_agreement", is_money_editor)
rules.add_perm("agreements.change_status", is_money_editor | is_funder_officer)
rules.add_perm("agreements.manage_commitments", is_money_editor)
rules.add_perm("agreements.change_budget", is_money_editor)
rules.add_perm("agreements.record_expense", is_money_editor)
rules.add_perm("agreements.record_payment", is_money_editor | is_funder_officer)
rules.add_perm("agreements.view_funder_budget", is_institutional)
rules.add_perm("agreements.manage_funder_budget", is_funder_side)
