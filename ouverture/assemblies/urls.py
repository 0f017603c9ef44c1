from django.urls import path

from ouverture.assemblies import views

app_name = "assemblies"

urlpatterns = [
    path("", views.deliberation_list, name="deliberations"),
    path("<str:number>/", views.deliberation_detail, name="deliberation"),
    path("seances/<int:pk>/", views.sitting_detail, name="sitting"),
]
