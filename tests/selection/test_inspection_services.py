"""Inspection teams, talks and reports (R000-23)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.selection import services_inspection as svc
from kaoping.selection.models import AvoidanceDeclaration, InspectionReport
from tests.factories import make_person, rank
from tests.selection.factories_decision import inspection_setup, make_team

pytestmark = pytest.mark.django_db

REPORT = {
    "morality": "政治立场坚定。",
    "ability": "业务熟悉，协调能力较强。",
    "diligence": "工作勤勉。",
    "performance": "牵头完成多项重点工作。",
    "integrity": "廉洁自律。",
    "shortcomings": "工作方法有时不够细致。",
    "recommendation": InspectionReport.Recommendation.RECOMMEND,
}


def test_valid_team_has_no_issues_r000_23(tree):
    s = inspection_setup(tree)
    assert svc.team_issues(s.team) == []


def test_leader_below_bureau_level_is_an_issue_r000_23(tree):
    s = inspection_setup(tree, with_team=False)
    team, _ = make_team(s.campaign, tree.org_dept, "第二考察组", leader_rank="fu_ju")
    issues = svc.team_issues(team)
    assert any("组长" in i and "副局级" in i and "正局级" in i for i in issues)


@pytest.mark.parametrize("size", [3, 7])
def test_three_or_seven_members_is_an_issue_r000_23(tree, size):
    s = inspection_setup(tree, with_team=False)
    team, _ = make_team(s.campaign, tree.org_dept, "小组", size=size)
    assert svc.team_issues(team) == [f"R000-23 考察组成员应为 4–6 人（现有 {size} 人）"]


@pytest.mark.parametrize("size", [4, 6])
def test_four_and_six_members_pass_r000_23(tree, size):
    s = inspection_setup(tree, with_team=False)
    team, _ = make_team(s.campaign, tree.org_dept, "小组", size=size)
    assert svc.team_issues(team) == []


def test_member_from_candidates_unit_must_stand_aside_r000_23(tree):
    s = inspection_setup(tree)
    colleague = make_person(tree.office, "赵同事")
    svc.team_member_add(actor=None, team=s.team, person=colleague)
    issues = svc.team_issues(s.team)
    assert issues == ["R000-23 赵同事应当回避：与考察对象张明同在办公厅"]


def test_declared_relative_must_stand_aside_r000_23(tree):
    s = inspection_setup(tree)
    member = s.members[1]
    AvoidanceDeclaration.objects.create(
        registration=s.candidates[1],
        kind=AvoidanceDeclaration.Kind.RELATIVE_EXAMINER,
        related_person=member.person.name,
        resolution=AvoidanceDeclaration.Resolution.REASSIGN,
    )
    issues = svc.team_issues(s.team)
    assert issues == [
        f"R000-23 {member.person.name}应当回避：与考察对象李华存在回避关系（近亲属为考官或考察组成员）"
    ]


def test_cleared_declaration_is_not_a_conflict_r000_23(tree):
    s = inspection_setup(tree)
    AvoidanceDeclaration.objects.create(
        registration=s.candidates[0],
        kind=AvoidanceDeclaration.Kind.OTHER,
        related_person=s.members[2].person.name,
        resolution=AvoidanceDeclaration.Resolution.CLEARED,
    )
    assert svc.team_issues(s.team) == []


def test_new_leader_replaces_old_one(tree):
    s = inspection_setup(tree)
    p = make_person(tree.org_dept, "新组长", rank=rank("zheng_ju"), rank_start_date=dt.date(2009, 1, 1))
    svc.team_member_add(actor=None, team=s.team, person=p, is_leader=True)
    assert list(s.team.members.filter(is_leader=True).values_list("person__name", flat=True)) == ["新组长"]


def test_member_added_twice_refused(tree):
    s = inspection_setup(tree)
    with pytest.raises(ValidationFailed):
        svc.team_member_add(actor=None, team=s.team, person=s.members[1].person)


def test_candidates_are_the_advancing_totals(tree):
    s = inspection_setup(tree)
    assert [r.person.name for r in svc.inspection_candidates(s.position)] == ["张明", "李华"]


def test_report_without_shortcomings_refused_r000_23(tree, hr_admin):
    s = inspection_setup(tree)
    with pytest.raises(ValidationFailed) as exc:
        svc.report_save(
            actor=hr_admin, team=s.team, registration=s.candidates[0], **{**REPORT, "shortcomings": "  "}
        )
    assert "shortcomings" in exc.value.errors
    assert not InspectionReport.objects.exists()


def test_report_without_shortcomings_refused_by_database_r000_23(tree):
    s = inspection_setup(tree)
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionReport.objects.create(
            registration=s.candidates[0], team=s.team, **{**REPORT, "shortcomings": ""}
        )


def test_report_saved_and_updated_with_audit(tree, hr_admin):
    s = inspection_setup(tree)
    report = svc.report_save(actor=hr_admin, team=s.team, registration=s.candidates[0], **REPORT)
    svc.report_save(
        actor=hr_admin,
        team=s.team,
        registration=s.candidates[0],
        **{**REPORT, "shortcomings": "开拓创新不足。"},
    )
    report.refresh_from_db()
    assert report.shortcomings == "开拓创新不足。"
    assert AuditEntry.objects.filter(object_type="selection.inspectionreport").count() == 2


def test_report_only_for_team_candidates(tree, hr_admin):
    s = inspection_setup(tree)
    with pytest.raises(DomainError):
        svc.report_save(actor=hr_admin, team=s.team, registration=s.third, **REPORT)


def test_talk_recorded(tree, hr_admin):
    s = inspection_setup(tree)
    talk = svc.talk_add(
        actor=hr_admin,
        team=s.team,
        registration=s.candidates[0],
        interviewee="钱处长",
        interviewee_post="秘书处处长",
        talk_date=dt.date(2011, 10, 25),
        summary="认为该同志熟悉业务。",
    )
    assert talk.recorded_by == hr_admin
    assert s.candidates[0].talks.count() == 1


def test_talks_only_during_inspection(tree, hr_admin):
    s = inspection_setup(tree, stage="decision")
    with pytest.raises(DomainError) as exc:
        svc.talk_add(
            actor=hr_admin,
            team=s.team,
            registration=s.candidates[0],
            interviewee="甲",
            talk_date=dt.date.today(),
            summary="x",
        )
    assert exc.value.code == "wrong_stage"


def test_team_cannot_change_after_reports(tree, hr_admin):
    s = inspection_setup(tree)
    svc.report_save(actor=hr_admin, team=s.team, registration=s.candidates[0], **REPORT)
    other, _ = make_team(s.campaign, tree.org_dept, "第二组")
    with pytest.raises(DomainError):
        svc.team_assign(actor=hr_admin, position=s.position, team=other)
