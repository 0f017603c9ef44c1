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


class PagedFilters(StrictSerializer):
    """A list's filters: the screen's, and the pagination's two names."""

    page = serializers.CharField(required=False)
    page_size = serializers.CharField(required=False)


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
