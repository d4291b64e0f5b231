"""Import template (dropdowns, instructions) and export (filters, scope, formula neutralising, round trip)."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from kaoping.accounts.roles import Cap
from kaoping.common.models import AuditEntry
from kaoping.org.exporting import export_people, roster_template_bytes
from kaoping.org.importing_columns import ROSTER_COLUMNS
from kaoping.org.models import AnnualResult, Person
from kaoping.org.selectors import PersonFilter
from tests.factories import make_person, rank
from tests.org.io.helpers import idn


def _validations(ws) -> dict[str, str]:
    """Column letter → list formula of each list validation."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list":
            for rng in dv.sqref.ranges:
                out[rng.coord.split(":")[0].rstrip("0123456789")] = dv.formula1
    return out


def test_template_has_headers_dropdowns_and_instructions(tree, hr_admin):
    rank("chuzhang")
    wb = load_workbook(io.BytesIO(roster_template_bytes(hr_admin)))
    assert wb.sheetnames[:2] == ["干部名册", "填写说明"]
    ws = wb["干部名册"]
    headers = [cell.value for cell in ws[1]]
    assert headers[: len(ROSTER_COLUMNS)] == [col.header for col in ROSTER_COLUMNS]
    assert any(h and h.endswith("年度考核") for h in headers)
    lists = wb["选项"]
    assert lists.sheet_state == "hidden"
    validations = _validations(ws)
    options = {}
    for letter, formula in validations.items():
        column = formula.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
        options[headers[ord(letter) - 65]] = [c.value for c in lists[column] if c.value]
    assert options["性别"] == ["男", "女"]
    assert "中共党员" in options["政治面貌"] and "参公" in options["人员类别"]
    assert "处长" in options["职级"] and "副巡视员" in options["职级"]
    assert {"优秀", "称职", "基本称职"} <= set(next(v for k, v in options.items() if k.endswith("年度考核")))
    text = "\n".join(str(c.value) for c in wb["填写说明"]["A"])
    assert "必填" in text and "身份证号" in text and "年度考核" in text and "不保存任何数据" in text
    units = [r[0] for r in wb["单位列表"].iter_rows(min_row=2, values_only=True)]
    assert {"ROOT", "BGT", "BGT-MSC", "ZZB", "GYS"} <= set(units)


def test_liaison_template_lists_only_their_units(tree, liaison):
    wb = load_workbook(io.BytesIO(roster_template_bytes(liaison)))
    units = {r[0] for r in wb["单位列表"].iter_rows(min_row=2, values_only=True)}
    assert units == {"BGT", "BGT-MSC"}


def _rows(content: bytes) -> list[dict]:
    ws = load_workbook(io.BytesIO(content))["干部名册"]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_export_neutralises_formula_cells_and_keeps_full_id_number(tree, hr_admin):
    birth = dt.date(1970, 5, 1)
    make_person(
        tree.office,
        "=cmd|' /C calc'!A0",
        birth_date=birth,
        id_number=idn(birth),
        current_post="+SUM(1,2)",
        phone="-1+1",
        notes="@evil",
    )
    make_person(tree.office, "正常", native_place="\tTAB")
    exported = export_people(actor=hr_admin, flt=PersonFilter(sort="name"), filters={"q": ""})
    assert exported.count == 2
    ws = load_workbook(io.BytesIO(exported.content))["干部名册"]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
    rows = {r["身份证号"]: r for r in _rows(exported.content)}
    bad = rows[idn(birth)]
    assert bad["姓名"] == "'=cmd|' /C calc'!A0"
    assert bad["现任职务"] == "'+SUM(1,2)" and bad["联系电话"] == "'-1+1" and bad["备注"] == "'@evil"
    assert rows[None]["籍贯"] == "'\tTAB"


def test_export_respects_filters_and_is_audited(tree, hr_admin):
    chu, fu = rank("chuzhang"), rank("fu_chuzhang")
    make_person(tree.office, "甲", rank=chu, rank_start_date=dt.date(2005, 1, 1))
    make_person(tree.office_secretariat, "乙", rank=fu, rank_start_date=dt.date(2005, 1, 1))
    make_person(tree.org_dept, "丙", rank=fu, rank_start_date=dt.date(2005, 1, 1))
    flt = PersonFilter(unit_id=tree.office.pk, rank_id=fu.pk)
    exported = export_people(
        actor=hr_admin, flt=flt, filters={"unit": str(tree.office.pk), "rank": str(fu.pk)}
    )
    assert [r["姓名"] for r in _rows(exported.content)] == ["乙"]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.actor == hr_admin and entry.changes["count"] == 1
    assert entry.changes["filters"] == {"unit": str(tree.office.pk), "rank": str(fu.pk)}


def test_liaison_export_contains_only_their_subtree(tree, liaison):
    make_person(tree.office, "甲")
    make_person(tree.office_secretariat, "乙")
    make_person(tree.org_dept, "丙")
    make_person(tree.institute, "丁")
    exported = export_people(actor=liaison, flt=PersonFilter(sort="name"), filters={})
    assert sorted(r["姓名"] for r in _rows(exported.content)) == ["乙", "甲"]


def test_export_reimports_unchanged(tree, hr_admin, run_import):
    birth = dt.date(1966, 6, 6)
    person = make_person(
        tree.office,
        "往返",
        birth_date=birth,
        id_number=idn(birth),
        notes="=1+1",
        phone="010-1234",
        native_place="北京",
    )
    AnnualResult.objects.create(person=person, year=2009, grade="excellent")
    make_person(tree.org_dept, "无证号")
    exported = export_people(actor=hr_admin, flt=PersonFilter(), filters={})
    rows = {r["姓名"]: r for r in _rows(exported.content)}
    assert rows["往返"]["2009年度考核"] == "优秀" and rows["无证号"]["2009年度考核"] is None
    assert rows["往返"]["单位代码"] == "BGT" and rows["往返"]["出生日期"] == dt.datetime(1966, 6, 6)
    file = io.BytesIO(exported.content)
    file.name = "export.xlsx"
    result = run_import(file)
    assert result.is_saved, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    person.refresh_from_db()
    assert person.notes == "=1+1" and Person.objects.count() == 2


def test_export_scope_uses_the_export_capability(tree, leader):
    make_person(tree.org_dept, "丙")
    from kaoping.accounts.scoping import scope_for

    assert scope_for(leader, Cap.ORG_EXPORT).all_units
    exported = export_people(actor=leader, flt=PersonFilter(), filters={})
    assert exported.count == 1
