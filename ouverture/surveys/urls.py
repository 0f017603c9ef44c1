from django.urls import path

from ouverture.surveys import campaign_views, public, results_views, views

app_name = "surveys"
urlpatterns = [
    path("", views.questionnaire_list, name="list"),
    path("nouveau/", views.questionnaire_create, name="create"),
    path("<int:pk>/", views.questionnaire_detail, name="detail"),
    path("<int:pk>/modifier/", views.questionnaire_update, name="update"),
    path("<int:pk>/supprimer/", views.questionnaire_delete, name="delete"),
    path("<int:pk>/ouvrir/", views.questionnaire_open, name="open"),
    path("<int:pk>/clore/", views.questionnaire_close, name="close"),
    path("<int:pk>/apercu/", views.preview, name="preview"),
    path("<int:pk>/campagne/", campaign_views.campaign_detail, name="campaign"),
    path("<int:pk>/campagne/modifier/", campaign_views.campaign_form, name="campaign_update"),
    path(
        "<int:pk>/campagne/reponses/<int:response_pk>/ecarter/",
        campaign_views.response_exclude,
        name="response_exclude",
    ),
    path(
        "<int:pk>/campagne/reponses/<int:response_pk>/retenir/",
        campaign_views.response_restore,
        name="response_restore",
    ),
    path("<int:pk>/inviter/", views.invite, name="invite"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/renvoyer/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path("<int:pk>/saisir/", views.transcribe, name="transcribe"),
    path("<int:pk>/sections/ajouter/", views.section_add, name="section_add"),
    path(
        "<int:pk>/sections/<int:section_pk>/modifier/", views.section_update, name="section_update"
    ),
    path(
        "<int:pk>/sections/<int:section_pk>/supprimer/", views.section_delete, name="section_delete"
    ),
    path("<int:pk>/sections/<int:section_pk>/deplacer/", views.section_move, name="section_move"),
    path(
        "<int:pk>/sections/<int:section_pk>/questions/ajouter/",
        views.question_add,
        name="question_add",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/modifier/",
        views.question_update,
        name="question_update",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/supprimer/",
        views.question_delete,
        name="question_delete",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/deplacer/", views.question_move, name="question_move"
    ),
    path("<int:pk>/resultats/", results_views.results, name="results"),
    path("<int:pk>/resultats/<int:question_pk>.png", results_views.chart, name="chart"),
    path("<int:pk>/export.<str:fmt>", results_views.export, name="export"),
    # Public pages: no account needed.
    path("p/<str:token>/", public.answer_by_invitation, name="answer"),
    path("public/<str:key>/", public.answer_public, name="public"),
    path("public/<str:key>/merci/", public.public_thanks, name="public_thanks"),
]
