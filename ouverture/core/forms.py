"""Form fields that read what French users type: '9 879,54', '3h30', '14/10/2024'."""

from django import forms
from django.core.exceptions import ValidationError

from ouverture.core.formats import format_decimal, format_hours, parse_decimal_fr, parse_duration


class MoneyField(forms.CharField):
    """Euros with a decimal comma and spaces (no-break included): '9 879,54' -> Decimal('9879.54')."""

    def __init__(self, *, allow_negative=False, **kwargs):
        self.allow_negative = allow_negative
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        kwargs.setdefault("help_text", "En euros, par exemple « 9 879,54 ».")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value in (None, ""):
            return ""
        if isinstance(value, str):
            return value
        return format_decimal(value, 2)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_decimal_fr(value, allow_negative=self.allow_negative)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None


class DurationField(forms.CharField):
    """'3h30', '2h', '2', '1h45', '90 min' -> minutes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Par exemple « 1h30 », « 45 min » ou « 2 ».")
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off", "size": 8}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_hours(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_duration(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def apply_service_errors(form, error: ValidationError):
    """Show a service's ValidationError on the form, on its field when it names one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
