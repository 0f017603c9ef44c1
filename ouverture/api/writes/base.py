"""What every write endpoint shares.

A write is a POST with a JSON body:
1. a `StrictSerializer` declares the body for the schema and refuses an unknown field or a
   wrong type (400 per field);
2. `run_form()` passes the body to the screen's own Django form, so the screen's checks and
   messages apply unchanged (no rule written twice); its errors are a 400 per field;
3. the view calls the app's service function; a Django `ValidationError` it raises is the
   same 400 per field (conventions.exception_handler). The service runs in one transaction:
   a refusal writes nothing.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from rest_framework import exceptions

from ouverture.api.base import ApiView

GENERAL = "general"


def run_form(form):
    """The screen's form's cleaned data; its errors, per field, as a ValidationError."""
    if form.is_valid():
        return dict(form.cleaned_data)
    errors = {}
    for field, messages in form.errors.items():
        key = "__all__" if field == "__all__" else field
        errors[key] = list(messages)
    raise ValidationError(errors)


def form_data(validated, *, lists=()):
    """A serializer's validated body as a form's data: dates ISO, numbers as text, lists kept."""
    data = {}
    for key, value in validated.items():
        if value is None:
            continue
        if key in lists:
            data[key] = [str(item) for item in value]
        elif isinstance(value, bool):
            data[key] = "on" if value else ""
        elif hasattr(value, "isoformat"):
            data[key] = value.isoformat()
        else:
            data[key] = str(value)
    return _MultiDict(data)


class _MultiDict(dict):
    """A dict with `getlist`, as the form widgets (checkboxes, multiple choices) read it."""

    def getlist(self, key, default=None):
        value = self.get(key, default if default is not None else [])
        return value if isinstance(value, list) else [value]


class WriteView(ApiView):
    """A POST endpoint: subclasses set `api_app`, `rules_permission` (the screen's rule, checked
    on the request) and implement `post()`; `visible()` fetches a record through the user's
    scope (another organisation's: 404) and checks the screen's named rule on it (403)."""

    http_method_names = ["post", "options"]

    def visible(self, queryset, pk, perm=None):
        record = get_object_or_404(queryset.visible_to(self.request.user), pk=pk)
        if perm:
            self.require(perm, record)
        return record

    def require(self, perm, record=None):
        if not self.request.user.has_perm(perm, record):
            raise exceptions.PermissionDenied("Accès refusé : votre rôle ne le permet pas.")

    def body(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
