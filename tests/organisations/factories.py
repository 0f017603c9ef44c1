import factory

from ouverture.accounts.services import system_user
from ouverture.geo.models import Commune
from ouverture.organisations.enums import LegalKind
from ouverture.organisations.models import Organisation
from ouverture.organisations.services import add_contact, create_organisation


class OrganisationFactory(factory.Factory):
    """Builds organisations through the service, as a user would."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Structure {n}")
    legal_kind = LegalKind.ASSOCIATION
    commune = factory.LazyFunction(lambda: Commune.objects.current().get(code="62041"))
    project_types = ("youth_mobility",)

    class Params:
        outside = factory.Trait(
            commune=factory.LazyFunction(lambda: Commune.objects.current().get(code="59350"))
        )
        twinning = factory.Trait(
            project_types=("twinning",), legal_kind=LegalKind.TWINNING_COMMITTEE
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return create_organisation(actor=system_user(), **kwargs)


def contact_for(organisation, **fields):
    fields.setdefault("name", "Camille Martin")
    fields.setdefault("role", "Présidente")
    return add_contact(organisation, actor=system_user(), **fields)
