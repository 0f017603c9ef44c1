"""POST /api/v1/temps-collectifs/<id>/inscriptions/: register a person to a workshop.

For the network's website, which embeds the registration: the public registration page's
form (events.forms.RegistrationForm) then its service (events.services.register with the
public page's rules: consent, e-mail already registered, registrations closed, capacity and
waiting list, cancelled workshop, ateliers, PAM cohort-only sessions). Any token that may
write (not read-only; full or limited to "events") may register someone, as anyone may on
the public page; the history names the token's owner (e.g. the website's service account).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ouverture.api.conventions import StrictSerializer
from ouverture.api.events import RegistrationSerializer
from ouverture.api.writes.base import WriteView, form_data, run_form
from ouverture.events import services
from ouverture.events.forms import RegistrationForm
from ouverture.events.models import Workshop
from ouverture.events.tokens import registration_token


class RegistrationBody(StrictSerializer):
    # Required fields and choices are the public page's form and service's (their messages).
    full_name = serializers.CharField(
        required=False, allow_blank=True, help_text="Nom et prénom (obligatoire)."
    )
    email = serializers.CharField(
        required=False, allow_blank=True, help_text="E-mail (obligatoire) : la confirmation."
    )
    organisation_name = serializers.CharField(
        required=False, allow_blank=True, help_text="Structure."
    )
    organisation_city = serializers.CharField(
        required=False, allow_blank=True, help_text="Commune de la structure."
    )
    project_type = serializers.CharField(
        required=False, allow_blank=True, help_text="Code du type de projet."
    )
    ateliers = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="Ateliers choisis."
    )
    consent = serializers.BooleanField(
        required=False, help_text="Accord sur l'utilisation des données (obligatoire : true)."
    )
    waiting_list = serializers.BooleanField(
        required=False,
        help_text="true : s'inscrire sur la liste d'attente si le temps est complet ou clos.",
    )
    personal_link = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="Le lien personnel reçu (« lien » de la page publique), pour une séance "
        "réservée à une cohorte du PAM.",
    )


class RegisteredSerializer(RegistrationSerializer):
    cancel_link = serializers.SerializerMethodField(
        help_text="Adresse complète de la page de la personne (confirmation, "
        "désinscription), sur la plateforme : le site qui inscrit peut la lui montrer."
    )

    class Meta(RegistrationSerializer.Meta):
        fields = [*RegistrationSerializer.Meta.fields, "cancel_link"]
        read_only_fields = fields

    def get_cancel_link(self, obj) -> str:
        from django.urls import reverse

        path = reverse("events:public_registration", kwargs={"token": registration_token(obj)})
        # Absolute, like the API's other links: the caller is another site.
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class RegisterView(WriteView):
    api_app = "events"

    @extend_schema(
        summary="Inscrire une personne à un temps collectif",
        description=(
            "Comme la page publique d'inscription (le site du réseau l'intègre) : mêmes "
            "contrôles, mêmes messages — accord sur les données, e-mail déjà inscrit, "
            "inscriptions closes, temps complet (avec `waiting_list: true` : liste d'attente), "
            "temps annulé, ateliers. Un refus n'écrit rien. Tout jeton qui peut écrire (complet "
            "ou limité aux temps collectifs), typiquement celui du compte de service du site."
        ),
        request=RegistrationBody,
        responses={201: RegisteredSerializer},
    )
    def post(self, request, pk):
        from django.shortcuts import get_object_or_404

        workshop = get_object_or_404(Workshop.objects.collective(), pk=pk)
        body = dict(self.body(RegistrationBody))
        personal_link = body.pop("personal_link", "")
        data = run_form(RegistrationForm(form_data(body, lists=("ateliers",)), workshop=workshop))
        registration = services.register(
            workshop,
            actor=request.user,
            public=True,
            personal_link=personal_link,
            **data,
        )
        return Response(
            RegisteredSerializer(registration, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )
