"""Screens for administrators: accounts, invitations, roles, memberships, deactivation."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouverture.accounts import users
from ouverture.accounts.forms import UserFilterForm, UserForm
from ouverture.accounts.models import User
from ouverture.accounts.services import SYSTEM_USERNAME
from ouverture.core import history
from ouverture.core.forms import apply_service_errors
from ouverture.core.permissions import require

PAGE_SIZE = 50


def _accounts():
    return User.objects.exclude(username=SYSTEM_USERNAME).select_related("membership__organisation")


@require_GET
def user_list(request):
    require(request.user, "accounts.manage_users")
    filters = UserFilterForm(request.GET or None)
    qs = _accounts()
    if filters.is_valid():
        data = filters.cleaned_data
        if data["q"]:
            q = data["q"].strip()
            qs = qs.filter(
                Q(first_name__icontains=q) | Q(last_name__icontains=q) | Q(email__icontains=q)
                | Q(username__icontains=q) | Q(membership__organisation__name__icontains=q)
            )  # fmt: skip
        if data["role"]:
            qs = qs.filter(role=data["role"])
        if data["active"]:
            qs = qs.filter(is_active=data["active"] == "1")
    page = Paginator(qs.order_by("last_name", "first_name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/user_list.html", {"page": page, "filters": filters})


def _form_values(form):
    data = dict(form.cleaned_data)
    return data.pop("organisation"), data


@require_http_methods(["GET", "POST"])
def user_invite(request):
    require(request.user, "accounts.manage_users")
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation, data = _form_values(form)
        try:
            user = users.invite_user(actor=request.user, organisation=organisation, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Compte créé ; une invitation est partie à {user.email}.")
            return redirect("users:detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form})


@require_GET
def user_detail(request, pk):
    require(request.user, "accounts.manage_users")
    account = get_object_or_404(_accounts(), pk=pk)
    membership = getattr(account, "membership", None)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "account": account,
            "organisation": membership.organisation if membership else None,
            "history_entries": history.entries(account),
        },
    )


@require_http_methods(["GET", "POST"])
def user_update(request, pk):
    require(request.user, "accounts.manage_users")
    account = get_object_or_404(_accounts(), pk=pk)
    membership = getattr(account, "membership", None)
    initial = {name: getattr(account, name) for name in users.PROFILE_FIELDS}
    initial["organisation"] = membership.organisation if membership else None
    form = UserForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        organisation, data = _form_values(form)
        try:
            users.update_user(account, actor=request.user, organisation=organisation, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Modifications enregistrées.")
            return redirect("users:detail", pk=account.pk)
    return render(request, "accounts/user_form.html", {"form": form, "account": account})


@require_POST
def user_set_active(request, pk, active):
    require(request.user, "accounts.manage_users")
    account = get_object_or_404(_accounts(), pk=pk)
    try:
        users.set_active(account, actor=request.user, active=active)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Compte réactivé." if active else "Compte désactivé.")
    return redirect("users:detail", pk=account.pk)


@require_POST
def user_resend(request, pk):
    require(request.user, "accounts.manage_users")
    account = get_object_or_404(_accounts(), pk=pk)
    try:
        users.resend_invitation(account, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Invitation renvoyée à {account.email}.")
    return redirect("users:detail", pk=account.pk)


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The invitation link (public: the signed token is the credential)."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("users:set_password_done")
    post_reset_login = False


class SetPasswordDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/set_password_done.html"
