"""Roster import: valid files save (create / upsert), every problem is reported, bad files save nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from kaoping.common.models import AuditEntry
from kaoping.org import choices as c
from kaoping.org.importing import ImportProblem
from kaoping.org.models import AnnualResult, Person
from tests.factories import make_person, rank
from tests.org.io.helpers import HEADERS, idn, roster, row

D = dt.date


def test_valid_file_creates_people_with_audit(run_import, tree, hr_admin):
    rows = [row(name="张三"), row(name="李四", gender="女", birth=D(1975, 3, 2), unit="BGT-MSC")]
    result = run_import(roster(rows))
    assert result.is_saved and result.errors == []
    assert (result.created, result.updated) == (2, 0)
    li = Person.objects.get(name="李四")
    assert li.gender == c.Gender.FEMALE and li.unit == tree.office_secretariat
    assert li.rank.name == "处长" and li.rank_start_date == D(2008, 1, 1)
    assert li.political_status == c.PoliticalStatus.CPC and li.category == c.PersonCategory.CIVIL_SERVICE_LIKE
    assert li.ethnicity == "汉族" and li.is_active
    summary = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT)
    assert summary.changes["created"] == 2 and summary.changes["file"] == "名册.xlsx"
    assert summary.actor == hr_admin
    per_person = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="org.person")
    assert per_person.filter(object_id=str(li.pk), object_repr="李四").exists()


def test_upsert_by_id_number_updates_and_moves(run_import, tree):
    birth = D(1970, 5, 1)
    person = make_person(tree.office, "张三", birth_date=birth, id_number=idn(birth))
    result = run_import(roster([row(name="张三", birth=birth, unit="ZZB", rank="调研员")]))
    assert result.is_saved and (result.created, result.updated) == (0, 1)
    person.refresh_from_db()
    assert person.unit == tree.org_dept and person.rank.name == "调研员"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, object_id=str(person.pk))
    assert entry.changes["单位"] == ["办公厅", "组织部"]
    assert entry.changes["职级"] == ["处长", "调研员"]


def test_upsert_by_name_birth_and_unit_when_no_id_number(run_import, tree):
    birth = D(1968, 2, 3)
    person = make_person(tree.office, "王五", birth_date=birth)
    result = run_import(roster([row(name="王五", birth=birth, id_number="", rank="副处长")]))
    assert result.is_saved and (result.created, result.updated) == (0, 1)
    person.refresh_from_db()
    assert person.rank.name == "副处长"
    # The same name and birth date in another unit is a different person.
    result = run_import(roster([row(name="王五", birth=birth, id_number="", unit="ZZB")]))
    assert result.created == 1
    assert Person.objects.filter(name="王五").count() == 2


def test_row_with_new_id_number_fills_a_person_recorded_without_one(run_import, tree):
    birth = D(1968, 2, 3)
    person = make_person(tree.office, "王五", birth_date=birth)
    result = run_import(roster([row(name="王五", birth=birth)]))
    assert (result.created, result.updated) == (0, 1)
    person.refresh_from_db()
    assert person.id_number == idn(birth)


def test_unchanged_rows_count_as_unchanged_and_blank_id_keeps_the_recorded_one(run_import, tree):
    birth = D(1970, 5, 1)
    run_import(roster([row(birth=birth)]))
    again = run_import(roster([row(birth=birth)]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    blank_id = run_import(roster([row(birth=birth, id_number="")]))
    assert blank_id.unchanged == 1
    assert Person.objects.get().id_number == idn(birth)


def test_annual_result_columns_upsert_results(run_import, tree):
    headers = (*HEADERS, "2008年度考核", "2009年度考核", "2010年度考核")
    first = run_import(roster([[*row(), "称职", "优秀", None]], headers=headers))
    assert first.is_saved
    person = Person.objects.get()
    assert dict(person.annualresults.values_list("year", "grade")) == {2008: "competent", 2009: "excellent"}
    second = run_import(roster([[*row(), None, "称职", "称职"]], headers=headers))
    assert (second.created, second.updated) == (0, 1)
    assert dict(person.annualresults.values_list("year", "grade")) == {
        2008: "competent",  # blank cell: unchanged
        2009: "competent",
        2010: "competent",
    }
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, object_id=str(person.pk)).get()
    assert entry.changes["2009年度考核"] == ["优秀", "称职"]
    assert entry.changes["2010年度考核"] == [None, "称职"]


def test_all_columns_and_text_formats(run_import, tree):
    headers = (
        "姓名",
        "性别",
        "出生日期",
        "民族",
        "籍贯",
        "身份证号",
        "政治面貌",
        "全日制学历",
        "全日制学位",
        "在职学历",
        "在职学位",
        "参加工作时间",
        "单位名称",
        "现任职务",
        "职级",
        "任职级时间",
        "任现职时间",
        "人员类别",
        "健康状况",
        "联系电话",
        "在职",
        "备注",
    )
    birth = D(1972, 12, 31)
    values = [
        "赵六",
        "女",
        "1972.12.31",
        "回族",
        "北京",
        idn(birth, male=False).lower(),
        "民主党派",
        "大学本科",
        "学士",
        "研究生（硕士）",
        "硕士",
        "1995年7月1日",
        "组织部",
        "干部处处长",
        "处长",
        "2009/03/01",
        "2009-03",
        "公务员",
        "健康",
        13800000000,
        "否",
        "'=说明",
    ]
    result = run_import(roster([values], headers=headers))
    assert result.is_saved, result.errors
    p = Person.objects.get()
    assert p.id_number == idn(birth, male=False)  # upper-cased
    assert p.work_start_date == D(1995, 7, 1) and p.post_start_date == D(2009, 3, 1)
    assert p.unit == tree.org_dept and p.phone == "13800000000" and not p.is_active
    assert p.notes == "=说明"  # the apostrophe an export adds is taken off again
    assert p.education_parttime == c.Education.MASTERS and p.health == c.HealthStatus.HEALTHY


def errors_of(result) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.message) for p in result.errors]


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"name": ""}, "姓名", "“姓名”为必填项，不能为空。"),
        ({"gender": "男性"}, "性别", "“男性”不是有效的性别，可选：男、女。"),
        ({"birth": "1970-13-01"}, "出生日期", "“1970-13-01”不是有效日期，请按 1975-03-01 格式填写。"),
        ({"birth": "明年"}, "出生日期", "“明年”不是有效日期，请按 1975-03-01 格式填写。"),
        ({"political": "党员"}, "政治面貌", "“党员”不是有效的政治面貌"),
        ({"category": "干部"}, "人员类别", "“干部”不是有效的人员类别"),
        ({"rank": "大处长"}, "职级", "未知的职级“大处长”"),
        ({"id_number": "11010119700501001X"}, "身份证号", "身份证号校验位不正确，请核对。"),
        ({"id_number": "1101011970050100"}, "身份证号", "身份证号应为18位。"),
        ({"id_number": idn(D(1971, 5, 1))}, "身份证号", "身份证号中的出生日期与“出生日期”不一致。"),
        ({"id_number": idn(D(1970, 5, 1), male=False)}, "身份证号", "身份证号显示的性别与“性别”不一致。"),
        ({"unit": "NOPE"}, "单位代码", "未找到单位代码为“NOPE”的单位。"),
        ({"rank_start": D(1969, 1, 1)}, "任职级时间", "任职级时间（1969-01-01）必须晚于出生日期。"),
        ({"rank_start": None}, "任职级时间", "填写了职级时，请同时填写任职级时间。"),
        ({"birth": D(2999, 1, 1), "id_number": ""}, "出生日期", "日期“2999-01-01”晚于今天，请核对。"),
    ],
)
def test_each_error_kind_names_row_column_and_reason(run_import, change, column, message):
    values = row(**{**dict(name="张三"), **change})
    result = run_import(roster([row(name="甲"), values]))
    assert not result.is_saved and result.created == 0
    assert len(result.errors) == 1, result.errors
    problem = result.errors[0]
    assert (problem.row, problem.column) == (3, column)
    assert problem.message.startswith(message)
    assert Person.objects.count() == 0


def test_every_problem_is_reported_not_just_the_first(run_import):
    rows = [row(name="", gender="?"), row(name="乙", unit="NOPE", rank="X")]
    result = run_import(roster(rows))
    assert [(p.row, p.column) for p in result.errors] == [
        (2, "姓名"),
        (2, "性别"),
        (3, "单位代码"),
        (3, "职级"),
    ]


def test_duplicate_rows_within_the_file(run_import):
    dup_id = row(name="甲")
    same_person_no_id = row(name="乙", birth=D(1980, 1, 1), id_number="")
    result = run_import(roster([dup_id, row(name="甲二"), same_person_no_id, same_person_no_id]))
    assert errors_of(result) == [
        (3, "身份证号", "与第2行的身份证号重复。"),
        (5, "姓名", "与第4行重复（姓名、出生日期、单位均相同）。"),
    ]


def test_nothing_saved_when_only_the_last_of_many_rows_is_bad(run_import):
    rows = [row(name=f"人员{i}", birth=D(1960, 1, 1) + dt.timedelta(days=i)) for i in range(300)]
    rows.append(row(name="最后", birth="not a date", id_number=""))
    before = (Person.objects.count(), AuditEntry.objects.count(), AnnualResult.objects.count())
    result = run_import(roster(rows))
    assert not result.is_saved
    assert [(p.row, p.column) for p in result.errors] == [(302, "出生日期")]
    assert (Person.objects.count(), AuditEntry.objects.count(), AnnualResult.objects.count()) == before


def test_liaison_cannot_import_into_another_unit(run_import, tree, liaison):
    rows = [row(name="甲", unit="BGT-MSC"), row(name="乙", unit="ZZB"), row(name="丙", unit="GYS")]
    result = run_import(roster(rows), user=liaison)
    assert errors_of(result) == [
        (3, "单位代码", "单位“组织部”不在您的导入权限范围内。"),
        (4, "单位代码", "单位“中国工运研究所”不在您的导入权限范围内。"),
    ]
    assert Person.objects.count() == 0
    ok = run_import(roster([row(name="甲", unit="BGT-MSC")]), user=liaison)
    assert ok.is_saved and ok.created == 1


def test_liaison_cannot_overwrite_a_person_outside_their_scope_by_id_number(run_import, tree, liaison):
    birth = D(1970, 5, 1)
    make_person(tree.org_dept, "张三", birth_date=birth, id_number=idn(birth))
    result = run_import(roster([row(name="张三", birth=birth, unit="BGT")]), user=liaison)
    assert errors_of(result) == [
        (2, "身份证号", "该身份证号已登记在您管辖范围以外的单位，不能通过导入修改。")
    ]
    assert Person.objects.get().unit == tree.org_dept


def test_user_without_import_capability_gets_an_error(leader, tree):
    from kaoping.org.importing import import_people

    result = import_people(actor=leader, file=roster([row()]), scope=None)
    assert not result.is_saved and result.errors == [ImportProblem(0, "", "您没有导入干部名册的权限。")]


def test_header_problems(run_import):
    result = run_import(roster([["甲", "男"]], headers=("姓名", "性别", "出身日期")))
    assert (1, "出身日期", "无法识别的列“出身日期”，请使用导入模板中的列名。") in errors_of(result)
    assert (1, "出生日期", "缺少必填列“出生日期”。") in errors_of(result)
    assert (1, "单位代码", "缺少“单位代码”或“单位名称”列（至少需要一列）。") in errors_of(result)


def test_unit_by_name_must_be_unique_and_agree_with_the_code(run_import, tree):
    from tests.factories import make_unit

    make_unit("秘书处", parent=tree.org_dept, code="ZZB-MSC")
    headers = ("姓名", "性别", "出生日期", "政治面貌", "单位代码", "单位名称", "人员类别")
    rows = [
        ["甲", "男", D(1970, 1, 1), "中共党员", None, "秘书处", "参公"],
        ["乙", "男", D(1970, 1, 1), "中共党员", "BGT", "组织部", "参公"],
        ["丙", "男", D(1970, 1, 1), "中共党员", None, "办公厅", "参公"],
    ]
    result = run_import(roster(rows, headers=headers))
    assert errors_of(result) == [
        (2, "单位名称", "名称为“秘书处”的单位有多个，请填写单位代码。"),
        (3, "单位名称", "单位名称“组织部”与单位代码“BGT”（办公厅）不一致。"),
    ]


def test_not_an_xlsx_file(run_import):
    import io

    bogus = io.BytesIO(b"name,gender\n")
    result = run_import(bogus)
    assert errors_of(result) == [(0, "", "无法读取文件，请上传用导入模板填写的 .xlsx 格式 Excel 文件。")]


def test_progress_callback_reports_rows(run_import):
    calls = []
    rows = [row(name=f"人员{i}", birth=D(1960, 1, 1) + dt.timedelta(days=i)) for i in range(1200)]
    result = run_import(roster(rows), progress=lambda done, total: calls.append((done, total)))
    assert result.created == 1200
    assert calls[0] == (0, 1200) and calls[-1] == (1200, 1200)
    assert (500, 1200) in calls


def test_inactive_rank_name_still_imports(run_import):
    r = rank("diaoyanyuan")
    r.is_active = False
    r.save()
    assert run_import(roster([row(rank="调研员")])).is_saved
