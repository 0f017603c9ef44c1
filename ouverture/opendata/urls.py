from django.urls import path

from ouverture.opendata import views

app_name = "opendata"

urlpatterns = [
    path("public/", views.index, name="index"),
    path("public/subventions-<int:year>.csv", views.subsidies_csv, name="subsidies"),
    path("public/subventions.csv", views.latest_csv, name="subsidies_latest"),
    path("public/subventions.atom", views.subsidies_feed, name="subsidies_feed"),
]
