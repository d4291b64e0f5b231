"""POST /api/people/import: a valid roster is saved; an invalid one returns every problem, saves nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from kaoping.org.models import Person
from tests.factories import id_number_for

pytestmark = pytest.mark.django_db

HEADER = ["姓名", "性别", "出生日期", "身份证号", "政治面貌", "单位代码", "人员类别"]


def xlsx(rows: list[list]) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = "干部名册"
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(
        "名册.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def good_row(name: str, unit_code: str, serial: int) -> list:
    birth = dt.date(1980, 1, serial)
    gender = "男" if serial % 2 else "女"  # the 17th digit of a 身份证号 carries the gender
    return [name, gender, birth.isoformat(), id_number_for(birth, serial), "中共党员", unit_code, "公务员"]


def test_valid_file_is_saved(tree, hr_admin, api_for):
    response = api_for(hr_admin).upload(
        "/api/people/import", {"file": xlsx([good_row("孙一", "BGT", 1), good_row("孙二", "ZZB", 2)])}
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"created": 2, "updated": 0, "unchanged": 0}
    assert set(Person.objects.values_list("name", flat=True)) == {"孙一", "孙二"}


def test_invalid_file_returns_problems_and_saves_nothing(tree, hr_admin, api_for):
    bad = good_row("孙三", "BGT", 3)
    bad[3] = bad[3][:17] + ("0" if bad[3][17] != "0" else "1")  # wrong check digit
    response = api_for(hr_admin).upload(
        "/api/people/import", {"file": xlsx([good_row("孙一", "BGT", 1), bad])}
    )
    assert response.status_code == 422
    problems = response.json()["detail"]
    assert problems and all(p["message"] for p in problems)
    assert {"row": 3, "field": "身份证号"}.items() <= problems[0].items()
    assert not Person.objects.exists()


def test_liaison_cannot_import_into_another_unit(tree, liaison, api_for):
    response = api_for(liaison).upload("/api/people/import", {"file": xlsx([good_row("孙四", "ZZB", 4)])})
    assert response.status_code == 422
    assert response.json()["detail"][0]["row"] == 2
    assert not Person.objects.exists()


def test_not_an_xlsx_is_422_on_file(tree, hr_admin, api_for):
    upload = SimpleUploadedFile("名册.csv", b"a,b\n", content_type="text/csv")
    response = api_for(hr_admin).upload("/api/people/import", {"file": upload})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"row": None, "field": "file", "message": "请上传 .xlsx 格式的 Excel 文件。"}
    ]


def test_missing_file_is_422(tree, hr_admin, api_for):
    response = api_for(hr_admin).upload("/api/people/import", {})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "file"


def test_leader_cannot_import(tree, leader, client_for):
    response = client_for(leader).post("/api/people/import", {"file": xlsx([good_row("孙五", "BGT", 5)])})
    assert response.status_code == 403
    assert not Person.objects.exists()
