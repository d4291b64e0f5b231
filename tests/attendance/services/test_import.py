"""Sign-in sheet import: a good file, bad rows reported in Chinese and nothing half-imported."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kaoping.attendance import importing
from kaoping.attendance.models import SignIn
from kaoping.common.errors import ValidationFailed
from kaoping.common.models import AuditEntry
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def _xlsx(rows, header=importing.HEADERS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_template_has_the_headers():
    ws = load_workbook(io.BytesIO(importing.template_bytes())).worksheets[0]
    assert tuple(c.value for c in ws[1]) == importing.HEADERS


def test_good_file_is_imported(world, hr_admin):
    content = _xlsx(
        [
            ("办公厅", "王办公", dt.date(2018, 3, 5), "09:15:01", "11:00", dt.time(14, 50), "17:05"),
            ("", "李组织", "2018-03-05", "08:50", "11:10", "", ""),
            ("", "李组织", dt.datetime(2018, 3, 6), 0.375, None, None, None),  # Excel time fraction = 09:00
        ]
    )
    result = importing.signin_import(actor=hr_admin, content=content, filename="march.xlsx")
    assert (result.rows, result.people) == (3, 2)
    row = SignIn.objects.get(person=world.office_person)
    assert row.morning_in == dt.time(9, 15, 1) and row.source == SignIn.Source.IMPORT
    assert SignIn.objects.get(person=world.org_person, day=dt.date(2018, 3, 6)).morning_in == dt.time(9)
    assert AuditEntry.objects.filter(action="import", object_type="attendance.signin").count() == 1


def test_bad_rows_are_all_reported_and_nothing_is_saved(world, hr_admin, tree):
    make_person(tree.org_dept, "王办公")  # a namesake in another unit
    content = _xlsx(
        [
            ("组织部", "李组织", dt.date(2018, 3, 5), "08:50", "11:10", "14:50", "17:10"),  # fine
            ("", "王办公", dt.date(2018, 3, 5), "08:50", "", "", ""),  # ambiguous
            ("", "查无此人", dt.date(2018, 3, 5), "08:50", "", "", ""),
            ("组织部", "李组织", "三月五日", "08:50", "", "", ""),
            ("组织部", "李组织", dt.date(2018, 3, 7), "25:70", "", "", ""),
            ("组织部", "李组织", dt.date(2018, 3, 5), "08:50", "", "", ""),  # duplicate of row 2
            ("组织部", "李组织", dt.date(2019, 3, 5), "08:50", "", "", ""),  # no 2019 settings
        ]
    )
    with pytest.raises(ValidationFailed) as exc:
        importing.signin_import(actor=hr_admin, content=content)
    messages = exc.value.errors["file"]
    assert any(m.startswith("第3行：有多名“王办公”") for m in messages)
    assert any(m.startswith("第4行：未找到人员") for m in messages)
    assert any(m.startswith("第5行：日期格式不正确") for m in messages)
    assert any(m.startswith("第6行：上午签到时间格式不正确") for m in messages)
    assert any(m.startswith("第7行：与第2行重复") for m in messages)
    assert SignIn.objects.count() == 0


def test_rows_failing_at_save_roll_back_the_whole_file(world, hr_admin):
    content = _xlsx(
        [
            ("组织部", "李组织", dt.date(2018, 3, 5), "08:50", "11:10", "14:50", "17:10"),
            ("组织部", "李组织", dt.date(2019, 3, 5), "08:50", "", "", ""),
            ("组织部", "李组织", dt.date(2018, 3, 6), "10:00", "09:00", "", ""),
        ]
    )
    with pytest.raises(ValidationFailed) as exc:
        importing.signin_import(actor=hr_admin, content=content)
    messages = exc.value.errors["file"]
    assert any(m.startswith("第3行：") and "2019年度考勤" in m for m in messages)
    assert any(m.startswith("第4行：上午签退时间不能早于签到时间") for m in messages)
    assert SignIn.objects.count() == 0


def test_wrong_header_and_unreadable_file(world, hr_admin):
    with pytest.raises(ValidationFailed, match="表头应为"):
        importing.signin_import(actor=hr_admin, content=_xlsx([], header=("姓名", "日期")))
    with pytest.raises(ValidationFailed, match="无法读取文件"):
        importing.signin_import(actor=hr_admin, content=b"not a workbook")


def test_liaison_cannot_import_and_hr_page_reports_rows(world, hr_admin, liaison, client_for):
    url = reverse("attendance:signin_import")
    assert client_for(liaison).get(url).status_code == 404
    client = client_for(hr_admin)
    upload = io.BytesIO(_xlsx([("", "查无此人", dt.date(2018, 3, 5), "08:50", "", "", "")]))
    upload.name = "bad.xlsx"
    html = client.post(url, {"file": upload}).content.decode()
    assert "第2行：未找到人员" in html
    upload = io.BytesIO(_xlsx([("", "李组织", dt.date(2018, 3, 5), "08:50", "", "", "")]))
    upload.name = "good.xlsx"
    assert client.post(url, {"file": upload}).status_code == 302
    assert SignIn.objects.count() == 1
