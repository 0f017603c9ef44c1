from django.urls import path

from ouverture.privacy import views

app_name = "privacy"

urlpatterns = [
    path("registre/", views.register, name="register"),
]
