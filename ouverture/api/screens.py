"""Screens: "Mes jetons d'API" for everyone, service accounts for administrators.

Every write goes through api.services. A new key is shown on the page that answers the
creation POST, never stored, never put in a URL or a message.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.api import services
from ouverture.api.forms import ServiceAccountForm, TokenForm
from ouverture.api.models import ApiToken, ServiceAccount
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require


def _shown_once(request, token, key, back):
    response = render(request, "api/token_created.html", {"token": token, "key": key, "back": back})
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def token_list(request):
    require(request.user, "api.manage_own_tokens")
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "api/token_list.html", {"tokens": tokens})


@never_cache
@require_http_methods(["GET", "POST"])
def token_create(request):
    require(request.user, "api.manage_own_tokens")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, key = services.create_token(
                request.user, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return _shown_once(request, token, key, "api_tokens:list")
    return render(request, "api/token_form.html", {"form": form})


@require_POST
def token_revoke(request, pk):
    # Another person's token is a 404 (an administrator sees them all).
    scope = ApiToken.objects.all()
    if not request.user.has_perm("api.manage_service_accounts"):
        scope = scope.filter(user=request.user)
    token = get_object_or_404(scope, pk=pk)
    require(request.user, "api.revoke_token", token)
    try:
        services.revoke_token(token, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Jeton « {token.name} » révoqué : il ne vaut plus.")
    if token.user_id != request.user.pk:
        return redirect("api_tokens:service_accounts")
    return redirect("api_tokens:list")


@require_GET
def service_account_list(request):
    require(request.user, "api.manage_service_accounts")
    accounts = ServiceAccount.objects.select_related("user", "created_by").prefetch_related(
        "user__api_tokens"
    )
    return render(request, "api/service_accounts.html", {"accounts": accounts})


@require_http_methods(["GET", "POST"])
def service_account_create(request):
    require(request.user, "api.manage_service_accounts")
    form = ServiceAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.create_service_account(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Compte de service « {account} » créé.")
            return redirect("api_tokens:service_accounts")
    return render(request, "api/service_account_form.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def service_token_create(request, pk):
    require(request.user, "api.manage_service_accounts")
    account = get_object_or_404(ServiceAccount.objects.select_related("user"), pk=pk)
    form = TokenForm(request.POST or None, initial={"read_only": True, "days": 365})
    if request.method == "POST" and form.is_valid():
        try:
            token, key = services.create_token(
                account.user, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return _shown_once(request, token, key, "api_tokens:service_accounts")
    return render(request, "api/token_form.html", {"form": form, "account": account})
