"""Helpers shared by the read endpoints' lists (api-read): their filters and references."""

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from ouverture.api.conventions import MAX_PAGE_SIZE, PAGE_SIZE, StrictSerializer

PAGE_PARAMS = ("page", "page_size")
# For an ApiView that paginates by itself (a viewset's list gets them from Pagination).
PAGE_PARAMETERS = [
    OpenApiParameter("page", int, description="Numéro de page, à partir de 1."),
    OpenApiParameter(
        "page_size",
        int,
        description=f"Éléments par page (défaut {PAGE_SIZE}, au plus {MAX_PAGE_SIZE}).",
    ),
]


MAX_LISTED_CHOICES = 30  # beyond, the schema's enum lists them


class PagedFilters(StrictSerializer):
    """A list's filters: the screen's, and the pagination's two names. A value outside a
    filter's choices is refused with the accepted values (a newcomer's first typo)."""

    page = serializers.CharField(required=False)
    page_size = serializers.CharField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, serializers.ChoiceField) and not isinstance(
                field, serializers.MultipleChoiceField
            ):
                accepted = [str(key) for key in field.choices if key != ""]
                if 0 < len(accepted) <= MAX_LISTED_CHOICES:
                    field.error_messages["invalid_choice"] = (
                        "« {input} » n'est pas un choix valide : " + ", ".join(accepted) + "."
                    )


def read_filters(serializer_class, request):
    """The query string validated by `serializer_class`: unknown names and bad values → 400."""
    filters = serializer_class(data=request.query_params.dict())
    filters.is_valid(raise_exception=True)
    return filters.validated_data


class OrganisationRef(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    display_name = serializers.CharField(read_only=True, help_text="Nom d'usage, sinon nom.")


def user_name(user) -> str | None:
    return str(user) if user is not None else None
