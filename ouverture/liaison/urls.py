from django.urls import path

from ouverture.liaison import views

app_name = "liaison"
urlpatterns = [
    path("rendez-vous/", views.meeting_list, name="meetings"),
    path("rendez-vous/nouveau/", views.meeting_form, name="meeting_create"),
    path("rendez-vous/<int:pk>/", views.meeting_detail, name="meeting"),
    path("rendez-vous/<int:pk>/modifier/", views.meeting_form, name="meeting_update"),
    path("rendez-vous/<int:pk>/supprimer/", views.meeting_delete, name="meeting_delete"),
    path("valorisation/", views.event_list, name="events"),
    path("valorisation/nouveau/", views.event_form, name="event_create"),
    path("valorisation/<int:pk>/", views.event_detail, name="event"),
    path("valorisation/<int:pk>/modifier/", views.event_form, name="event_update"),
    path("valorisation/<int:pk>/supprimer/", views.event_delete, name="event_delete"),
    path("structures-rencontrees/nouvelle/", views.met_form, name="met_create"),
    path("structures-rencontrees/<int:pk>/modifier/", views.met_form, name="met_update"),
    path("structures-rencontrees/<int:pk>/supprimer/", views.met_delete, name="met_delete"),
]
