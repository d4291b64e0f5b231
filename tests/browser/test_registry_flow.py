"""The cadre registry walked in a real browser: log in, unit tree, search a person, open the record,
download the import template, fill it and import it. Screenshots land in var/screenshots/."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kaoping.org.choices import Gender, PersonCategory, PoliticalStatus
from kaoping.org.models import Person
from tests.factories import id_number_for, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-123"  # tests.factories.make_user


def log_in(page, username: str) -> None:
    page.goto(reverse("accounts:login"))
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, "login failed"


def fill_template(path, rows: list[dict[str, object]]) -> None:
    """Write ``rows`` (header → value) under the header row of the downloaded template."""
    wb = load_workbook(path)
    ws = next(
        ws for ws in wb.worksheets if any(cell.value == "姓名" for row in ws.iter_rows() for cell in row)
    )
    header_row = next(row for row in ws.iter_rows() if any(cell.value == "姓名" for cell in row))
    columns = {str(cell.value).strip().lstrip("*").strip(): cell.column for cell in header_row if cell.value}
    first = header_row[0].row + 1
    # Clear any example rows the template carries.
    for row in ws.iter_rows(min_row=first, max_row=ws.max_row):
        for cell in row:
            cell.value = None
    for offset, data in enumerate(rows):
        for header, value in data.items():
            assert header in columns, f"template has no column {header!r}: {sorted(columns)}"
            cell = ws.cell(row=first + offset, column=columns[header], value=value)
            if header == "身份证号":
                cell.number_format = "@"
    wb.save(path)


def test_registry_flow(page, screenshot, tree, hr_admin, tmp_path):
    born = dt.date(1971, 1, 2)
    make_person(tree.office_secretariat, name="王晓明", birth_date=born, id_number=id_number_for(born, 11))
    make_person(tree.office, name="赵敏")
    make_person(tree.org_dept, name="钱多多")

    # 1. Log in as the HR administrator.
    page.goto(reverse("accounts:login"))
    screenshot("login")
    log_in(page, hr_admin.username)
    screenshot("home")

    # 2. The unit tree shows the hierarchy, with the sub-unit under its parent.
    page.goto(reverse("org:unit_tree"))
    tree_table = page.locator("table").first
    for name in ("中华全国总工会", "办公厅", "秘书处", "组织部", "中国工运研究所"):
        assert tree_table.get_by_role("link", name=name, exact=True).is_visible(), name
    screenshot("unit-tree")
    tree_table.get_by_role("link", name="办公厅", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("办公厅").first.is_visible()
    screenshot("unit-detail")

    # 3. Search the person list by name and open the record.
    page.goto(reverse("org:person_list"))
    for name in ("王晓明", "赵敏", "钱多多"):
        assert page.get_by_role("link", name=name, exact=True).count() == 1, name
    search = page.get_by_label(re.compile("姓名"))
    search.first.fill("王晓")
    search.first.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="))
    page.wait_for_load_state()
    assert page.get_by_role("link", name="王晓明", exact=True).count() == 1
    assert page.get_by_role("link", name="赵敏", exact=True).count() == 0
    screenshot("person-search")
    page.get_by_role("link", name="王晓明", exact=True).click()
    page.wait_for_load_state()
    person = Person.objects.get(name="王晓明")
    assert page.url.endswith(reverse("org:person_detail", args=[person.pk]))
    assert page.get_by_role("heading", name=re.compile("王晓明")).first.is_visible()
    assert page.get_by_text("秘书处").first.is_visible()
    screenshot("person-detail")

    # 4. Download the import template, fill in two people, import them.
    page.goto(reverse("org:import"))
    screenshot("import-page")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载导入模板").click()
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)
    new_people = [
        {
            "姓名": name,
            "性别": str(gender.label),
            "出生日期": birth,
            "身份证号": id_number_for(birth, serial),
            "政治面貌": str(PoliticalStatus.CPC.label),
            "单位代码": tree.office.code,
            "人员类别": str(PersonCategory.CIVIL_SERVICE_LIKE.label),
        }
        for name, gender, birth, serial in (
            ("孙导入", Gender.MALE, dt.date(1980, 5, 6), 21),
            ("李导入", Gender.FEMALE, dt.date(1985, 7, 8), 22),
        )
    ]
    fill_template(template, new_people)
    page.locator("input[type=file]").first.set_input_files(str(template))
    page.get_by_role("button", name="上传并导入").click()
    page.wait_for_load_state()
    # Small files are imported at once; larger ones in the background while the job page polls (htmx).
    page.get_by_text("导入成功：新增 2 人").wait_for()
    screenshot("import-result")
    imported = Person.objects.filter(name__in=["孙导入", "李导入"])
    assert sorted(imported.values_list("name", flat=True)) == ["孙导入", "李导入"]
    assert {p.unit_id for p in imported} == {tree.office.pk}

    # 5. The imported people are in the list.
    page.goto(reverse("org:person_list") + f"?unit={tree.office.pk}")
    assert page.get_by_role("link", name="孙导入", exact=True).count() == 1
    screenshot("person-list-after-import")
