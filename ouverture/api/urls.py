"""The API's addresses. A domain module registers its viewsets on `router` here."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from ouverture.api import (
    agreements,
    assemblies,
    calls,
    coaching,
    documents,
    events,
    organisations,
    pathways,
    surveys,
    tokens,
    twinnings,
    views,
)
from ouverture.api.writes import agreements as agreement_writes
from ouverture.api.writes import calls as call_writes
from ouverture.api.writes import coaching as coaching_writes
from ouverture.api.writes import events as event_writes
from ouverture.api.writes import twinnings as twinning_writes

router = SimpleRouter(use_regex_path=False)
router.register("structures", organisations.OrganisationViewSet, basename="organisations")
router.register("dispositifs", calls.SchemeViewSet, basename="schemes")
router.register("appels", calls.CallViewSet, basename="calls")
router.register("candidatures", calls.ApplicationViewSet, basename="applications")
router.register("seances", assemblies.SittingViewSet, basename="sittings")
router.register("deliberations", assemblies.DeliberationViewSet, basename="deliberations")
router.register("documents", documents.GenerationViewSet, basename="documents")
router.register("accompagnements/suivis", coaching.FollowUpViewSet, basename="follow_ups")
router.register("accompagnements/contacts", coaching.InteractionViewSet, basename="interactions")
router.register("temps-collectifs", events.WorkshopViewSet, basename="workshops")
router.register("inscriptions", events.RegistrationViewSet, basename="registrations")
router.register("questionnaires", surveys.QuestionnaireViewSet, basename="questionnaires")
router.register("parcours/cohortes", pathways.CohortViewSet, basename="cohorts")
router.register("parcours/candidatures", pathways.CandidateViewSet, basename="candidates")
router.register("jumelages", twinnings.TwinningViewSet, basename="twinnings")
router.register("conventions", agreements.AgreementViewSet, basename="agreements")


def _api(patterns):
    # Token-authenticated (TokenScope): the screens' login redirect does not apply.
    for pattern in patterns:
        login_not_required(pattern.callback)
    return patterns


app_name = "api"
v1 = [
    path("", views.IndexView.as_view(), name="v1-index"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("jeton/", tokens.CurrentTokenView.as_view(), name="token"),
    path("accompagnements/bilan/", coaching.CoachingRecapView.as_view(), name="coaching-recap"),
    path(
        "jumelages/statistiques/",
        twinnings.TwinningStatisticsView.as_view(),
        name="twinnings-statistics",
    ),
    # api-write (issue 13): the writes, api/writes/<domain>.py
    path(
        "accompagnements/suivis/<int:pk>/contacts/",
        coaching_writes.LogContactView.as_view(),
        name="follow_ups-log-contact",
    ),
    path(
        "conventions/<int:pk>/depenses/",
        agreement_writes.RecordExpenseView.as_view(),
        name="agreements-record-expense",
    ),
    path(
        "temps-collectifs/<int:pk>/inscriptions/",
        event_writes.RegisterView.as_view(),
        name="workshops-register",
    ),
    path(
        "candidatures/<int:pk>/depot/",
        call_writes.SubmitApplicationView.as_view(),
        name="applications-submit",
    ),
    path(
        "jumelages/<int:pk>/verification/",
        twinning_writes.AnswerVerificationView.as_view(),
        name="twinnings-answer-verification",
    ),
    *router.urls,
]
urlpatterns = [
    *_api([path("", views.RootView.as_view(), name="root")]),
    path("v1/", include(_api(v1))),
    # Last: any other /api/ address is a JSON 404, not the screens' HTML page.
    *_api([re_path(r"^.*$", views.NotFoundView.as_view(), name="not_found")]),
]
