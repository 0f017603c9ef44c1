from django.urls import path

from ouverture.coaching import contact_views, recap_views, views

app_name = "coaching"
urlpatterns = [
    path("", recap_views.recap, name="recap"),
    path("importer/", recap_views.import_table, name="import"),
    path("importer/taches/<int:pk>/", recap_views.import_job, name="import_job"),
    path("contact/", views.log_contact, name="log_contact"),
    path(
        "structures/<int:organisation_pk>/ouvrir/", views.follow_up_create, name="follow_up_create"
    ),
    path("suivis/<int:pk>/", views.follow_up_detail, name="follow_up"),
    path("suivis/<int:pk>/modifier/", views.follow_up_update, name="follow_up_update"),
    path("suivis/<int:pk>/clore/", views.follow_up_close, name="follow_up_close"),
    path("suivis/<int:pk>/rouvrir/", views.follow_up_reopen, name="follow_up_reopen"),
    path("suivis/<int:pk>/transformer/", views.follow_up_convert, name="follow_up_convert"),
    path("suivis/<int:pk>/relectures/", views.review_add, name="review_add"),
    path(
        "suivis/<int:pk>/contacts/<int:interaction_pk>/corriger/",
        contact_views.interaction_update,
        name="interaction_update",
    ),
    path(
        "suivis/<int:pk>/contacts/<int:interaction_pk>/supprimer/",
        contact_views.interaction_delete,
        name="interaction_delete",
    ),
    path(
        "suivis/<int:pk>/relectures/<int:review_pk>/corriger/",
        contact_views.review_update,
        name="review_update",
    ),
    path(
        "suivis/<int:pk>/relectures/<int:review_pk>/supprimer/",
        contact_views.review_delete,
        name="review_delete",
    ),
]
