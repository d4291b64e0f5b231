"""Appointment rounds (R004-04, R004-05, RP-08): pre-review against the hiring conditions, one application
per person, posts never over their count, first appointments at the current grade, notice and objections."""

import datetime as dt
from decimal import Decimal

import pytest

from kaoping.common.errors import DomainError, TransitionBlocked
from kaoping.org import services as org_services
from kaoping.positions import services
from kaoping.positions import services_appointment as svc
from kaoping.positions.models import Application, Appointment, AppointmentRound
from kaoping.positions.selectors_appointment import prereview
from tests.factories import make_person, rank

Stage = AppointmentRound.Stage
AS_OF = dt.date(2012, 5, 1)


@pytest.fixture
def approved(plan, hr_admin):
    services.plan_submit(actor=hr_admin, plan=plan)
    services.plan_approve(actor=hr_admin, plan=plan)
    return plan


@pytest.fixture
def rnd(approved, hr_admin):
    return svc.round_create(actor=hr_admin, plan=approved, title="2012年岗位聘用", as_of=AS_OF)


def _staff(
    unit, name, code, since, results=(("2009", "qualified"), ("2010", "qualified"), ("2011", "qualified"))
):
    person = make_person(
        unit, name, rank=rank(code), rank_start_date=since, category="institution_management"
    )
    for year, grade in results:
        org_services.history_add(actor=None, person=person, record_kind="result", year=int(year), grade=grade)
    return person


def _line(plan, name, grade):
    return plan.lines.get(name=name, grade=grade)


def _advance_to(rnd, stage, actor=None, today=AS_OF):
    while rnd.stage != stage:
        svc.round_advance(actor=actor, round=rnd, today=today)


def test_round_needs_an_approved_plan(plan, hr_admin):
    with pytest.raises(DomainError) as exc:
        svc.round_create(actor=hr_admin, plan=plan, title="x", as_of=AS_OF)
    assert exc.value.code == "plan_not_approved"


def test_R004_04_prereview_of_years_in_the_grade_below(tree, rnd):
    """Management grade 8 (科长) needs ≥ 3 years at grade 9 — at the exact anniversary it passes."""
    line = _line(rnd.plan, "科长", 8)
    exact = _staff(tree.institute, "满三年", "zhiyuan_9", dt.date(2009, 5, 1))
    short = _staff(tree.institute, "差一天", "zhiyuan_9", dt.date(2009, 5, 2))
    rnd.is_first_appointment = False
    rnd.save()
    ok = prereview(svc.application_create(actor=None, round=rnd, person=exact, line=line))
    ko = prereview(svc.application_create(actor=None, round=rnd, person=short, line=line))
    assert ok["passed"] is True, ok
    assert ko["passed"] is False and "3" in ko["reason"], ko


def test_R004_05_one_application_per_person_per_round(tree, rnd):
    person = _staff(tree.institute, "甲", "zhiyuan_9", dt.date(2005, 1, 1))
    svc.application_create(actor=None, round=rnd, person=person, line=_line(rnd.plan, "科员", 9))
    with pytest.raises(DomainError) as exc:
        svc.application_create(actor=None, round=rnd, person=person, line=_line(rnd.plan, "科长", 8))
    assert "每人限报一个岗位" in exc.value.message


def test_applicants_must_be_staff_of_the_unit(tree, rnd):
    outsider = _staff(tree.office, "外单位", "zhiyuan_9", dt.date(2005, 1, 1))
    with pytest.raises(DomainError) as exc:
        svc.application_create(actor=None, round=rnd, person=outsider, line=_line(rnd.plan, "科员", 9))
    assert exc.value.code == "not_staff"


def _through_review(rnd, people_lines, hr_admin):
    apps = [svc.application_create(actor=hr_admin, round=rnd, person=p, line=ln) for p, ln in people_lines]
    _advance_to(rnd, Stage.REVIEWING, hr_admin)
    for a in apps:
        svc.application_review(actor=hr_admin, application=a, qualified=True, note="")
    _advance_to(rnd, Stage.DECIDING, hr_admin)
    return apps


def test_R004_05_post_never_over_its_count_and_competition_needs_scores(tree, rnd, hr_admin, leader):
    director = _line(rnd.plan, "主任", 6)  # count 1
    a = _staff(tree.institute, "候选甲", "zhiyuan_6", dt.date(2006, 1, 1))
    b = _staff(tree.institute, "候选乙", "zhiyuan_6", dt.date(2007, 1, 1))
    app_a, app_b = _through_review(rnd, [(a, director), (b, director)], hr_admin)
    issues = svc.round_blocking_issues(rnd, AS_OF)
    assert "岗位“主任”有 2 人竞聘 1 个岗位，请先录入全部竞聘成绩。" in issues
    svc.application_score(actor=hr_admin, application=app_a, score=Decimal("88.50"))
    svc.application_score(actor=hr_admin, application=app_b, score=Decimal("86.00"))
    svc.application_decide(actor=leader, application=app_a, appoint=True)
    with pytest.raises(DomainError) as exc:
        svc.application_decide(actor=leader, application=app_b, appoint=True)
    assert exc.value.code == "post_full" and "已聘满（1 个）" in exc.value.message
    assert Appointment.objects.filter(line=director).count() == 1
    svc.application_decide(actor=leader, application=app_b, appoint=False)
    assert svc.round_blocking_issues(rnd, AS_OF) == []


def test_R004_05_first_appointment_keeps_the_current_grade(tree, rnd, hr_admin):
    keyuan = _line(rnd.plan, "科员", 9)
    higher = _staff(tree.institute, "八级", "zhiyuan_8", dt.date(2008, 1, 1))
    (app,) = _through_review(rnd, [(higher, keyuan)], hr_admin)
    with pytest.raises(DomainError) as exc:
        svc.application_decide(actor=hr_admin, application=app, appoint=True)
    assert exc.value.code == "first_appointment_grade"
    assert "现聘8级，岗位为9级" in exc.value.message


def test_RP_08_notice_period_and_objections_gate_contracts(tree, rnd, hr_admin):
    keyuan = _line(rnd.plan, "科员", 9)
    people = [_staff(tree.institute, f"科员{i}", "zhiyuan_9", dt.date(2005, 1, 1)) for i in range(2)]
    apps = _through_review(rnd, [(p, keyuan) for p in people], hr_admin)
    for a in apps:
        svc.application_decide(actor=hr_admin, application=a, appoint=True)
    monday = dt.date(2012, 5, 21)
    svc.round_advance(actor=hr_admin, round=rnd, today=monday)
    assert (rnd.stage, rnd.notice_start, rnd.notice_end) == (Stage.NOTICE, monday, dt.date(2012, 5, 27))
    objection = svc.objection_add(actor=hr_admin, application=apps[0], content="学历不实", received_on=monday)
    with pytest.raises(TransitionBlocked) as exc:
        svc.round_advance(actor=hr_admin, round=rnd, today=dt.date(2012, 5, 28))
    assert exc.value.issues == ["科员0的公示异议尚未办结。"]
    svc.objection_resolve(
        actor=hr_admin, objection=objection, resolution="经核查属实", upheld=True, on=monday
    )
    apps[0].refresh_from_db()
    assert apps[0].status == Application.Status.NOT_APPOINTED
    with pytest.raises(TransitionBlocked) as early:
        svc.round_advance(actor=hr_admin, round=rnd, today=dt.date(2012, 5, 27))
    assert early.value.issues == ["公示期至 2012-05-27 结束，期满后才能签订合同。"]
    svc.round_advance(actor=hr_admin, round=rnd, today=dt.date(2012, 5, 28))
    appointment = Appointment.objects.get(application=apps[1])
    with pytest.raises(TransitionBlocked):
        svc.round_advance(actor=hr_admin, round=rnd, today=dt.date(2012, 6, 1))
    svc.contract_sign(actor=hr_admin, appointment=appointment, kind="new", on=dt.date(2012, 6, 1))
    svc.round_advance(actor=hr_admin, round=rnd, today=dt.date(2012, 6, 1))
    assert rnd.stage == Stage.DONE


def test_RP_08_notice_in_working_days_skips_the_weekend(tree, approved, hr_admin):
    rnd = svc.round_create(actor=hr_admin, plan=approved, title="x", as_of=AS_OF, notice_working_days=True)
    person = _staff(tree.institute, "乙", "zhiyuan_9", dt.date(2005, 1, 1))
    (app,) = _through_review(rnd, [(person, _line(approved, "科员", 9))], hr_admin)
    svc.application_decide(actor=hr_admin, application=app, appoint=True)
    svc.round_advance(actor=hr_admin, round=rnd, today=dt.date(2012, 5, 21))  # a Monday
    assert rnd.notice_end == dt.date(2012, 5, 29)  # 7 working days: Mon–Fri, Mon–Tue


def test_stage_gates_cannot_be_skipped(tree, rnd, hr_admin):
    with pytest.raises(TransitionBlocked) as exc:
        svc.round_advance(actor=hr_admin, round=rnd, today=AS_OF)
    assert exc.value.issues == ["还没有任何申请。"]
    person = _staff(tree.institute, "丙", "zhiyuan_9", dt.date(2005, 1, 1))
    app = svc.application_create(actor=hr_admin, round=rnd, person=person, line=_line(rnd.plan, "科员", 9))
    with pytest.raises(DomainError) as wrong:
        svc.application_decide(actor=hr_admin, application=app, appoint=True)
    assert wrong.value.code == "wrong_stage"
    svc.round_advance(actor=hr_admin, round=rnd, today=AS_OF)
    with pytest.raises(TransitionBlocked) as unreviewed:
        svc.round_advance(actor=hr_admin, round=rnd, today=AS_OF)
    assert unreviewed.value.issues == ["丙的申请尚未审查。"]
    with pytest.raises(DomainError):
        svc.application_review(actor=hr_admin, application=app, qualified=False, note=" ")
