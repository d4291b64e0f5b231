"""Units endpoints: list/detail/create/update, scoped like the UI."""

from __future__ import annotations

import pytest

from kaoping.common.models import AuditEntry
from kaoping.org.models import Unit
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


def test_list_is_in_tree_order_and_paginated(tree, hr_admin, api_for):
    api = api_for(hr_admin)
    response = api.get("/api/units/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5 and body["offset"] == 0 and body["limit"] == 50
    assert body["items"][0] == {
        "id": tree.root.pk,
        "name": "中华全国总工会",
        "short_name": "",
        "code": "ROOT",
        "kind": "organization",
        "category": "civil_service_like",
        "parent": None,
        "depth": 0,
        "order": 0,
        "is_active": True,
    }
    page2 = api.get("/api/units/", {"limit": 2, "page": 2}).json()
    assert page2["offset"] == 2 and len(page2["items"]) == 2
    by_offset = api.get("/api/units/", {"limit": 2, "offset": 2}).json()
    assert by_offset["items"] == page2["items"]


def test_list_filters(tree, hr_admin, api_for, sysadmin):
    from kaoping.org.services import unit_deactivate

    unit_deactivate(actor=sysadmin, unit=tree.institute)
    api = api_for(hr_admin)
    assert names(api.get("/api/units/", {"parent": tree.office.pk})) == ["秘书处"]
    assert "中国工运研究所" not in names(api.get("/api/units/"))
    assert names(api.get("/api/units/", {"active": "false"})) == ["中国工运研究所"]
    assert len(names(api.get("/api/units/", {"active": "all"}))) == 5
    assert names(api.get("/api/units/", {"q": "办公"})) == ["办公厅"]
    assert names(api.get("/api/units/", {"q": "bgt-msc"})) == ["秘书处"]


def test_liaison_sees_only_own_subtree(tree, liaison, api_for):
    api = api_for(liaison)
    assert names(api.get("/api/units/")) == ["办公厅", "秘书处"]
    assert api.get(f"/api/units/{tree.office_secretariat.pk}").status_code == 200
    other = api.get(f"/api/units/{tree.org_dept.pk}")
    missing = api.get("/api/units/999999")
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json() == {"detail": "未找到该记录，或您无权访问。"}


def test_hr_admin_creates_and_updates_a_unit(tree, hr_admin, api_for):
    api = api_for(hr_admin)
    response = api.post(
        "/api/units/",
        {"name": "宣传部", "code": "XCB", "parent": tree.root.pk, "kind": "department", "category": "agency"},
    )
    assert response.status_code == 201, response.content
    unit = Unit.objects.get(code="XCB")
    assert (
        response.json()["id"] == unit.pk and unit.parent == tree.root and unit.path.startswith(tree.root.path)
    )
    assert AuditEntry.objects.filter(object_type="org.unit", object_id=str(unit.pk), actor=hr_admin).exists()

    response = api.patch(f"/api/units/{unit.pk}", {"short_name": "宣传", "order": 3})
    assert response.status_code == 200
    assert response.json()["short_name"] == "宣传" and response.json()["name"] == "宣传部"

    moved = api.patch(f"/api/units/{unit.pk}", {"parent": tree.office.pk})
    assert (
        moved.status_code == 200 and moved.json()["parent"] == tree.office.pk and moved.json()["depth"] == 2
    )

    stopped = api.patch(f"/api/units/{unit.pk}", {"is_active": False})
    assert stopped.status_code == 200 and stopped.json()["is_active"] is False


def test_duplicate_code_is_422_with_field(tree, hr_admin, api_for):
    response = api_for(hr_admin).post("/api/units/", {"name": "重复", "code": "BGT", "parent": tree.root.pk})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "code" and "代码" in error["message"]


def test_deactivation_blocked_by_people_is_a_422_domain_error(tree, hr_admin, api_for):
    make_person(tree.office_secretariat)
    response = api_for(hr_admin).patch(f"/api/units/{tree.office.pk}", {"is_active": False})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["code"] == "unit_in_use" and "下级" in error["message"]
    assert Unit.objects.get(pk=tree.office.pk).is_active


def test_missing_required_field_is_422_in_chinese(tree, hr_admin, api_for):
    response = api_for(hr_admin).post("/api/units/", {"code": "X1", "parent": tree.root.pk})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"field": "name", "message": "此字段为必填项。", "code": "missing"}]
    }


def test_liaison_cannot_maintain_units(tree, liaison, api_for):
    api = api_for(liaison)
    assert (
        api.post("/api/units/", {"name": "新科", "code": "N1", "parent": tree.office.pk}).status_code == 403
    )
    assert api.patch(f"/api/units/{tree.office.pk}", {"name": "改名"}).status_code == 403
    assert Unit.objects.get(pk=tree.office.pk).name == "办公厅"


def test_leader_session_reads_but_gets_403_on_writes(tree, leader, client_for):
    # Leaders hold no api.tokens capability, so they use the API through the session.
    client = client_for(leader)
    assert client.get("/api/units/").status_code == 200
    assert client.get(f"/api/units/{tree.office.pk}").status_code == 200
    response = client.post(
        "/api/units/", {"name": "x", "code": "x", "parent": tree.root.pk}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "您没有执行此操作的权限。"}
    # 403 whatever the id: no existence oracle
    assert client.patch("/api/units/999999", {}, content_type="application/json").status_code == 403


def test_user_without_registry_access_gets_403(tree, marker, client_for):
    assert client_for(marker).get("/api/units/").status_code == 403
