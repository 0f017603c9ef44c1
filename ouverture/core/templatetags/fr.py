"""French display filters, available in every template (registered as builtins)."""

from django import template

from ouverture.core import formats

register = template.Library()


@register.filter
def euros(value):
    """{{ amount|euros }} -> '9 879,54 €'"""
    return formats.format_money(value)


@register.filter
def decimal_fr(value, places=2):
    return formats.format_decimal(value, int(places))


@register.filter
def pct(value, places=0):
    """{{ ratio_times_100|pct }} -> '69 %'"""
    return formats.format_percent(value, int(places))


@register.filter(expects_localtime=True)
def date_fr(value):
    """{{ date|date_fr }} -> '14 octobre 2024' (a moment: its day in the local time zone)"""
    return formats.format_date(value)


@register.filter(expects_localtime=True)
def datetime_fr(value):
    """{{ moment|datetime_fr }} -> '14 octobre 2024 à 09:05', in the local time zone"""
    if value is None or value == "":
        return ""
    return f"{formats.format_date(value)} à {value:%H:%M}"


@register.filter
def duration(minutes):
    """{{ minutes|duration }} -> '3h30'"""
    return formats.format_hours(minutes)


@register.filter
def int_fr(value):
    """{{ 20000|int_fr }} -> '20 000'"""
    if value in (None, ""):
        return ""
    return formats.format_decimal(value, 0)


@register.filter
def plural(unit, count):
    """{{ "candidature"|plural:3 }} -> 'candidatures'; singular for 0 and 1, as French writes."""
    from ouverture.core.wording import plural as agree

    return agree(unit, count)
