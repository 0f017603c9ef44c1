from django.urls import path

from ouverture.events import checkin_views, public_views, review_views, training_views, views

app_name = "events"
urlpatterns = [
    path("", views.workshop_list, name="list"),
    path("nouveau/", views.workshop_create, name="create"),
    path("<int:pk>/", views.workshop_detail, name="detail"),
    path("<int:pk>/modifier/", views.workshop_update, name="update"),
    path("<int:pk>/bilan/", review_views.workshop_review, name="workshop_review"),
    path("<int:pk>/programme/", views.workshop_agenda, name="agenda"),
    path(
        "<int:pk>/programme/<int:item_pk>/supprimer/",
        views.agenda_item_delete,
        name="agenda_item_delete",
    ),
    path("<int:pk>/ateliers/ajouter/", views.atelier_add, name="atelier_add"),
    path(
        "<int:pk>/ateliers/<int:atelier_pk>/supprimer/",
        views.atelier_delete,
        name="atelier_delete",
    ),
    path("<int:pk>/inscriptions/ajouter/", views.registration_add, name="registration_add"),
    path(
        "<int:pk>/inscriptions/<int:registration_pk>/presence/",
        views.registration_status,
        name="registration_status",
    ),
    path(
        "<int:pk>/inscriptions/<int:registration_pk>/annuler/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "<int:pk>/inscriptions/<int:registration_pk>/liste-attente/",
        views.registration_promote,
        name="registration_promote",
    ),
    path(
        "<int:pk>/questionnaire/creer/",
        views.satisfaction_create,
        name="satisfaction_create",
    ),
    path(
        "<int:pk>/questionnaire/envoyer/",
        views.satisfaction_send,
        name="satisfaction_send",
    ),
    path("<int:pk>/emargement.pdf", views.sign_in_sheet, name="sign_in_sheet"),
    path("<int:pk>/attestations.pdf", views.certificates, name="certificates"),
    path(
        "inscriptions/<int:registration_pk>/attestation.pdf",
        views.certificate,
        name="certificate",
    ),
    path("<int:pk>/export.<str:fmt>", views.workshop_export, name="export"),
    path("<int:pk>/accueil/", checkin_views.checkin, name="checkin"),
    path(
        "<int:pk>/accueil/<int:registration_pk>/", checkin_views.checkin_mark, name="checkin_mark"
    ),
    path("<int:pk>/accueil/sans-inscription/", checkin_views.walk_in_add, name="walk_in_add"),
    path(
        "<int:pk>/accueil/sans-inscription/<int:registration_pk>/supprimer/",
        checkin_views.walk_in_remove,
        name="walk_in_remove",
    ),
    path("structures-a-verifier/", training_views.review_list, name="review"),
    path(
        "structures-a-verifier/<int:registration_pk>/rattacher/",
        training_views.review_link,
        name="review_link",
    ),
    path(
        "structures-a-verifier/<int:registration_pk>/creer/",
        training_views.review_create,
        name="review_create",
    ),
    path("preparations/nouvelle/", training_views.training_create, name="training_create"),
    path("preparations/<int:pk>/", training_views.training_detail, name="training"),
    path("preparations/<int:pk>/modifier/", training_views.training_update, name="training_update"),
    path("preparations/export.<str:fmt>", training_views.trainings_export, name="trainings_export"),
    # Public pages (no account).
    path("p/", public_views.public_list, name="public_list"),
    path("p/agenda.ics", public_views.public_agenda, name="public_agenda"),
    path("p/agenda/<slug:kind>.ics", public_views.public_agenda, name="public_agenda_kind"),
    path("p/<uuid:key>/", public_views.public_workshop, name="public_workshop"),
    path("p/<uuid:key>/calendrier.ics", public_views.public_calendar, name="public_calendar"),
    path(
        "p/inscription/<str:token>/",
        public_views.public_registration,
        name="public_registration",
    ),
]
