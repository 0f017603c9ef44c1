from django.urls import path

from ouverture.twinnings import (
    views,
    views_campaigns,
    views_conflicts,
    views_import,
    views_public,
    views_stats,
)

app_name = "twinnings"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("nouveau/", views.agreement_create, name="create"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/modifier/", views.agreement_update, name="update"),
    path("<int:pk>/parties/ajouter/", views.party_add, name="party_add"),
    path("<int:pk>/parties/<int:party_pk>/retirer/", views.party_remove, name="party_remove"),
    path("<int:pk>/partenaires/ajouter/", views.partner_add, name="partner_add"),
    path(
        "<int:pk>/partenaires/<int:link_pk>/retirer/", views.partner_remove, name="partner_remove"
    ),
    path("<int:pk>/verification/", views.verification_record, name="verification"),
    path("<int:pk>/points-verifies/", views.review_done, name="review_done"),
    path("<int:pk>/sources/ajouter/", views.source_add, name="source_add"),
    path("villes/<int:pk>/", views.town_detail, name="town"),
    path("statistiques/", views_stats.statistics, name="statistics"),
    path("exports/", views_stats.exports_page, name="exports"),
    path("exports/jumelages-actifs.xlsx", views_stats.export_active, name="export_active"),
    path("exports/diffusion.csv", views_stats.export_mailing, name="export_mailing"),
    path("imports/", views_import.import_home, name="import_home"),
    path("imports/<int:pk>/", views_import.import_batch, name="import_batch"),
    path("imports/<int:pk>/importer/", views_import.import_run, name="import_run"),
    path("imports/<int:pk>/valeurs/", views_import.import_values, name="import_values"),
    path("imports/taches/<int:pk>/", views_import.import_job, name="import_job"),
    path("conflits/", views_conflicts.conflict_list, name="conflicts"),
    path("conflits/<int:pk>/decider/", views_conflicts.conflict_decide, name="conflict_decide"),
    path("campagnes/", views_campaigns.campaign_list, name="campaigns"),
    path("campagnes/candidats/", views_campaigns.campaign_candidates, name="campaign_candidates"),
    path("campagnes/<int:pk>/", views_campaigns.campaign_detail, name="campaign"),
    # Public: the register as GeoJSON, public fields only (no account).
    path("public/jumelages.geojson", views_public.agreements_geojson, name="public_geojson"),
    # Public: the personal verification link (no account).
    path(
        "p/verification/<int:agreement_pk>/<str:token>/",
        views_campaigns.verify,
        name="verify",
    ),
]
