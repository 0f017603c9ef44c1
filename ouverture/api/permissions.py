"""Who may use the API and what a token allows.

The API adds no rule of its own on records: each view names the app's `rules` permission
(the same one its screen checks) and fetches through the app's `visible_to(user)`.
A token narrows what its user may do, never widens it: read-only, one app.
"""

import rules
from rest_framework import exceptions, permissions

from ouverture.accounts.permissions import is_administrator
from ouverture.api.enums import AppScope
from ouverture.api.models import ApiToken


@rules.predicate
def is_token_owner(user, token):
    return token is not None and user.is_authenticated and token.user_id == user.pk


@rules.predicate
def is_person(user):
    """A person's account (not a service account, which is managed by an administrator)."""
    return user.is_authenticated and not hasattr(user, "service_account")


rules.add_perm("api.manage_own_tokens", is_person)
rules.add_perm("api.revoke_token", is_token_owner | is_administrator)
rules.add_perm("api.manage_service_accounts", is_administrator)


ANY_APP = "*"  # a view every token reaches whatever its app scope (the token's own page)


class TokenScope(permissions.BasePermission):
    """An authenticated request through a token, within the token's scope, holding the view's
    named rules permission (`rules_permissions[action]`, or `rules_permission`)."""

    def has_permission(self, request, view):
        token = request.auth
        if not request.user or not request.user.is_authenticated or not isinstance(token, ApiToken):
            raise exceptions.NotAuthenticated()
        # A view may let a read-only token do what only narrows it (revoke itself).
        narrowing = request.method in getattr(view, "read_only_may", ())
        if token.read_only and request.method not in permissions.SAFE_METHODS and not narrowing:
            raise exceptions.PermissionDenied(
                f"Jeton « {token.name} » en lecture seule : il ne peut rien modifier "
                f"({request.method} refusé)."
            )
        app = getattr(view, "api_app", None)
        if token.app_scope and token.app_scope != app and app != ANY_APP:
            raise exceptions.PermissionDenied(
                f"Jeton « {token.name} » limité à « {AppScope(token.app_scope).label} » : "
                "cette adresse n'en fait pas partie."
            )
        perm = _perm_for(view)
        if perm and not request.user.has_perm(perm):
            raise exceptions.PermissionDenied("Accès refusé : votre rôle ne le permet pas.")
        return True

    def has_object_permission(self, request, view, obj):
        perm = _object_perm_for(view)
        if perm and not request.user.has_perm(perm, obj):
            raise exceptions.PermissionDenied("Accès refusé : votre rôle ne le permet pas.")
        return True


def _perm_for(view):
    action = getattr(view, "action", None)
    by_action = getattr(view, "rules_permissions", {})
    if action in by_action:
        return by_action[action]
    return getattr(view, "rules_permission", None)


def _object_perm_for(view):
    action = getattr(view, "action", None)
    return getattr(view, "rules_object_permissions", {}).get(action)
