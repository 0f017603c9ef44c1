from django.urls import path

from ouverture.accounts import user_views as views

app_name = "users"

urlpatterns = [
    path("utilisateurs/", views.user_list, name="list"),
    path("utilisateurs/inviter/", views.user_invite, name="invite"),
    path("utilisateurs/<int:pk>/", views.user_detail, name="detail"),
    path("utilisateurs/<int:pk>/modifier/", views.user_update, name="update"),
    path(
        "utilisateurs/<int:pk>/desactiver/",
        views.user_set_active,
        {"active": False},
        name="deactivate",
    ),  # fmt: skip
    path(
        "utilisateurs/<int:pk>/reactiver/",
        views.user_set_active,
        {"active": True},
        name="reactivate",
    ),  # fmt: skip
    path("utilisateurs/<int:pk>/renvoyer-invitation/", views.user_resend, name="resend"),
    # Public: the invitation link, opened before the person has a password.
    path(
        "p/mot-de-passe/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"
    ),  # fmt: skip
    path(
        "p/mot-de-passe/termine/", views.SetPasswordDoneView.as_view(), name="set_password_done"
    ),  # fmt: skip
]
