"""POST /api/v1/accompagnements/suivis/<id>/contacts/: log a coaching contact.

The quick-contact screen's validation (coaching.forms.ContactFieldsForm, the fields of
QuickContactForm but the follow-up, which is the address) then its service
(coaching.services.log_interaction: the follow-up locked, open, the advice meetings' cap).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ouverture.api.coaching import InteractionSerializer
from ouverture.api.conventions import StrictSerializer
from ouverture.api.writes.base import WriteView, form_data, run_form
from ouverture.coaching import services
from ouverture.coaching.enums import Channel, Topic
from ouverture.coaching.forms import ContactFieldsForm
from ouverture.coaching.models import FollowUp


class ContactBody(StrictSerializer):
    # Required and choices are the screen's form's to check (its messages), not repeated here.
    date = serializers.DateField(required=False, help_text="Date du contact (obligatoire).")
    channel = serializers.CharField(
        required=False, help_text=f"Canal (obligatoire) : {', '.join(Channel.values)}."
    )
    duration_minutes = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Durée en minutes (facultative pour un e-mail).",
    )
    topics = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text=f"Sujets : {', '.join(Topic.values)}.",
    )
    note = serializers.CharField(required=False, allow_blank=True, help_text="Note (500 car.).")


def contact_form(body):
    """The screen's form on the JSON body (minutes written as the screen's « 90 min »)."""
    data = dict(body)
    if data.get("duration_minutes") is not None:
        data["duration_minutes"] = f"{data['duration_minutes']} min"
    return ContactFieldsForm(form_data(data, lists=("topics",)))


class LogContactView(WriteView):
    api_app = "coaching"
    # The rule is checked on the follow-up, after the scope: another organisation's is a 404.

    @extend_schema(
        summary="Consigner un contact d'accompagnement",
        description=(
            "Comme le formulaire « contact rapide » : mêmes contrôles, mêmes messages (date "
            "dans le futur, canal, durée, suivi clos, plafond de rendez-vous d'un "
            "appui-conseil). Un refus n'écrit rien. Le contact est consigné au nom du "
            "titulaire du jeton (historique)."
        ),
        request=ContactBody,
        responses={201: InteractionSerializer},
    )
    def post(self, request, pk):
        follow_up = self.visible(FollowUp.objects, pk, "coaching.log_interaction")
        body = self.body(ContactBody)
        data = run_form(contact_form(body))
        interaction = services.log_interaction(follow_up, actor=request.user, **data)
        return Response(InteractionSerializer(interaction).data, status=status.HTTP_201_CREATED)
