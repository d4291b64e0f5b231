"""accounts.services: users, role assignment rules, tokens."""

from __future__ import annotations

import pytest

from kaoping.accounts import services
from kaoping.accounts.models import ApiToken, RoleAssignment, User
from kaoping.accounts.roles import Cap, Role
from kaoping.accounts.scoping import scope_for
from kaoping.accounts.selectors import access_api_token, access_user, user_list
from kaoping.common.errors import DomainError, NotFound, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.org.services import unit_deactivate
from tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db

STRONG = "Kaoping-2025-strong!"


def test_user_create_validates_password_with_django_validators(sysadmin):
    with pytest.raises(ValidationFailed) as exc:
        services.user_create(actor=sysadmin, username="wang", display_name="王", password="12345678")
    assert set(exc.value.errors) == {"password"} and len(exc.value.errors["password"]) >= 2
    with pytest.raises(ValidationFailed) as exc:
        services.user_create(actor=sysadmin, username="wang", display_name="王", password="")
    assert exc.value.errors == {"password": ["请输入密码。"]}
    assert not User.objects.filter(username="wang").exists()


def test_user_create_rejects_blank_and_taken_usernames(sysadmin):
    with pytest.raises(ValidationFailed) as exc:
        services.user_create(actor=sysadmin, username=" ", display_name="", password=STRONG)
    assert "username" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        services.user_create(actor=sysadmin, username="SysAdmin", display_name="", password=STRONG)
    assert exc.value.errors == {"username": ["该用户名已被使用。"]}


def test_user_update_audits_the_diff(sysadmin):
    user = make_user("target", display_name="旧")
    services.user_update(actor=sysadmin, user=user, display_name="新")
    entry = AuditEntry.objects.get(object_type="accounts.user", object_id=str(user.pk), action="update")
    assert entry.changes == {"display_name": ["旧", "新"]} and entry.actor == sysadmin


@pytest.mark.parametrize(
    ("role", "with_unit", "field", "message"),
    [
        (Role.LIAISON, False, "unit", "单位联络员必须指定管辖单位。"),
        (Role.SYSADMIN, True, "unit", "系统管理员不能限定单位，请留空。"),
        ("boss", False, "role", "请选择有效的角色。"),
    ],
)
def test_role_assign_rules(tree, sysadmin, role, with_unit, field, message):
    user = make_user("target")
    with pytest.raises(ValidationFailed) as exc:
        services.role_assign(actor=sysadmin, user=user, role=role, unit=tree.office if with_unit else None)
    assert exc.value.errors == {field: [message]}
    assert not user.roles.exists()


def test_role_assign_refuses_inactive_unit(tree, sysadmin):
    unit = make_unit("临时机构", parent=tree.root)
    unit_deactivate(actor=sysadmin, unit=unit)
    with pytest.raises(ValidationFailed) as exc:
        services.role_assign(actor=sysadmin, user=make_user("t"), role=Role.LIAISON, unit=unit)
    assert exc.value.errors == {"unit": ["所选单位已停用。"]}


def test_role_assign_takes_effect_at_once_and_is_audited(tree, sysadmin):
    user = make_user("target")
    assert scope_for(user, Cap.ORG_VIEW) is None
    assignment = services.role_assign(actor=sysadmin, user=user, role=Role.LIAISON, unit=tree.office)
    assert scope_for(user, Cap.ORG_VIEW).unit_paths == (tree.office.path,)
    entry = AuditEntry.objects.get(object_type="accounts.roleassignment", object_id=str(assignment.pk))
    assert entry.changes == {"user": "target", "role": "liaison", "unit": "办公厅"}
    assignment_id = assignment.pk
    services.role_remove(actor=sysadmin, assignment=assignment)
    assert scope_for(user, Cap.ORG_VIEW) is None
    assert AuditEntry.objects.filter(object_id=str(assignment_id), action="delete").exists()


def test_same_role_over_different_units_is_allowed_but_not_twice(tree, sysadmin):
    user = make_user("target")
    services.role_assign(actor=sysadmin, user=user, role=Role.LIAISON, unit=tree.office)
    services.role_assign(actor=sysadmin, user=user, role=Role.LIAISON, unit=tree.org_dept)
    with pytest.raises(ValidationFailed):
        services.role_assign(actor=sysadmin, user=user, role=Role.LIAISON, unit=tree.office)
    assert user.roles.count() == 2


def test_inactive_assignment_is_reactivated_not_duplicated(tree, sysadmin):
    user = make_user("target")
    old = RoleAssignment.objects.create(user=user, role=Role.LEADER, is_active=False)
    again = services.role_assign(actor=sysadmin, user=user, role=Role.LEADER)
    assert again.pk == old.pk and again.is_active and user.roles.count() == 1


def test_a_second_sysadmin_can_be_removed_but_not_the_last(sysadmin):
    other = make_user("admin2", Role.SYSADMIN)
    services.role_remove(actor=sysadmin, assignment=other.roles.get())
    with pytest.raises(DomainError) as exc:
        services.role_remove(actor=sysadmin, assignment=sysadmin.roles.get())
    assert exc.value.code == "last_sysadmin"


def test_token_needs_the_capability_and_a_name(leader, hr_admin):
    with pytest.raises(DomainError):
        services.api_token_create(user=leader, name="x")
    with pytest.raises(ValidationFailed) as exc:
        services.api_token_create(user=hr_admin, name="  ")
    assert exc.value.errors == {"name": ["请填写令牌名称。"]}


def test_revoked_token_name_can_be_reused_and_revoke_is_idempotent(hr_admin):
    token, _ = services.api_token_create(user=hr_admin, name="同步")
    services.api_token_revoke(actor=hr_admin, token=token)
    first_revoked_at = token.revoked_at
    services.api_token_revoke(actor=hr_admin, token=token)
    assert token.revoked_at == first_revoked_at
    assert AuditEntry.objects.filter(object_id=str(token.pk), action="deactivate").count() == 1
    services.api_token_create(user=hr_admin, name="同步")
    assert ApiToken.objects.filter(user=hr_admin).count() == 2


def test_authenticate(hr_admin):
    _token, plaintext = services.api_token_create(user=hr_admin, name="x")
    assert services.api_token_authenticate(plaintext=plaintext) == hr_admin
    assert services.api_token_authenticate(plaintext="") is None
    assert services.api_token_authenticate(plaintext=plaintext[3:]) is None
    assert services.api_token_authenticate(plaintext=plaintext + "a") is None


def test_access_helpers(hr_admin, sysadmin):
    token, _ = services.api_token_create(user=hr_admin, name="x")
    assert access_api_token(hr_admin, token.pk) == token
    with pytest.raises(NotFound):
        access_api_token(sysadmin, token.pk)  # not even a sysadmin sees another user's tokens
    with pytest.raises(NotFound):
        access_api_token(hr_admin, "abc")
    assert access_user(sysadmin, hr_admin.pk) == hr_admin
    with pytest.raises(NotFound):
        access_user(hr_admin, sysadmin.pk)
    with pytest.raises(NotFound):
        access_user(sysadmin, 999999)


def test_user_list_search(hr_admin, sysadmin):
    assert list(user_list(q="组织部")) == [hr_admin]
    assert set(user_list()) == {hr_admin, sysadmin}
