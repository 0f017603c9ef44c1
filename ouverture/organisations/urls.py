from django.urls import path

from ouverture.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("nouvelle/", views.organisation_create, name="create"),
    path("communes/", views.commune_options, name="commune_options"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/modifier/", views.organisation_update, name="update"),
    path("<int:pk>/contacts/ajouter/", views.contact_add, name="contact_add"),
    path(
        "<int:pk>/contacts/<int:contact_pk>/modifier/", views.contact_update, name="contact_update"
    ),
    path(
        "<int:pk>/contacts/<int:contact_pk>/supprimer/", views.contact_delete, name="contact_delete"
    ),
]
