"""Establishment plans through the services: the seed plan passes, each kind of mutation is reported with its
numbers and blocks submission, drafts lock on submission, every change is audited (R004-01, R004-02, R004-06)."""

import datetime as dt

import pytest

from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.positions import selectors, services
from kaoping.positions.models import EstablishmentPlan, PostLine

S = EstablishmentPlan.Status


def _fresh(plan):
    return selectors.plan_with_rows(plan.pk)


def _line(plan, name):
    return (
        plan.lines.get(name=name, grade={"科员": 9, "科长": 8}.get(name, 0))
        if name in ("科员", "科长")
        else None
    )


def test_R004_02_seed_table_passes_the_checker(plan):
    """R004-02: the seed's own distribution table (31 posts, 管理 18, 专技 13 at 5:4:4) passes."""
    assert plan.lines.count() == 13
    assert sum(ln.count for ln in plan.lines.all()) == 31
    check = selectors.plan_check(plan)
    assert check.passed and check.messages == []
    assert selectors.category_summary(plan) == [
        {"category": "管理", "label": "管理岗位", "quota": 18, "used": 18, "diff": 0},
        {"category": "专业技术", "label": "专业技术岗位", "quota": 13, "used": 13, "diff": 0},
    ]


def _keyuan(plan):
    return plan.lines.get(name="科员")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda p: services.line_update(actor=None, line=_keyuan(p), count=10),
            ["分布表岗位数量合计 32，与核准岗位总量 31 不一致", "管理岗位合计 19 个，与核准数 18 不一致"],
        ),
        (
            lambda p: services.line_update(actor=None, line=p.lines.get(name="主任"), grade=5),
            ["“主任”为管理岗位5级，高于最高等级6级"],
        ),
        (
            lambda p: services.line_update(
                actor=None, line=p.lines.get(name="高级工程师、经济师", grade=5), grade=8
            ),
            ["专业技术岗位"],
        ),
        (
            lambda p: services.plan_update(actor=None, plan=p, approved_posts=32),
            ["分布表岗位数量合计 31，与核准岗位总量 32 不一致"],
        ),
        (
            lambda p: services.plan_update(actor=None, plan=p, leadership_posts=3),
            ["单位领导岗位 4 个，与核准的 3 个不一致"],
        ),
        (
            lambda p: services.category_quota_set(
                actor=None, plan=p, category="管理", quota=18, highest_grade=7
            ),
            ["“主任”为管理岗位6级，高于最高等级7级"],
        ),
    ],
    ids=[
        "total_and_category",
        "grade_above_highest",
        "band_ratio",
        "approved_total",
        "leadership",
        "highest",
    ],
)
def test_R004_02_each_mutation_is_reported_with_numbers_and_blocks_submission(plan, mutate, expected):
    mutate(plan)
    plan = _fresh(plan)
    messages = selectors.plan_check(plan).messages
    for fragment in expected:
        assert any(fragment in m for m in messages), messages
    with pytest.raises(TransitionBlocked) as exc:
        services.plan_submit(actor=None, plan=plan)
    assert exc.value.issues == messages
    assert _fresh(plan).status == S.DRAFT


def test_R004_01_category_unknown_to_the_plan_is_reported(plan):
    services.line_add(
        actor=None, plan=plan, department="信息中心", name="驾驶员", category="工勤技能", grade=3, count=1
    )
    messages = selectors.plan_check(_fresh(plan)).messages
    assert any("“驾驶员”属于工勤技能岗位，方案未核准该类岗位" in m for m in messages), messages


def test_line_grade_beyond_the_category_scale_is_a_validation_error(plan):
    with pytest.raises(ValidationFailed) as exc:
        services.line_add(
            actor=None, plan=plan, department="信息中心", name="x", category="管理", grade=11, count=1
        )
    assert exc.value.errors["grade"] == ["管理岗位的等级为 1–10 级。"]


def test_submit_approve_locks_and_return_needs_a_reason(plan, hr_admin, leader):
    services.plan_submit(actor=hr_admin, plan=plan)
    with pytest.raises(DomainError) as exc:
        services.line_update(actor=hr_admin, line=_keyuan(plan), count=8)
    assert exc.value.code == "plan_locked"
    with pytest.raises(DomainError):
        services.plan_return(actor=leader, plan=plan, reason="  ")
    services.plan_return(actor=leader, plan=plan, reason="请补充岗位说明书")
    assert plan.status == S.DRAFT
    services.plan_submit(actor=hr_admin, plan=plan)
    services.plan_approve(actor=leader, plan=plan)
    assert plan.status == S.APPROVED
    with pytest.raises(TransitionBlocked) as blocked:
        services.plan_submit(actor=hr_admin, plan=plan)
    assert "已核准" in blocked.value.issues[0]
    statuses = [
        e.changes["status"]
        for e in AuditEntry.objects.filter(
            object_type="positions.establishmentplan", action="update", changes__has_key="status"
        ).order_by("id")
    ]
    assert statuses == [
        ["draft", "submitted"],
        ["submitted", "draft"],
        ["draft", "submitted"],
        ["submitted", "approved"],
    ]
    assert AuditEntry.objects.filter(note="请补充岗位说明书").exists()


def test_R004_06_timeline_current_overdue_and_completed(plan):
    status = selectors.plan_timeline(plan, as_of=dt.date(2012, 5, 25))
    assert status.current == ("聘用结果公示",)
    assert status.overdue == ("实施准备", "编写岗位说明书", "个人申请、资格评议、确定人选")
    first = plan.phases.get(name="实施准备")
    services.phase_complete(actor=None, phase=first, on=dt.date(2012, 3, 20))
    status = selectors.plan_timeline(_fresh(plan), as_of=dt.date(2012, 5, 25))
    assert "实施准备" in status.done and "实施准备" not in status.overdue


def test_preset_copies_structured_hiring_conditions_into_descriptions(plan):
    line = plan.lines.get(name="高级工程师、经济师", grade=5)
    condition = line.description.hiring_condition
    assert (condition["below_grade"], condition["min_years_below"]) == (6, 3)
    assert [a["code"] for a in condition["achievements"]] == list("abcdefg")


def test_plan_from_blank_with_national_template(tree, hr_admin):
    plan = services.plan_create(
        actor=hr_admin,
        unit=tree.institute,
        title="新方案",
        year=2026,
        approved_staffing=10,
        approved_posts=10,
        template_key="establishment.national_defaults",
    )
    assert plan.template_source == "establishment.national_defaults" and plan.template["structure_ratios"]
    with pytest.raises(TransitionBlocked) as exc:
        services.plan_submit(actor=hr_admin, plan=plan)
    assert "岗位设置分布表为空。" in exc.value.issues
    with pytest.raises(DomainError):
        services.plan_create(
            actor=hr_admin,
            unit=tree.institute,
            title="x",
            year=2026,
            approved_staffing=1,
            approved_posts=1,
            template_key="nope",
        )
    assert PostLine.objects.filter(plan=plan).count() == 0
