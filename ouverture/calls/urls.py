from django.urls import path

from ouverture.calls import views

app_name = "calls"

urlpatterns = [
    path("", views.call_list, name="list"),
    path("<int:pk>/tableau/", views.call_dashboard, name="dashboard"),
    path("public/<slug:code>/", views.scheme_page, name="scheme"),
    path("candidatures/", views.application_list, name="applications"),
    path("candidatures/nouvelle/", views.application_create, name="application_create"),
    path(
        "candidatures/<int:pk>/ajouter/<str:what>/", views.application_add, name="application_add"
    ),
    path("candidatures/<int:pk>/", views.application_detail, name="application"),
    path("candidatures/<int:pk>/etape/", views.application_move, name="application_move"),
    path(
        "candidatures/<int:pk>/pieces/",
        views.application_document_upload,
        name="application_document_upload",
    ),
    path(
        "candidatures/<int:pk>/pieces/<int:document_pk>/",
        views.application_document,
        name="application_document",
    ),
]
