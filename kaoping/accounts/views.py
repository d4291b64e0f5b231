"""Account pages: my API tokens (api.tokens) and user & role management (users.manage).

Thin views: authorise (404 for missing and not-yours, and for a missing capability), bind a form, call one
service, render or redirect.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from kaoping.accounts import selectors, services
from kaoping.accounts.forms import (
    PasswordResetForm,
    RoleAssignForm,
    TokenCreateForm,
    UserCreateForm,
    UserEditForm,
    apply_errors,
)
from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.common.errors import DomainError, NotFound, ValidationFailed


def _require(request, cap: str) -> None:
    if not has_cap(request.user, cap):
        raise NotFound(_("未找到该页面，或您无权访问。"))


# ----------------------------------------------------------------------------------------------- tokens


def token_list(request):
    """My tokens, and the form to create one. A created token's plaintext is shown on this response only."""
    _require(request, Cap.API_TOKENS)
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, plaintext = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationFailed as exc:
            apply_errors(form, exc.errors)
        else:
            response = render(
                request, "accounts/token_created.html", {"token": token, "plaintext": plaintext}
            )
            add_never_cache_headers(response)
            return response
    tokens = selectors.api_tokens_of(request.user)
    return render(request, "accounts/token_list.html", {"tokens": tokens, "form": form})


@require_POST
def token_revoke(request, token_id: int):
    _require(request, Cap.API_TOKENS)
    token = selectors.access_api_token(request.user, token_id)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("令牌“%(name)s”已撤销，使用它的请求将被拒绝。") % {"name": token.name})
    return redirect("accounts:token_list")


# ------------------------------------------------------------------------------------------------ users


def user_list(request):
    _require(request, Cap.USERS_MANAGE)
    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.user_list(q=q), settings.KAOPING_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page, "q": q})


@sensitive_post_parameters("password1", "password2")
def user_create(request):
    _require(request, Cap.USERS_MANAGE)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(
                actor=request.user,
                username=data["username"],
                display_name=data["display_name"],
                phone=data["phone"],
                password=data["password1"],
            )
        except ValidationFailed as exc:
            apply_errors(form, exc.errors)
        else:
            messages.success(request, _("已创建账号“%(name)s”，请为其分配角色。") % {"name": user.username})
            return redirect("accounts:user_detail", user_id=user.pk)
    return render(request, "accounts/user_create.html", {"form": form})


def _user_page(request, user, *, edit_form=None, role_form=None, status: int = 200):
    context = {
        "account": user,
        "roles": selectors.user_roles(user),
        "edit_form": edit_form
        or UserEditForm(
            initial={"display_name": user.display_name, "phone": user.phone, "is_active": user.is_active}
        ),
        "role_form": role_form or RoleAssignForm(),
    }
    return render(request, "accounts/user_detail.html", context, status=status)


def user_detail(request, user_id: int):
    """An account: edit its name/phone/active flag, see and change its role assignments."""
    _require(request, Cap.USERS_MANAGE)
    user = selectors.access_user(request.user, user_id)
    if request.method != "POST":
        return _user_page(request, user)
    form = UserEditForm(request.POST)
    if form.is_valid():
        try:
            services.user_update(actor=request.user, user=user, **form.cleaned_data)
        except ValidationFailed as exc:
            apply_errors(form, exc.errors)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("账号信息已保存。"))
            return redirect("accounts:user_detail", user_id=user.pk)
    user.refresh_from_db()
    return _user_page(request, user, edit_form=form, status=422)


@sensitive_post_parameters("password1", "password2")
def user_password(request, user_id: int):
    _require(request, Cap.USERS_MANAGE)
    user = selectors.access_user(request.user, user_id)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(actor=request.user, user=user, password=form.cleaned_data["password1"])
        except ValidationFailed as exc:
            apply_errors(form, exc.errors)
        else:
            messages.success(request, _("已重置“%(name)s”的密码。") % {"name": user.username})
            return redirect("accounts:user_detail", user_id=user.pk)
    return render(request, "accounts/user_password.html", {"account": user, "form": form})


@require_POST
def role_add(request, user_id: int):
    _require(request, Cap.USERS_MANAGE)
    user = selectors.access_user(request.user, user_id)
    form = RoleAssignForm(request.POST)
    if form.is_valid():
        try:
            services.role_assign(
                actor=request.user, user=user, role=form.cleaned_data["role"], unit=form.cleaned_data["unit"]
            )
        except ValidationFailed as exc:
            apply_errors(form, exc.errors)
        else:
            messages.success(request, _("已分配角色。"))
            return redirect("accounts:user_detail", user_id=user.pk)
    return _user_page(request, user, role_form=form, status=422)


@require_POST
def role_remove(request, assignment_id: int):
    _require(request, Cap.USERS_MANAGE)
    assignment = selectors.access_role_assignment(request.user, assignment_id)
    user_id = assignment.user_id
    try:
        services.role_remove(actor=request.user, assignment=assignment)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已移除角色。"))
    return redirect("accounts:user_detail", user_id=user_id)
