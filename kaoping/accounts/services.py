"""Writes to accounts: users, role assignments and API tokens. Keyword-only, atomic, audited.

Secrets (passwords, token plaintexts) never reach an audit row, a log line or an exception message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from kaoping.accounts.models import ApiToken, RoleAssignment, User
from kaoping.accounts.roles import UNIT_SCOPED_ROLES, Cap, Role
from kaoping.accounts.scoping import forget, has_cap
from kaoping.common.audit import audit_record, diff, snapshot
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.common.validation import validate_model

TOKEN_PREFIX = "kp_"
TOKEN_DISPLAY_LENGTH = 10  # "kp_" + 7 characters, kept for display only
# last_used_at is refreshed at most this often, so a busy client costs one UPDATE per interval.
TOKEN_TOUCH_INTERVAL = dt.timedelta(minutes=5)

USER_AUDIT_FIELDS = ["username", "display_name", "phone", "is_active"]


@sensitive_variables("password")
def _check_password(password: str, user: User) -> None:
    if not password:
        raise ValidationFailed({"password": [_("请输入密码。")]})
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationFailed({"password": [str(m) for m in exc.messages]}) from None


# ------------------------------------------------------------------------------------------------ users


@sensitive_variables("password")
@transaction.atomic
def user_create(*, actor, username: str, display_name: str, password: str, phone: str = "") -> User:
    """Create an account with an initial password (checked by Django's password validators)."""
    username = (username or "").strip()
    user = User(username=username, display_name=(display_name or "").strip(), phone=(phone or "").strip())
    if username and User.objects.filter(username__iexact=username).exists():
        raise ValidationFailed({"username": [_("该用户名已被使用。")]})
    validate_model(user, exclude=["password"])
    _check_password(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise ValidationFailed({"username": [_("该用户名已被使用。")]}) from None
    audit_record(
        actor=actor, action=AuditEntry.Action.CREATE, obj=user, changes=snapshot(user, USER_AUDIT_FIELDS)
    )
    return user


@transaction.atomic
def user_update(
    *,
    actor,
    user: User,
    display_name: str | None = None,
    phone: str | None = None,
    is_active: bool | None = None,
) -> User:
    """Change a user's display name, phone or active flag. Nobody can deactivate their own account."""
    before = snapshot(user, USER_AUDIT_FIELDS)
    if display_name is not None:
        user.display_name = display_name.strip()
    if phone is not None:
        user.phone = phone.strip()
    if is_active is not None and is_active != user.is_active:
        if not is_active and actor is not None and actor.pk == user.pk:
            raise DomainError(_("不能停用自己的账号。"), code="self_deactivate", field="is_active")
        user.is_active = is_active
    validate_model(user, exclude=["password"])
    user.save()
    changes = diff(before, snapshot(user, USER_AUDIT_FIELDS))
    if changes:
        audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=user, changes=changes)
    return user


@sensitive_variables("password")
@transaction.atomic
def user_set_password(*, actor, user: User, password: str) -> User:
    """Reset a user's password (validated). The audit row says that it changed, never what to."""
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=user, note=_("重置密码"))
    return user


# ------------------------------------------------------------------------------------------------ roles


def _active_sysadmins_excluding(assignment: RoleAssignment) -> int:
    assigned = (
        RoleAssignment.objects.filter(role=Role.SYSADMIN, is_active=True, user__is_active=True)
        .exclude(pk=assignment.pk)
        .values_list("user_id", flat=True)
    )
    superusers = User.objects.filter(is_superuser=True, is_active=True).values_list("pk", flat=True)
    return len(set(assigned) | set(superusers))


@transaction.atomic
def role_assign(*, actor, user: User, role: str, unit=None) -> RoleAssignment:
    """Give ``user`` ``role``, over ``unit`` and its subtree (None = all units)."""
    if role not in Role.values:
        raise ValidationFailed({"role": [_("请选择有效的角色。")]})
    if role in UNIT_SCOPED_ROLES and unit is None:
        raise ValidationFailed({"unit": [_("单位联络员必须指定管辖单位。")]})
    if role == Role.SYSADMIN and unit is not None:
        raise ValidationFailed({"unit": [_("系统管理员不能限定单位，请留空。")]})
    if unit is not None and not unit.is_active:
        raise ValidationFailed({"unit": [_("所选单位已停用。")]})
    existing = RoleAssignment.objects.filter(user=user, role=role, unit=unit).first()
    if existing is not None and existing.is_active:
        raise ValidationFailed({"role": [_("该用户已拥有此角色（相同管辖范围）。")]})
    if existing is not None:
        existing.is_active = True
        existing.save(update_fields=["is_active"])
        assignment = existing
    else:
        assignment = RoleAssignment(user=user, role=role, unit=unit)
        try:
            with transaction.atomic():
                assignment.save()
        except IntegrityError:
            raise ValidationFailed({"role": [_("该用户已拥有此角色（相同管辖范围）。")]}) from None
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=assignment,
        changes={"user": user.username, "role": role, "unit": str(unit) if unit else ""},
    )
    forget(user)
    return assignment


@transaction.atomic
def role_remove(*, actor, assignment: RoleAssignment) -> None:
    """Remove a role assignment. The last active system administrator cannot be removed."""
    if (
        assignment.role == Role.SYSADMIN
        and assignment.is_active
        and _active_sysadmins_excluding(assignment) == 0
    ):
        raise DomainError(_("不能移除最后一位系统管理员。"), code="last_sysadmin", field="role")
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=assignment,
        changes={
            "user": assignment.user.username,
            "role": assignment.role,
            "unit": str(assignment.unit) if assignment.unit_id else "",
        },
    )
    user = assignment.user
    assignment.delete()
    forget(user)


# ----------------------------------------------------------------------------------------------- tokens


def hash_token(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


@sensitive_variables("plaintext")
@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``user``. Returns the row and the plaintext, which is shown once and never stored."""
    if not has_cap(user, Cap.API_TOKENS):
        raise DomainError(_("您没有使用接口令牌的权限。"), code="permission_denied")
    name = (name or "").strip()
    if not name:
        raise ValidationFailed({"name": [_("请填写令牌名称。")]})
    if ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
        raise ValidationFailed({"name": [_("已有同名的有效令牌，请换一个名称。")]})
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name, prefix=plaintext[:TOKEN_DISPLAY_LENGTH], key_hash=hash_token(plaintext)
    )
    validate_model(token)
    token.save()
    audit_record(
        actor=user,
        action=AuditEntry.Action.CREATE,
        obj=token,
        changes={"name": token.name, "prefix": token.prefix},
    )
    return token, plaintext


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke a token (idempotent). The row stays for the record."""
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action=AuditEntry.Action.DEACTIVATE, obj=token, note=_("撤销接口令牌"))
    return token


@sensitive_variables("plaintext")
def api_token_authenticate(*, plaintext: str) -> User | None:
    """The active user behind a valid, unrevoked token who still holds api.tokens; else None.

    Refreshes ``last_used_at`` with one conditional UPDATE at most every ``TOKEN_TOUCH_INTERVAL``.
    """
    if not plaintext or not plaintext.startswith(TOKEN_PREFIX) or len(plaintext) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(plaintext), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active or not has_cap(token.user, Cap.API_TOKENS):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOKEN_TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
