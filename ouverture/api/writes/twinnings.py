"""POST /api/v1/jumelages/<id>/verification/: answer a verification campaign.

The public answer page (twinnings.views_campaigns.verify) opened by the personal link the
campaign sent: its form (twinnings.forms.AnswerForm) then its service
(twinnings.campaigns.answer_invitation: the link checked — valid, this twinning's, unused,
unexpired —, the status applied with its dated history (StatusChange), or a conflict when
another answer of the campaign said otherwise; a contact that differs from the recorded one
becomes a conflict a person decides). The API adds its token: the twinning must be in the
owner's scope (another's: 404), and the history names the owner. The personal link's token
goes in `token` (the last part of the link); a refused link is a 400 on `token`.
"""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from ouverture.api.conventions import StrictSerializer
from ouverture.api.writes.base import WriteView, form_data, run_form
from ouverture.twinnings import campaigns
from ouverture.twinnings.forms import AnswerForm
from ouverture.twinnings.models import Agreement, Conflict


class AnswerBody(StrictSerializer):
    # Required fields and choices are the public page's form and service's (their messages).
    token = serializers.CharField(
        required=False, help_text="Le jeton du lien personnel reçu (obligatoire)."
    )
    status = serializers.CharField(
        required=False, help_text="« active » ou « dormant » (obligatoire)."
    )
    answered_by_name = serializers.CharField(
        required=False, allow_blank=True, help_text="Nom de la personne qui répond (obligatoire)."
    )
    contact_name = serializers.CharField(
        required=False, allow_blank=True, help_text="Personne à contacter."
    )
    contact_email = serializers.CharField(required=False, allow_blank=True, help_text="Son e-mail.")
    contact_phone = serializers.CharField(
        required=False, allow_blank=True, help_text="Son téléphone."
    )
    upcoming_projects = serializers.CharField(
        required=False, allow_blank=True, help_text="Projets à venir."
    )


class AnswerSerializer(serializers.Serializer):
    twinning = serializers.IntegerField(help_text="Le jumelage.")
    answer = serializers.CharField(help_text="Le statut répondu.")
    status = serializers.CharField(help_text="Le statut du jumelage après la réponse.")
    applied = serializers.BooleanField(
        help_text="false : une autre réponse de la campagne disait autre chose (conflit à "
        "trancher, le statut enregistré reste)."
    )
    verified_on = serializers.DateField(help_text="Date de vérification.")
    open_conflicts = serializers.ListField(
        child=serializers.CharField(),
        help_text="Conflits à trancher sur ce jumelage (statut, contact) : valeur proposée.",
    )


class AnswerVerificationView(WriteView):
    api_app = "twinnings"

    @extend_schema(
        summary="Répondre à une campagne de vérification d'un jumelage",
        description=(
            "Comme la page ouverte par le lien personnel : mêmes contrôles, mêmes messages "
            "(lien invalide, déjà utilisé, expiré ou d'un autre jumelage ; statut ; nom ; "
            "e-mail). Le statut s'applique avec son historique daté ; une correction du "
            "contact devient un conflit à trancher. Un refus n'écrit rien."
        ),
        request=AnswerBody,
        responses={200: AnswerSerializer},
    )
    def post(self, request, pk):
        twinning = self.visible(Agreement.objects, pk, "twinnings.view_agreement")
        body = dict(self.body(AnswerBody))
        token = body.pop("token", "")
        data = run_form(AnswerForm(form_data(body)))
        try:
            invitation = campaigns.answer_invitation(twinning.pk, token, actor=request.user, **data)
        except campaigns.LinkRefused as error:
            raise ValidationError({"token": error.message}) from None
        agreement = Agreement.objects.get(pk=invitation.agreement_id)
        conflicts = Conflict.objects.filter(agreement=agreement, decided_at__isnull=True)
        answer = {
            "twinning": agreement.pk,
            "answer": invitation.answer_status,
            "status": agreement.status,
            "applied": agreement.status == invitation.answer_status,
            "verified_on": agreement.verified_on,
            "open_conflicts": [c.proposed_label for c in conflicts.order_by("pk")],
        }
        return Response(AnswerSerializer(answer).data, status=status.HTTP_200_OK)
