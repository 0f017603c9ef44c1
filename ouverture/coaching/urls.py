from django.urls import path

from ouverture.coaching import views

app_name = "coaching"
urlpatterns = [
    path("suivis/<int:pk>/", views.follow_up_detail, name="follow_up"),
]
