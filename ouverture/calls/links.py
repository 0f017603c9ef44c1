"""What the agreements read from the funders' records without importing them
(`agreements.hooks.default_funder_source`): which organisation is the default funder, whose
agreements a funder officer without a structure reaches."""

from ouverture.agreements.hooks import default_funder_source
from ouverture.calls.models import Funder


@default_funder_source
def default_funder_organisations():
    return Funder.objects.default_organisations()
