"""The base of every endpoint: token authentication and scope, the app's named rules
permission, the user's scope (`visible_to(user)`), stable ordering, ETag.

An endpoint family subclasses `ReadViewSet` (list + detail) and sets:

    api_app = "organisations"                 # AppScope: what an app-scoped token may reach
    model = Organisation                      # its manager has visible_to(user)
    ordering = ("search_name", "pk")          # stable: ends with the primary key
    rules_permissions = {"list": "organisations.list_organisations"}
    rules_object_permissions = {"retrieve": "organisations.view_organisation"}
    serializer_class = OrganisationSerializer

and may override `base_queryset()` (select_related/prefetch_related: the same number of
queries whatever the page size) and `filter_queryset()` (the screen's filters).
"""

from django.shortcuts import get_object_or_404
from rest_framework import mixins, viewsets
from rest_framework.views import APIView

from ouverture.api.conventions import ConditionalGetMixin


class ApiView(ConditionalGetMixin, APIView):
    """A plain endpoint (not a record family): same authentication, scope, ETag."""


class ReadViewSet(
    ConditionalGetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    api_app = None
    model = None
    ordering = ("pk",)
    lookup_value_converter = "int"  # /abc/ is the router's 404, never a database error
    rules_permissions = {}
    rules_object_permissions = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.model is not None:
            assert cls.api_app, f"{cls.__name__}: api_app names the app an app-scoped token needs"
            assert cls.ordering and cls.ordering[-1] in ("pk", "-pk", "id", "-id"), (
                f"{cls.__name__}: a stable ordering ends with the primary key"
            )

    def base_queryset(self):
        return self.model.objects.all()

    def get_queryset(self):
        # The user's scope first: another organisation's record is a 404, as on the screens.
        qs = self.base_queryset()
        return qs.visible_to(self.request.user).order_by(*self.ordering)

    def list(self, request, *args, **kwargs):
        """A serializer with `list_values(queryset)` and `list_rows(rows)` gives the page's
        rows from `values_list` (no model instance per row); otherwise DRF's list."""
        serializer_class = self.get_serializer_class()
        if not hasattr(serializer_class, "list_rows"):
            return super().list(request, *args, **kwargs)
        queryset = serializer_class.list_values(self.filter_queryset(self.get_queryset()))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(serializer_class.list_rows(page))

    def get_object(self):
        lookup = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        obj = get_object_or_404(self.get_queryset(), **{self.lookup_field: lookup})
        self.check_object_permissions(self.request, obj)
        return obj
