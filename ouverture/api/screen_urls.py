from django.urls import path

from ouverture.api import screens

app_name = "api_tokens"
urlpatterns = [
    path("", screens.token_list, name="list"),
    path("nouveau/", screens.token_create, name="create"),
    path("<int:pk>/revoquer/", screens.token_revoke, name="revoke"),
    path("comptes-de-service/", screens.service_account_list, name="service_accounts"),
    path(
        "comptes-de-service/nouveau/", screens.service_account_create, name="service_account_create"
    ),
    path("comptes-de-service/<int:pk>/jeton/", screens.service_token_create, name="service_token"),
]
