"""/api/v1/jeton/: the token making the request — what it is, rename it, revoke it."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ouverture.api import services
from ouverture.api.base import ApiView
from ouverture.api.conventions import StrictSerializer
from ouverture.api.permissions import ANY_APP


class CurrentTokenSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Nom du jeton.")
    prefix = serializers.CharField(help_text="Début du jeton, tel qu'il est listé.")
    user = serializers.CharField(source="user.username", help_text="Identifiant du titulaire.")
    role = serializers.CharField(source="user.role", help_text="Rôle du titulaire.")
    read_only = serializers.BooleanField()
    app_scope = serializers.CharField(help_text="Domaine auquel il est limité (vide : aucun).")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)
    last_used_at = serializers.DateTimeField(allow_null=True)


class RenameSerializer(StrictSerializer):
    name = serializers.CharField(max_length=100, help_text="Nouveau nom du jeton.")


class CurrentTokenView(ApiView):
    api_app = ANY_APP
    read_only_may = ("DELETE",)  # a leaked read-only token can still be stopped by its system

    @extend_schema(
        summary="Ce jeton",
        description="Le jeton de la requête : titulaire, portée, expiration.",
        responses={200: CurrentTokenSerializer},
    )
    def get(self, request):
        return Response(CurrentTokenSerializer(request.auth).data)

    @extend_schema(
        summary="Renommer ce jeton",
        request=RenameSerializer,
        responses={200: CurrentTokenSerializer},
    )
    def patch(self, request):
        body = RenameSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        token = services.rename_token(request.auth, actor=request.user, **body.validated_data)
        return Response(CurrentTokenSerializer(token).data)

    @extend_schema(
        summary="Révoquer ce jeton",
        description="Le jeton ne vaut plus, dès la requête suivante (par exemple s'il a fuité).",
        request=None,
        responses={204: None},
    )
    def delete(self, request):
        services.revoke_token(request.auth, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
