"""Rules on the liaison records: the institutional side reads (the funder's officers too);
the network's staff keep them. A project holder reaches none of it (403)."""

import rules

from ouverture.accounts.permissions import is_institutional, is_record_keeper

rules.add_perm("liaison.view_liaison", is_institutional)
rules.add_perm("liaison.manage_liaison", is_record_keeper)
