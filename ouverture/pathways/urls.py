from django.urls import path

from ouverture.pathways import public_views, selection_views, views

app_name = "pathways"
urlpatterns = [
    path("", views.cohort_list, name="list"),
    path("nouvelle/", views.cohort_create, name="create"),
    path("<int:pk>/", views.cohort_detail, name="detail"),
    path("<int:pk>/modifier/", views.cohort_update, name="update"),
    path("<int:pk>/etape/<str:status>/", views.cohort_step, name="step"),
    path(
        "<int:pk>/modules/<int:module_pk>/programmer/",
        views.session_schedule,
        name="schedule",
    ),
    path("<int:pk>/modules/programmer/", views.schedule_remaining, name="schedule_remaining"),
    path("<int:pk>/progression.<str:fmt>", views.export_progress, name="export_progress"),
    path("<int:pk>/candidatures/", selection_views.candidates, name="candidates"),
    path("<int:pk>/candidatures/reprendre/", selection_views.take_in, name="take_in"),
    path("<int:pk>/candidatures/classement/", selection_views.apply_ranking, name="apply_ranking"),
    path("<int:pk>/candidatures.<str:fmt>", views.export_candidates, name="export_candidates"),
    path("candidatures/<int:pk>/", selection_views.candidate_detail, name="candidate"),
    path("candidatures/<int:pk>/noter/", selection_views.score, name="score"),
    path("candidatures/<int:pk>/decision/", selection_views.decide, name="decide"),
    path(
        "candidatures/<int:pk>/structure/",
        selection_views.review_organisation,
        name="review_organisation",
    ),
    # Public pages (no account).
    path("p/<uuid:key>/", public_views.public_cohort, name="public"),
    path("p/<uuid:key>/merci/", public_views.public_thanks, name="public_thanks"),
]
