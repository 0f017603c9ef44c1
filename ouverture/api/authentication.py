"""`Authorization: Bearer TOKEN`: the token's user acts, within the token's scope."""

import logging

from django.utils.timezone import localtime
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from ouverture.api import services
from ouverture.core.formats import format_date
from ouverture.core.security import client_ip

logger = logging.getLogger("ouverture.api")


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None  # the permission answers 401 "authentification requise"
        keyword, _, key = header.partition(" ")
        key = key.strip()
        if keyword.lower() != self.keyword.lower() or not key or " " in key:
            raise exceptions.AuthenticationFailed(
                "En-tête « Authorization » mal formé : attendu « Bearer <jeton> »."
            )
        token = services.find_token(key)
        if token is None:
            raise exceptions.AuthenticationFailed(
                "Jeton inconnu : vérifiez qu'il a été copié en entier, ou créez-en un nouveau."
            )
        state = token.state()
        if state == "revoked":
            raise exceptions.AuthenticationFailed(
                f"Jeton « {token.name} » révoqué le {format_date(localtime(token.revoked_at))} : "
                "créez-en un nouveau."
            )
        if state == "expired":
            raise exceptions.AuthenticationFailed(
                f"Jeton « {token.name} » expiré le {format_date(localtime(token.expires_at))} : "
                "créez-en un nouveau."
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(
                "Le compte de ce jeton est désactivé : le jeton ne vaut plus."
            )
        ip = client_ip(request._request)
        services.record_use(token, ip)
        logger.info("api token %s (%s) used from %s", token.prefix, token.user.username, ip)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "jeton"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Jeton personnel créé dans « Mes jetons d'API » : "
            "« Authorization: Bearer ouv_… ».",
        }
