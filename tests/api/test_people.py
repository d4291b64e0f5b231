"""People endpoints: list/detail/create/update, scoping, 422 bodies, pinned query count."""

from __future__ import annotations

import datetime as dt

import pytest

from kaoping.common.models import AuditEntry
from kaoping.org import services
from kaoping.org.models import Person
from tests.factories import id_number_for, make_person, rank

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree):
    return {
        "office": make_person(tree.office, "王办公", current_post="副主任"),
        "secretariat": make_person(tree.office_secretariat, "李秘书"),
        "org": make_person(tree.org_dept, "赵组织", category="civil_servant"),
    }


def person_body(in_unit, **overrides):
    body = {
        "name": "张新",
        "gender": "M",
        "birth_date": "1985-03-04",
        "unit": in_unit.pk,
        "category": "civil_servant",
        "id_number": id_number_for(dt.date(1985, 3, 4), 17),
    }
    body.update(overrides)
    return body


def item_names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


def test_list_returns_visible_people_with_masked_id_numbers(people, hr_admin, api_for):
    response = api_for(hr_admin).get("/api/people/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    first = body["items"][0]
    assert set(first) == {
        "id",
        "name",
        "gender",
        "birth_date",
        "id_number_masked",
        "unit",
        "current_post",
        "rank",
        "rank_start_date",
        "post_start_date",
        "category",
        "is_active",
    }
    assert first["unit"]["name"] and first["rank"]["name"] == "处长"
    assert dt.date.fromisoformat(first["birth_date"])


def test_list_filters_follow_person_list_semantics(tree, people, hr_admin, api_for):
    api = api_for(hr_admin)
    assert item_names(api.get("/api/people/", {"unit": tree.office.pk, "sort": "name"})) == sorted(
        ["王办公", "李秘书"]
    )
    assert item_names(api.get("/api/people/", {"q": "副主任"})) == ["王办公"]
    assert item_names(api.get("/api/people/", {"category": "civil_servant"})) == ["赵组织"]
    assert api.get("/api/people/", {"rank": rank("chuzhang").pk}).json()["count"] == 3
    services.person_set_active(actor=None, person=people["org"], is_active=False)
    assert "赵组织" not in item_names(api.get("/api/people/"))
    assert item_names(api.get("/api/people/", {"active": "false"})) == ["赵组织"]
    assert api.get("/api/people/", {"active": "all"}).json()["count"] == 3
    assert api.get("/api/people/", {"limit": 1, "page": 2}).json()["offset"] == 1


def test_list_query_count_is_constant(tree, hr_admin, api_for, django_assert_num_queries):
    api = api_for(hr_admin)
    for _ in range(3):
        make_person(tree.office)
    api.get("/api/people/")  # warms the token's last_used_at
    # token + role grants + count + page (unit and rank joined)
    with django_assert_num_queries(4):
        small = api.get("/api/people/")
    for _ in range(10):
        make_person(tree.org_dept)
    with django_assert_num_queries(4):
        large = api.get("/api/people/")
    assert small.json()["count"] == 3 and large.json()["count"] == 13


def test_detail_includes_history_arrays(people, hr_admin, api_for):
    person = people["office"]
    services.history_add(actor=None, person=person, record_kind="result", year=2023, grade="excellent")
    services.history_add(
        actor=None, person=person, record_kind="rank", rank=rank("chuzhang"), start_date=dt.date(2005, 7, 1)
    )
    body = api_for(hr_admin).get(f"/api/people/{person.pk}").json()
    assert body["name"] == "王办公" and body["id_number"] == person.id_number
    assert body["results"] == [
        {"id": body["results"][0]["id"], "year": 2023, "grade": "excellent", "note": ""}
    ]
    assert body["ranks"][0]["rank"]["name"] == "处长" and body["ranks"][0]["start_date"] == "2005-07-01"
    for key in ("secondments", "trainings", "sanctions", "resume"):
        assert body[key] == []


def test_create_person(tree, hr_admin, api_for):
    response = api_for(hr_admin).post(
        "/api/people/",
        person_body(tree.office, rank=rank("chuzhang").pk, rank_start_date="2015-01-01"),
    )
    assert response.status_code == 201, response.content
    person = Person.objects.get(name="张新")
    assert (
        response.json()["id"] == person.pk and person.unit == tree.office and person.rank.code == "chuzhang"
    )
    assert AuditEntry.objects.filter(
        object_type="org.person", object_id=str(person.pk), actor=hr_admin
    ).exists()


def test_bad_id_number_check_digit_is_422_with_field_and_chinese_message(tree, hr_admin, api_for):
    good = id_number_for(dt.date(1985, 3, 4), 17)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    response = api_for(hr_admin).post("/api/people/", person_body(tree.office, id_number=bad))
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"field": "id_number", "message": "身份证号校验位不正确，请核对。", "code": "invalid"}]
    }
    assert not Person.objects.filter(name="张新").exists()


def test_bad_date_is_422_with_field_and_chinese_message(tree, hr_admin, api_for):
    response = api_for(hr_admin).post("/api/people/", person_body(tree.office, birth_date="1985-02-30"))
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "birth_date"
    assert error["message"] == "日期格式不正确，应为 YYYY-MM-DD 格式的有效日期。"


def test_model_rule_is_422_on_its_field(tree, hr_admin, api_for):
    response = api_for(hr_admin).post("/api/people/", person_body(tree.office, rank=rank("chuzhang").pk))
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "rank_start_date"
    assert response.json()["detail"][0]["message"] == "填写了职级时，请同时填写任职级时间。"


def test_invalid_json_is_answered_in_chinese(hr_admin, api_for):
    api = api_for(hr_admin)
    response = api.client.post("/api/people/", "{oops", content_type="application/json", headers=api.headers)
    assert response.status_code == 400
    assert response.json() == {"detail": "请求内容无法解析，请检查 JSON 格式。"}


def test_patch_changes_only_given_fields(people, hr_admin, api_for):
    person = people["office"]
    api = api_for(hr_admin)
    response = api.patch(f"/api/people/{person.pk}", {"current_post": "主任", "phone": None})
    assert response.status_code == 200, response.content
    person.refresh_from_db()
    assert person.current_post == "主任" and person.name == "王办公" and person.phone == ""

    cleared = api.patch(f"/api/people/{person.pk}", {"rank": None, "rank_start_date": None})
    assert cleared.status_code == 200 and cleared.json()["rank"] is None

    retired = api.patch(f"/api/people/{person.pk}", {"is_active": False})
    assert retired.status_code == 200 and retired.json()["is_active"] is False


def test_patch_validation_error_rolls_back(people, hr_admin, api_for):
    person = people["office"]
    response = api_for(hr_admin).patch(
        f"/api/people/{person.pk}", {"current_post": "主任", "work_start_date": "1900-01-01"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "work_start_date"
    person.refresh_from_db()
    assert person.current_post == "副主任"


# ------------------------------------------------------------------------------------ scoping by role


def test_liaison_list_contains_only_own_subtree(people, liaison, api_for):
    response = api_for(liaison).get("/api/people/")
    assert sorted(item_names(response)) == sorted(["王办公", "李秘书"])
    assert api_for(liaison).get("/api/people/", {"q": "赵"}).json()["count"] == 0


def test_liaison_unit_filter_outside_scope_gives_nothing(tree, people, liaison, api_for):
    assert api_for(liaison).get("/api/people/", {"unit": tree.org_dept.pk}).json()["count"] == 0


def test_liaison_detail_and_update_of_another_units_person_are_404(people, liaison, api_for):
    api = api_for(liaison)
    other = people["org"]
    assert api.get(f"/api/people/{people['secretariat'].pk}").status_code == 200
    for response in (
        api.get(f"/api/people/{other.pk}"),
        api.patch(f"/api/people/{other.pk}", {"current_post": "x"}),
        api.get("/api/people/999999"),
        api.patch("/api/people/999999", {"current_post": "x"}),
    ):
        assert response.status_code == 404
        assert response.json() == {"detail": "未找到该记录，或您无权访问。"}
    other.refresh_from_db()
    assert other.current_post == ""


def test_liaison_create_into_another_unit_is_422_on_unit(tree, liaison, api_for):
    api = api_for(liaison)
    for unit_id in (tree.org_dept.pk, 999999):  # not yours and missing read the same
        response = api.post("/api/people/", person_body(tree.org_dept, unit=unit_id))
        assert response.status_code == 422
        assert response.json()["detail"] == [
            {"field": "unit", "message": "未找到该单位，或该单位不在您的管辖范围内。", "code": "invalid"}
        ]
    assert api.post("/api/people/", person_body(tree.office_secretariat)).status_code == 201


def test_liaison_cannot_move_a_person_out_of_scope(tree, people, liaison, api_for):
    person = people["office"]
    response = api_for(liaison).patch(f"/api/people/{person.pk}", {"unit": tree.org_dept.pk})
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "unit"
    person.refresh_from_db()
    assert person.unit == tree.office


def test_leader_reads_but_writes_are_403(tree, people, leader, client_for):
    client = client_for(leader)
    assert client.get("/api/people/").json()["count"] == 3
    assert client.get(f"/api/people/{people['org'].pk}").status_code == 200
    create = client.post("/api/people/", person_body(tree.office), content_type="application/json")
    patch = client.patch(f"/api/people/{people['org'].pk}", {"name": "x"}, content_type="application/json")
    assert create.status_code == patch.status_code == 403
    assert patch.json() == {"detail": "您没有执行此操作的权限。"}
    assert Person.objects.get(pk=people["org"].pk).name == "赵组织"
