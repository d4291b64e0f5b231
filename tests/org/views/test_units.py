"""Unit tree browser and unit management through the services."""

from __future__ import annotations

from django.urls import reverse

from kaoping.common.models import AuditEntry
from kaoping.org import services
from kaoping.org.models import Unit
from tests.factories import make_unit


def test_tree_shows_units_with_counts(client_for, hr_admin, tree, people):
    response = client_for(hr_admin).get(reverse("org:unit_tree"))
    html = response.content.decode()
    for name in ("中华全国总工会", "办公厅", "秘书处", "组织部", "中国工运研究所"):
        assert name in html
    rows = {row["unit"].name: row for row in response.context["rows"]}
    assert rows["秘书处"]["unit"].people_count == 1
    assert rows["办公厅"]["unit"].people_count == 1
    assert rows["办公厅"]["total"] == 2  # itself + 秘书处
    assert rows["中华全国总工会"]["total"] == 3
    assert rows["秘书处"]["level"] == rows["办公厅"]["level"] + 1


def test_liaison_tree_is_own_subtree(client_for, liaison, tree, people):
    html = client_for(liaison).get(reverse("org:unit_tree")).content.decode()
    assert "办公厅" in html and "秘书处" in html
    assert "组织部" not in html and "中国工运研究所" not in html and "中华全国总工会" not in html


def test_inactive_units_only_with_all(client_for, hr_admin, tree):
    closed = make_unit("已撤销科", parent=tree.org_dept)
    services.unit_deactivate(actor=None, unit=closed)
    client = client_for(hr_admin)
    assert "已撤销科" not in client.get(reverse("org:unit_tree")).content.decode()
    html = client.get(reverse("org:unit_tree") + "?all=1").content.decode()
    assert "已撤销科" in html
    assert "text-decoration-line-through" in html


def test_unit_detail_lists_people_and_links_to_filtered_list(client_for, hr_admin, tree, people):
    html = client_for(hr_admin).get(reverse("org:unit_detail", args=[tree.office.pk])).content.decode()
    assert "秘书甲" in html and "主任丙" in html  # the subtree's people
    assert "组织乙" not in html
    assert f"{reverse('org:person_list')}?unit={tree.office.pk}" in html
    assert reverse("org:unit_edit", args=[tree.office.pk]) in html


def test_leader_sees_no_management_buttons(client_for, leader, tree):
    html = client_for(leader).get(reverse("org:unit_detail", args=[tree.office.pk])).content.decode()
    assert reverse("org:unit_edit", args=[tree.office.pk]) not in html
    assert reverse("org:unit_deactivate", args=[tree.office.pk]) not in html


def _unit_data(**overrides):
    data = {"name": "信息中心", "short_name": "", "code": "XXZX", "kind": "section", "category": "agency"}
    data["order"] = "0"
    data.update(overrides)
    return data


def test_create_child_unit(client_for, hr_admin, tree):
    response = client_for(hr_admin).post(
        reverse("org:unit_create_child", args=[tree.office.pk]), _unit_data()
    )
    unit = Unit.objects.get(code="XXZX")
    assert response.status_code == 302 and response.url == reverse("org:unit_detail", args=[unit.pk])
    assert unit.parent == tree.office
    assert unit.path == f"{tree.office.path}{unit.pk}/"
    assert AuditEntry.objects.filter(object_type="org.unit", object_id=str(unit.pk), actor=hr_admin).exists()


def test_create_unit_with_duplicate_code_shows_error(client_for, hr_admin, tree):
    response = client_for(hr_admin).post(
        reverse("org:unit_create_child", args=[tree.office.pk]), _unit_data(code="ZZB")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert Unit.objects.filter(code="ZZB").count() == 1


def test_create_under_inactive_parent_shows_service_message(client_for, hr_admin, tree):
    closed = make_unit("旧处", parent=tree.org_dept)
    services.unit_deactivate(actor=None, unit=closed)
    response = client_for(hr_admin).post(reverse("org:unit_create_child", args=[closed.pk]), _unit_data())
    assert response.status_code == 200
    assert "上级单位已停用" in response.content.decode()
    assert not Unit.objects.filter(code="XXZX").exists()


def test_edit_unit(client_for, hr_admin, tree):
    data = _unit_data(name="办公厅（新）", code="BGT", kind="department", category="civil_service_like")
    response = client_for(hr_admin).post(reverse("org:unit_edit", args=[tree.office.pk]), data)
    assert response.status_code == 302
    tree.office.refresh_from_db()
    assert tree.office.name == "办公厅（新）"
    entry = AuditEntry.objects.get(object_type="org.unit", object_id=str(tree.office.pk), action="update")
    assert entry.changes["name"] == ["办公厅", "办公厅（新）"]


def test_move_unit(client_for, hr_admin, tree):
    url = reverse("org:unit_move", args=[tree.office_secretariat.pk])
    response = client_for(hr_admin).post(url, {"parent": tree.org_dept.pk})
    assert response.status_code == 302
    tree.office_secretariat.refresh_from_db()
    assert tree.office_secretariat.parent == tree.org_dept
    assert tree.office_secretariat.path.startswith(tree.org_dept.path)


def test_move_into_own_subtree_is_refused_with_message(client_for, hr_admin, tree):
    url = reverse("org:unit_move", args=[tree.office.pk])
    response = client_for(hr_admin).post(url, {"parent": tree.office_secretariat.pk})
    assert response.status_code == 200
    assert "不能把单位移动到它自己或其下级单位之下" in response.content.decode()
    tree.office.refresh_from_db()
    assert tree.office.parent == tree.root


def test_deactivate_blocked_while_people_remain(client_for, hr_admin, tree, people):
    client = client_for(hr_admin)
    url = reverse("org:unit_deactivate", args=[tree.office_secretariat.pk])
    response = client.post(url, follow=True)
    assert "还有在职人员" in response.content.decode()
    tree.office_secretariat.refresh_from_db()
    assert tree.office_secretariat.is_active


def test_deactivate_and_reactivate(client_for, hr_admin, tree):
    client = client_for(hr_admin)
    detail = client.get(reverse("org:unit_detail", args=[tree.institute.pk])).content.decode()
    assert "data-confirm=" in detail  # the browser asks before deactivating
    response = client.post(reverse("org:unit_deactivate", args=[tree.institute.pk]), follow=True)
    assert "单位已停用。" in response.content.decode()
    tree.institute.refresh_from_db()
    assert not tree.institute.is_active
    client.post(reverse("org:unit_reactivate", args=[tree.institute.pk]))
    tree.institute.refresh_from_db()
    assert tree.institute.is_active


def test_deactivate_needs_post(client_for, hr_admin, tree):
    response = client_for(hr_admin).get(reverse("org:unit_deactivate", args=[tree.institute.pk]))
    assert response.status_code == 405
    tree.institute.refresh_from_db()
    assert tree.institute.is_active
