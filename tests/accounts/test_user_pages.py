"""User & role management pages (users.manage, i.e. sysadmin only)."""

from __future__ import annotations

import pytest

from kaoping.accounts.models import RoleAssignment, User
from kaoping.accounts.roles import Role
from kaoping.common.models import AuditEntry
from tests.factories import make_user

pytestmark = pytest.mark.django_db

STRONG = "Kaoping-2025-strong!"


def test_non_sysadmin_gets_404_everywhere(tree, hr_admin, liaison, leader, client_for):
    target = make_user("target")
    assignment = RoleAssignment.objects.create(user=target, role=Role.LEADER)
    for user in (hr_admin, liaison, leader):
        client = client_for(user)
        for path in (
            "/accounts/users/",
            "/accounts/users/new/",
            f"/accounts/users/{target.pk}/",
            f"/accounts/users/{target.pk}/password/",
        ):
            assert client.get(path).status_code == 404, (user, path)
        assert client.post(f"/accounts/users/{target.pk}/roles/", {"role": "hr_admin"}).status_code == 404
        assert client.post(f"/accounts/roles/{assignment.pk}/remove/").status_code == 404
    assert list(target.roles.values_list("role", flat=True)) == [Role.LEADER]


def test_anonymous_is_sent_to_login(client):
    assert client.get("/accounts/users/").status_code == 302


def test_list_shows_users_with_roles_and_searches(tree, sysadmin, liaison, hr_admin, client_for):
    client = client_for(sysadmin)
    html = client.get("/accounts/users/").content.decode()
    assert "liaison" in html and "单位联络员 · 办公厅" in html and "组织人事管理员" in html
    found = client.get("/accounts/users/", {"q": "办公厅联络"}).content.decode()
    assert "liaison" in found and ">hr<" not in found


def test_list_query_count_is_pinned(tree, sysadmin, client_for, django_assert_num_queries):
    client = client_for(sysadmin)
    client.get("/accounts/users/")
    for n in range(8):
        make_user(f"u{n}", Role.LIAISON, unit=tree.office)
    # session + user + grants + count + page + roles (prefetch, with units)
    with django_assert_num_queries(6):
        response = client.get("/accounts/users/")
    assert response.status_code == 200 and "u7" in response.content.decode()


def test_create_user_with_validated_password(sysadmin, client_for):
    client = client_for(sysadmin)
    weak = client.post(
        "/accounts/users/new/",
        {"username": "zhang", "display_name": "张三", "password1": "123", "password2": "123"},
    )
    assert weak.status_code == 200 and not User.objects.filter(username="zhang").exists()
    assert "密码" in weak.content.decode()

    created = client.post(
        "/accounts/users/new/",
        {"username": "zhang", "display_name": "张三", "password1": STRONG, "password2": STRONG},
    )
    user = User.objects.get(username="zhang")
    assert created.status_code == 302 and created["Location"] == f"/accounts/users/{user.pk}/"
    assert user.check_password(STRONG) and user.display_name == "张三"
    entry = AuditEntry.objects.get(object_type="accounts.user", object_id=str(user.pk), action="create")
    assert STRONG not in str(entry.changes) and "password" not in entry.changes

    duplicate = client.post(
        "/accounts/users/new/",
        {"username": "ZHANG", "password1": STRONG, "password2": STRONG},
    )
    assert "该用户名已被使用。" in duplicate.content.decode()


def test_mismatched_passwords(sysadmin, client_for):
    response = client_for(sysadmin).post(
        "/accounts/users/new/", {"username": "li", "password1": STRONG, "password2": STRONG + "x"}
    )
    assert "两次输入的密码不一致。" in response.content.decode()


def test_edit_display_name_and_active(sysadmin, client_for):
    target = make_user("target")
    client = client_for(sysadmin)
    response = client.post(f"/accounts/users/{target.pk}/", {"display_name": "新名字", "phone": "123"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.display_name == "新名字" and not target.is_active  # unchecked box = deactivate


def test_sysadmin_cannot_deactivate_self(sysadmin, client_for):
    response = client_for(sysadmin).post(f"/accounts/users/{sysadmin.pk}/", {"display_name": "管理员"})
    assert response.status_code == 422 and "不能停用自己的账号。" in response.content.decode()
    sysadmin.refresh_from_db()
    assert sysadmin.is_active


def test_reset_password(sysadmin, client_for):
    target = make_user("target")
    client = client_for(sysadmin)
    assert client.get(f"/accounts/users/{target.pk}/password/").status_code == 200
    response = client.post(
        f"/accounts/users/{target.pk}/password/", {"password1": STRONG, "password2": STRONG}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.check_password(STRONG)
    entry = AuditEntry.objects.get(object_type="accounts.user", object_id=str(target.pk), note="重置密码")
    assert STRONG not in str(entry.changes)


def test_assign_and_remove_roles(tree, sysadmin, client_for):
    target = make_user("target")
    client = client_for(sysadmin)
    response = client.post(f"/accounts/users/{target.pk}/roles/", {"role": "liaison", "unit": tree.office.pk})
    assert response.status_code == 302
    assignment = target.roles.get()
    assert assignment.role == Role.LIAISON and assignment.unit == tree.office
    page = client.get(f"/accounts/users/{target.pk}/").content.decode()
    assert "办公厅" in page and f'action="/accounts/roles/{assignment.pk}/remove/"' in page
    assert "data-confirm=" in page

    assert client.post(f"/accounts/roles/{assignment.pk}/remove/").status_code == 302
    assert not target.roles.exists()


def test_liaison_needs_a_unit(sysadmin, client_for):
    target = make_user("target")
    response = client_for(sysadmin).post(f"/accounts/users/{target.pk}/roles/", {"role": "liaison"})
    assert response.status_code == 422
    assert "单位联络员必须指定管辖单位。" in response.content.decode()
    assert not target.roles.exists()


def test_duplicate_assignment_is_refused_in_chinese(tree, sysadmin, client_for):
    target = make_user("target", Role.HR_ADMIN)
    response = client_for(sysadmin).post(f"/accounts/users/{target.pk}/roles/", {"role": "hr_admin"})
    assert response.status_code == 422
    assert "该用户已拥有此角色（相同管辖范围）。" in response.content.decode()
    assert target.roles.count() == 1


def test_last_sysadmin_cannot_be_removed(sysadmin, client_for):
    assignment = sysadmin.roles.get()
    response = client_for(sysadmin).post(f"/accounts/roles/{assignment.pk}/remove/", follow=True)
    assert "不能移除最后一位系统管理员。" in response.content.decode()
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_unknown_user_is_404(sysadmin, client_for):
    assert client_for(sysadmin).get("/accounts/users/999999/").status_code == 404
