"""POST /api/v1/candidatures/<id>/depot/: submit an application to its call.

The application page's « Déposer » (calls.views.application_move with target "submitted")
calls calls.services.submit, which checks every rule of the call (window, eligible legal
forms and territory, project types, maximum rate, budget balanced, documents, holder's
confirmation) and names each failure; the API returns that list under "general", as the
screen shows it. No body: `{}` (or nothing); any field is refused by name.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from ouverture.api.calls import ApplicationSerializer, ApplicationViewSet
from ouverture.api.conventions import StrictSerializer
from ouverture.api.writes.base import WriteView
from ouverture.calls import services


class SubmitBody(StrictSerializer):
    """Nothing to send: the application as it stands is checked and submitted."""


class SubmitApplicationView(WriteView):
    api_app = "calls"

    @extend_schema(
        summary="Déposer une candidature",
        description=(
            "Comme le bouton « Déposer » de la fiche : chaque règle de l'appel est vérifiée "
            "(période de dépôt, forme juridique, territoire, type de projet, taux maximal, "
            "plan de financement équilibré, pièces, confirmation du porteur) et chaque règle "
            "non respectée est nommée, une phrase par règle sous « general ». Un refus "
            "n'écrit rien ; le dépôt est noté au nom du titulaire du jeton (étape, historique)."
        ),
        request=SubmitBody,
        responses={200: ApplicationSerializer},
    )
    def post(self, request, pk):
        queryset = ApplicationViewSet().base_queryset()
        application = self.visible(queryset, pk, "calls.view_application")
        self.require("calls.change_application")
        self.body(SubmitBody)
        services.submit(application, actor=request.user)
        application = queryset.get(pk=application.pk)
        data = ApplicationSerializer(application, context={"request": request}).data
        return Response(data, status=status.HTTP_200_OK)
