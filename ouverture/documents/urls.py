from django.urls import path

from ouverture.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("modeles/<slug:kind>/", views.template_download, name="template_download"),
    path("modeles/<slug:kind>/deposer/", views.template_upload, name="template_upload"),
    path("versions/<int:pk>/etat/", views.generation_status, name="generation_status"),
    path("versions/<int:pk>/fichier/", views.generation_download, name="download"),
    path("<slug:kind>/<int:pk>/", views.document_detail, name="detail"),
    path("<slug:kind>/<int:pk>/generer/", views.generate, name="generate"),
    path("<slug:kind>/<int:pk>/apercu/", views.preview, name="preview"),
    path("<slug:kind>/<int:pk>/textes/<slug:key>/", views.narrative_edit, name="narrative"),
    path("<slug:kind>/<int:pk>/chiffres/<str:code>/", views.figure_rows, name="figure_rows"),
]
