"""The round's stages: blocking issues, proposals, committee decisions with reasons (audited), the notice of
proposed 优秀 for ≥ 5 working days (RP-08) with objections, confirmation and the write-back into annual
results with consecutive-year flags (RP-07)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from kaoping.annual import services as svc
from kaoping.annual import services_grading as gsvc
from kaoping.annual import services_notice as nsvc
from kaoping.annual.models import AnnualRound, Proposal
from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.org import services as org_services
from kaoping.org.models import AnnualResult
from tests.annual import builders as b

Stage = AnnualRound.Stage


@pytest.fixture
def graded(tree, hr_admin):
    """A round in 研究定等: a farm team (好), its head (优秀, outside the base) and 6 deputies (称职)."""
    rnd = b.single_item_round(tree)
    team = b.scored_team(rnd, tree.root, "farm", "60")
    head = b.voted_cadre(rnd, role="head", team=team)
    deps = [b.voted_cadre(rnd, role="deputy", team=team, leader_score=D(20) + i) for i in range(6)]
    gsvc.round_advance(actor=hr_admin, round=rnd)
    gsvc.round_advance(actor=hr_admin, round=rnd)
    rnd.refresh_from_db()
    assert rnd.stage == Stage.GRADING
    return rnd, team, head, deps


def test_setup_blocks_without_teams_and_sub_items(tree, hr_admin):
    rnd = b.make_round(tree.root)
    with pytest.raises(TransitionBlocked) as exc:
        gsvc.round_advance(actor=hr_admin, round=rnd)
    assert "尚未添加" in exc.value.issues[0]
    b.add_team(rnd, tree.root, "farm")
    assert any("尚未设置分项考核项目" in i for i in gsvc.round_blocking_issues(rnd))


def test_scoring_blocks_listing_every_missing_input(tree, hr_admin):
    """R002-01/04/05: a missing sub-item score, count or leader evaluation is named, never taken as 0."""
    rnd = b.single_item_round(tree)
    team = b.add_team(rnd, tree.root, "farm", name="一团")
    b.add_cadre(rnd, role="deputy", team=team)
    gsvc.round_advance(actor=hr_admin, round=rnd)
    issues = gsvc.round_blocking_issues(rnd)
    joined = "；".join(issues)
    assert "缺少“综合分项”得分（组织部）" in joined
    assert "抓基层党建工作民主测评" in joined
    assert "缺少领导评价" in joined
    with pytest.raises(TransitionBlocked):
        gsvc.round_advance(actor=hr_admin, round=rnd)


def test_proposals_are_computed_on_entering_grading(graded):
    _rnd, team, head, _deps = graded
    p = Proposal.objects.get(cadre=head)
    assert p.grade == "优秀" and p.score == D("97.00")
    assert p.derivation["rule"] == "R002-04"
    assert Proposal.objects.get(team=team).grade == "好"


def test_decision_differing_from_proposal_needs_a_reason_and_is_audited(graded, leader):
    _rnd, _team, _head, deps = graded
    p = Proposal.objects.get(cadre=deps[0])
    with pytest.raises(ValidationFailed) as exc:
        gsvc.proposal_decide(actor=leader, proposal=p, grade="优秀")
    assert "理由" in exc.value.message
    gsvc.proposal_decide(actor=leader, proposal=p, grade="优秀", reason="受省部级表彰，提高评优比例")
    p.refresh_from_db()
    assert p.decided_grade == "优秀" and p.is_overridden
    entry = AuditEntry.objects.filter(object_type="annual.proposal", object_id=str(p.pk)).latest("id")
    assert entry.note == "受省部级表彰，提高评优比例" and entry.actor == leader


def test_unknown_grade_is_refused(graded, leader):
    _rnd, _team, head, _deps = graded
    with pytest.raises(ValidationFailed):
        gsvc.proposal_decide(
            actor=leader, proposal=Proposal.objects.get(cadre=head), grade="良好", reason="x"
        )


def test_notice_needs_every_decision(graded, hr_admin):
    rnd, *_ = graded
    with pytest.raises(TransitionBlocked) as exc:
        nsvc.notice_publish(actor=hr_admin, round=rnd, start_date=dt.date(2011, 12, 1))
    assert any("尚未研究确定等次" in i for i in exc.value.issues)


def test_RP_08_notice_lasts_five_working_days_and_blocks_confirmation(graded, hr_admin, leader):
    rnd, _team, head, _deps = graded
    gsvc.proposals_accept(actor=leader, round=rnd)
    # Thursday 2011-12-01 → Thu, Fri, Mon, Tue, Wed: ends Wednesday 2011-12-07
    notice = nsvc.notice_publish(actor=hr_admin, round=rnd, start_date=dt.date(2011, 12, 1))
    assert notice.end_date == dt.date(2011, 12, 7)
    assert [n["name"] for n in notice.names] == [head.person.name]
    with pytest.raises(TransitionBlocked) as exc:
        nsvc.round_confirm(actor=leader, round=rnd, today=dt.date(2011, 12, 7))
    assert "期满后方可确定等次" in exc.value.issues[0]
    nsvc.round_confirm(actor=leader, round=rnd, today=dt.date(2011, 12, 8))
    rnd.refresh_from_db()
    assert rnd.stage == Stage.CONFIRMED


def test_RP_08_holidays_extend_the_notice(graded, hr_admin, leader):
    rnd, *_ = graded
    rnd.holidays = {"holidays": ["2011-12-02", "2011-12-05"]}
    rnd.save()
    gsvc.proposals_accept(actor=leader, round=rnd)
    notice = nsvc.notice_publish(actor=hr_admin, round=rnd, start_date=dt.date(2011, 12, 1))
    assert notice.end_date == dt.date(2011, 12, 9)


def test_RP_08_open_objection_blocks_confirmation(graded, hr_admin, leader):
    rnd, _team, head, _deps = graded
    gsvc.proposals_accept(actor=leader, round=rnd)
    nsvc.notice_publish(actor=hr_admin, round=rnd, start_date=dt.date(2011, 12, 1))
    obj = nsvc.objection_add(
        actor=hr_admin, round=rnd, content="反映其分管工作问题", received_on=dt.date(2011, 12, 2), cadre=head
    )
    with pytest.raises(TransitionBlocked) as exc:
        nsvc.round_confirm(actor=leader, round=rnd, today=dt.date(2011, 12, 9))
    assert any("未处理" in i for i in exc.value.issues)
    nsvc.objection_resolve(actor=hr_admin, objection=obj, resolution="经核查不属实")
    nsvc.round_confirm(actor=leader, round=rnd, today=dt.date(2011, 12, 9))


def test_excellent_added_during_notice_was_not_shown(graded, hr_admin, leader):
    rnd, _team, _head, deps = graded
    gsvc.proposals_accept(actor=leader, round=rnd)
    nsvc.notice_publish(actor=hr_admin, round=rnd, start_date=dt.date(2011, 12, 1))
    gsvc.proposal_decide(
        actor=leader, proposal=Proposal.objects.get(cadre=deps[0]), grade="优秀", reason="复议"
    )
    with pytest.raises(TransitionBlocked) as exc:
        nsvc.round_confirm(actor=leader, round=rnd, today=dt.date(2011, 12, 9))
    assert any("未经公示" in i for i in exc.value.issues)


def test_confirmation_writes_annual_results_and_flags_streaks(graded, hr_admin, leader):
    """Write-back into org annual results (one per person per year, updated if present) and RP-07."""
    rnd, _team, head, deps = graded
    for year in (2009, 2010):
        org_services.history_add(
            actor=None, person=head.person, record_kind="result", year=year, grade="excellent"
        )
    org_services.history_add(
        actor=None, person=deps[0].person, record_kind="result", year=2011, grade="qualified"
    )
    gsvc.proposals_accept(actor=leader, round=rnd)
    nsvc.notice_publish(actor=hr_admin, round=rnd, start_date=dt.date(2011, 12, 1))
    nsvc.round_confirm(actor=leader, round=rnd, today=dt.date(2011, 12, 8))
    assert AnnualResult.objects.get(person=head.person, year=2011).grade == "excellent"
    assert AnnualResult.objects.get(person=deps[0].person, year=2011).grade == "competent"  # updated
    assert AnnualResult.objects.filter(year=2011).count() == 7
    p = Proposal.objects.get(cadre=head)
    assert p.streak_flags == [{"flag": "连续三年优秀，记三等功", "years": [2009, 2010, 2011]}]
    assert p.annual_result.year == 2011


def test_inputs_are_frozen_after_scoring(graded):
    _rnd, team, _head, deps = graded
    with pytest.raises(DomainError) as exc:
        svc.cadre_update(actor=None, cadre=deps[0], leader_score=D(10))
    assert exc.value.code == "wrong_stage"
    with pytest.raises(DomainError):
        svc.sub_item_score_set(actor=None, sub_item=team.team_type.sub_items.get(), team=team, score=D(1))


def test_recompute_clears_accepted_decisions_that_changed_but_keeps_reasoned_ones(graded, leader, hr_admin):
    rnd, _team, head, deps = graded
    gsvc.proposals_accept(actor=leader, round=rnd)
    gsvc.proposal_decide(
        actor=leader, proposal=Proposal.objects.get(cadre=deps[1]), grade="基本称职", reason="问责"
    )
    svc.flag_add(actor=hr_admin, round=rnd, cadre=head, name="一票否决", note="安全事故")
    gsvc.proposals_compute(actor=hr_admin, round=rnd)
    head_p = Proposal.objects.get(cadre=head)
    assert head_p.grade == "称职" and head_p.decided_grade == ""
    assert Proposal.objects.get(cadre=deps[1]).decided_grade == "基本称职"


def test_needs_decision_is_settled_only_with_a_reason(tree, hr_admin, leader):
    """A tie at the quota boundary (需研究确定) is never decided silently: the committee picks with a reason."""
    rnd = b.single_item_round(tree)
    team = b.scored_team(rnd, tree.root, "affiliated", "60")
    deps = [
        b.voted_cadre(rnd, role="deputy", team=team, leader_score=s) for s in [D(30), D(30)] + [D(20)] * 5
    ]
    gsvc.round_advance(actor=hr_admin, round=rnd)
    gsvc.round_advance(actor=hr_admin, round=rnd)
    tied = Proposal.objects.get(cadre=deps[0])
    assert tied.status == Proposal.Status.NEEDS_DECISION and tied.choices == ["优秀", "称职"]
    gsvc.proposals_accept(actor=leader, round=rnd)
    tied.refresh_from_db()
    assert tied.decided_grade == ""  # accepting all leaves the tie open
    assert any("尚未研究确定等次（需研究确定）" in i for i in gsvc.decision_issues(rnd))
    with pytest.raises(ValidationFailed):
        gsvc.proposal_decide(actor=leader, proposal=tied, grade="优秀")
    gsvc.proposal_decide(actor=leader, proposal=tied, grade="优秀", reason="经研究，按任现职时间确定")
    other = Proposal.objects.get(cadre=deps[1])
    gsvc.proposal_decide(actor=leader, proposal=other, grade="称职", reason="经研究确定")
    assert gsvc.decision_issues(rnd) == []


def test_scheme_edit_is_validated_by_the_engine_and_audited(tree, hr_admin):
    rnd = b.make_round(tree.root)
    bad = dict(rnd.team_grading, default="优良")
    with pytest.raises(ValidationFailed) as exc:
        svc.round_scheme_update(actor=hr_admin, round=rnd, field="team_grading", data=bad)
    assert "默认等次“优良”不在等次列表中" in exc.value.message
    data = rnd.cadre_grading
    data["tiers"][3]["quota"]["percent"] = "20"
    svc.round_scheme_update(actor=hr_admin, round=rnd, field="cadre_grading", data=data)
    rnd.refresh_from_db()
    assert rnd.cadre_grading["tiers"][3]["quota"]["percent"] == "20"
    assert AuditEntry.objects.filter(object_type="annual.annualround", note="修改考核规则").exists()
    rnd.stage = Stage.GRADING
    rnd.save()
    with pytest.raises(DomainError):
        svc.round_scheme_update(actor=hr_admin, round=rnd, field="cadre_grading", data=data)


def test_RP_07_streak_is_previewed_before_confirmation(graded, client_for, leader):
    """Two earlier 优秀 + 优秀 on the table → the proposals page warns 记三等功 before anything is confirmed."""
    from django.urls import reverse

    rnd, _team, head, _deps = graded
    for year in (2009, 2010):
        org_services.history_add(
            actor=None, person=head.person, record_kind="result", year=year, grade="excellent"
        )
    page = client_for(leader).get(reverse("annual:proposals", args=[rnd.pk])).content.decode()
    assert "连续三年优秀，记三等功" in page
    assert not AnnualResult.objects.filter(year=2011).exists()


def test_cadre_management_settings_are_validated(tree, hr_admin):
    rnd = b.make_round(tree.root)
    data = dict(rnd.cadre_management, probation={"months": 0})
    with pytest.raises(ValidationFailed):
        svc.round_scheme_update(actor=hr_admin, round=rnd, field="cadre_management", data=data)
    data = dict(rnd.cadre_management, probation={"months": 6})
    svc.round_scheme_update(actor=hr_admin, round=rnd, field="cadre_management", data=data)
    rnd.refresh_from_db()
    assert rnd.cadre_management["probation"]["months"] == 6


def test_R002_06_deciding_a_team_grade_updates_its_cadres_proposals(graded, leader):
    """The committee rates the team 一般: its head can no longer be proposed 优秀 (recomputed at once)."""
    _rnd, team, head, _deps = graded
    assert Proposal.objects.get(cadre=head).grade == "优秀"
    gsvc.proposal_decide(
        actor=leader, proposal=Proposal.objects.get(team=team), grade="一般", reason="受到通报批评"
    )
    head_p = Proposal.objects.get(cadre=head)
    assert head_p.grade == "称职"
    assert any("team等次为一般" in r for r in head_p.reasons)
