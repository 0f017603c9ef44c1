"""The machinery of the access walk: list the resolver's URLs, fill them, classify responses."""

import re
from dataclasses import dataclass

from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    pattern: str  # "structures/<int:pk>/"
    params: tuple  # parameter names, in order


def routes():
    """Every named URL pattern of the resolver, admin included, namespaces joined by ':'."""
    found = []

    def walk(resolver, prefix, namespace):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ns = namespace + (f"{p.namespace}:" if p.namespace else "")
                walk(p, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                # An unnamed pattern (the admin has some) is named by its path.
                name = namespace + (p.name or f"{prefix}{p.pattern}")
                found.append(
                    Route(name, prefix + str(p.pattern), tuple(p.pattern.regex.groupindex))
                )

    walk(get_resolver(), "", "")
    return found


def _value(objects, key):
    head, _, attr = key.partition(".")
    value = objects[head]
    if attr:
        value = getattr(value, attr)
    if isinstance(value, Model):
        value = value.pk
    return value


def url_for(route, objects, params):
    """The route's path filled with the world's records: `params` maps each parameter to a key
    of `objects` ("workshop", "cohort.public_key") or, prefixed with '=', to a literal. Built
    from the pattern itself, so unnamed patterns are walked too."""

    def value(name):
        key = params[name]
        return str(key[1:] if key.startswith("=") else _value(objects, key))

    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value(m.group(1)), route.pattern)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: value(m.group(1)), path)
    return "/" + path.replace("^", "").replace("$", "")


def outcome(response):
    """'ok' (2xx, or a redirect that is not to a login page), 'L' (login), or the status code."""
    status = response.status_code
    if status in (301, 302, 303):
        location = response.headers.get("Location", "")
        if location.startswith(("/connexion/", "/admin/login/")):
            return "L"
        return "ok"
    if 200 <= status < 300:
        return "ok"
    return str(status)


def readable_text(response):
    """The body when a person could read a name in it (HTML, JSON, CSV, text, calendar)."""
    kind = response.headers.get("Content-Type", "")
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    if any(t in kind for t in ("text/", "json", "csv", "calendar", "javascript")):
        return body.decode("utf-8", errors="replace")
    return ""
