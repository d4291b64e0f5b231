"""Stage gates of inspection → decision → notice → done, proposals and decisions (R000-23, R000-24, R000-25),
and the appointment write-back into the registry."""

from __future__ import annotations

import datetime as dt

import pytest

from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.org.models import RankHistory
from kaoping.selection import services_decision as dsvc
from kaoping.selection import services_inspection as isvc
from kaoping.selection import services_notice as nsvc
from kaoping.selection.models import (
    Campaign,
    OfferedPosition,
    Proposal,
    PublicNotice,
    Registration,
    StageResult,
)
from tests.factories import rank
from tests.selection.factories_decision import inspection_setup, make_team
from tests.selection.test_inspection_services import REPORT

pytestmark = pytest.mark.django_db
Stage = Campaign.Stage


def _reports(s, actor=None):
    for reg in s.candidates:
        isvc.report_save(actor=actor, team=s.team, registration=reg, **REPORT)


def _decide(s, reg, decision=Proposal.Decision.APPOINT, actor=None):
    proposal = dsvc.proposal_save(
        actor=actor, position=s.position, registration=reg, rationale="综合排名第一"
    )
    dsvc.proposal_comment(
        actor=actor, proposal=proposal, party_committee_comment="同意", discipline_committee_comment="无意见"
    )
    return dsvc.proposal_decide(
        actor=actor, proposal=proposal, decision=decision, meeting="2011年第20次党组会议"
    )


# ---------------------------------------------------------------------------------- inspection → decision


def test_inspection_gate_needs_a_team_r000_23(tree):
    s = inspection_setup(tree, with_team=False)
    assert dsvc.decision_blocking_issues(s.campaign, Stage.DECISION) == [
        "R000-23 “办公厅副主任”尚未指定考察组。"
    ]


def test_inspection_gate_lists_team_rule_violations_r000_23(tree):
    s = inspection_setup(tree, with_team=False)
    team, _ = make_team(s.campaign, tree.org_dept, "小组", size=3)
    s.position.inspection_team = team
    s.position.save()
    _reports(type("S", (), {"candidates": s.candidates, "team": team}))
    assert dsvc.decision_blocking_issues(s.campaign, Stage.DECISION) == [
        "小组：R000-23 考察组成员应为 4–6 人（现有 3 人）"
    ]


def test_inspection_gate_needs_a_report_per_candidate_r000_23(tree):
    s = inspection_setup(tree)
    isvc.report_save(actor=None, team=s.team, registration=s.candidates[0], **REPORT)
    assert dsvc.decision_blocking_issues(s.campaign, Stage.DECISION) == [
        "R000-23 “办公厅副主任”考察对象李华尚无考察材料。"
    ]
    isvc.report_save(actor=None, team=s.team, registration=s.candidates[1], **REPORT)
    assert dsvc.decision_blocking_issues(s.campaign, Stage.DECISION) == []


def test_positions_not_opened_are_ignored(tree):
    s = inspection_setup(tree, with_team=False)
    s.position.status = OfferedPosition.Status.NOT_OPENED
    s.position.save()
    assert dsvc.decision_blocking_issues(s.campaign, Stage.DECISION) == []


# ------------------------------------------------------------------------------------ decision → notice


def test_decision_gate_lists_each_missing_step_r000_24(tree):
    s = inspection_setup(tree, stage=Stage.DECISION)
    assert dsvc.decision_blocking_issues(s.campaign, Stage.NOTICE) == [
        "R000-24 “办公厅副主任”尚未提出任职建议。"
    ]
    proposal = dsvc.proposal_save(actor=None, position=s.position, registration=s.candidates[0], rationale="")
    assert dsvc.decision_blocking_issues(s.campaign, Stage.NOTICE) == [
        "R000-24 “办公厅副主任”尚未记录机关党委意见。",
        "R000-24 “办公厅副主任”尚未记录机关纪委意见。",
        "R000-24 “办公厅副主任”尚未研究决定。",
    ]
    dsvc.proposal_comment(
        actor=None, proposal=proposal, party_committee_comment="同意", discipline_committee_comment=""
    )
    assert dsvc.decision_blocking_issues(s.campaign, Stage.NOTICE) == [
        "R000-24 “办公厅副主任”尚未记录机关纪委意见。",
        "R000-24 “办公厅副主任”尚未研究决定。",
    ]


def test_decision_needs_both_comments_r000_24(tree):
    s = inspection_setup(tree, stage=Stage.DECISION)
    proposal = dsvc.proposal_save(actor=None, position=s.position, registration=s.candidates[0], rationale="")
    with pytest.raises(ValidationFailed):
        dsvc.proposal_decide(actor=None, proposal=proposal, decision="appoint", meeting="党组会议")


def test_proposal_must_be_an_inspected_candidate_r000_24(tree):
    s = inspection_setup(tree, stage=Stage.DECISION)
    with pytest.raises(ValidationFailed):
        dsvc.proposal_save(actor=None, position=s.position, registration=s.third, rationale="")


def test_vacant_proposal_cannot_be_decided_as_appointment_r000_25(tree):
    s = inspection_setup(tree, stage=Stage.DECISION)
    proposal = dsvc.proposal_save(actor=None, position=s.position, registration=None, rationale="无合适人选")
    dsvc.proposal_comment(
        actor=None, proposal=proposal, party_committee_comment="同意", discipline_committee_comment="同意"
    )
    with pytest.raises(ValidationFailed):
        dsvc.proposal_decide(actor=None, proposal=proposal, decision="appoint", meeting="党组会议")
    dsvc.proposal_decide(actor=None, proposal=proposal, decision="vacant", meeting="党组会议")
    assert dsvc.decision_blocking_issues(s.campaign, Stage.NOTICE) == []


def test_changing_the_candidate_reopens_the_decision_r000_24(tree):
    s = inspection_setup(tree, stage=Stage.DECISION)
    _decide(s, s.candidates[0])
    proposal = dsvc.proposal_save(actor=None, position=s.position, registration=s.candidates[1], rationale="")
    assert proposal.decision == Proposal.Decision.PENDING


def test_proposals_only_in_decision_stage(tree):
    s = inspection_setup(tree, stage=Stage.INSPECTION)
    with pytest.raises(DomainError):
        dsvc.proposal_save(actor=None, position=s.position, registration=s.candidates[0], rationale="")


# --------------------------------------------------------------------------------------- notice and done


def test_entering_notice_creates_it_with_working_days_rp_08(tree, hr_admin, monkeypatch):
    s = inspection_setup(tree, stage=Stage.DECISION)
    _decide(s, s.candidates[0])
    s.campaign.stage = Stage.NOTICE
    s.campaign.save()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2011, 11, 3))  # Thursday
    dsvc.on_stage_entered(s.campaign, Stage.NOTICE, hr_admin)
    notice = PublicNotice.objects.get(campaign=s.campaign)
    assert (notice.start, notice.end) == (dt.date(2011, 11, 3), dt.date(2011, 11, 9))  # Thu … next Wed
    assert "张明" in notice.text and "办公厅副主任" in notice.text
    dsvc.on_stage_entered(s.campaign, Stage.NOTICE, hr_admin)  # idempotent
    assert PublicNotice.objects.count() == 1


def _at_notice(s, start=dt.date(2011, 11, 3)):
    _decide(s, s.candidates[0])
    s.campaign.stage = Stage.NOTICE
    s.campaign.save()
    return nsvc.notice_ensure(actor=None, campaign=s.campaign, start=start)


def _today(monkeypatch, day):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)


def test_done_blocked_until_notice_has_run_rp_08(tree, monkeypatch):
    s = inspection_setup(tree, stage=Stage.DECISION)
    _at_notice(s)
    _today(monkeypatch, dt.date(2011, 11, 9))
    assert dsvc.decision_blocking_issues(s.campaign, Stage.DONE) == [
        "RP-08 任前公示期为2011-11-03至2011-11-09（5个工作日），公示期满后才能办理任职。"
    ]
    _today(monkeypatch, dt.date(2011, 11, 10))
    assert dsvc.decision_blocking_issues(s.campaign, Stage.DONE) == []


def test_open_objection_blocks_done_rp_08(tree, monkeypatch):
    s = inspection_setup(tree, stage=Stage.DECISION)
    notice = _at_notice(s)
    objection = nsvc.objection_add(
        actor=None,
        notice=notice,
        registration=s.candidates[0],
        received_on=dt.date(2011, 11, 4),
        content="反映问题",
    )
    _today(monkeypatch, dt.date(2011, 11, 10))
    assert dsvc.decision_blocking_issues(s.campaign, Stage.DONE) == [
        "RP-08 关于张明的反映（2011-11-04收到）尚未核查办结。"
    ]
    nsvc.objection_resolve(
        actor=None, objection=objection, status="dismissed", resolution="经核查，反映不实。"
    )
    assert dsvc.decision_blocking_issues(s.campaign, Stage.DONE) == []


def test_objection_only_against_appointees(tree):
    s = inspection_setup(tree, stage=Stage.DECISION)
    notice = _at_notice(s)
    with pytest.raises(ValidationFailed):
        nsvc.objection_add(
            actor=None, notice=notice, registration=s.candidates[1], received_on=dt.date.today(), content="x"
        )


def test_objection_resolution_needs_text(tree):
    s = inspection_setup(tree, stage=Stage.DECISION)
    notice = _at_notice(s)
    o = nsvc.objection_add(
        actor=None, notice=notice, registration=s.candidates[0], received_on=dt.date.today(), content="x"
    )
    with pytest.raises(ValidationFailed):
        nsvc.objection_resolve(actor=None, objection=o, status="upheld", resolution=" ")


def test_upheld_objection_forces_a_new_decision_r000_24(tree, monkeypatch):
    s = inspection_setup(tree, stage=Stage.DECISION)
    notice = _at_notice(s)
    o = nsvc.objection_add(
        actor=None, notice=notice, registration=s.candidates[0], received_on=dt.date(2011, 11, 4), content="x"
    )
    nsvc.objection_resolve(actor=None, objection=o, status="upheld", resolution="经核查属实。")
    _today(monkeypatch, dt.date(2011, 11, 10))
    assert dsvc.decision_blocking_issues(s.campaign, Stage.DONE) == [
        "R000-24 关于张明的反映经核查属实，“办公厅副主任”须重新研究决定。"
    ]
    # The leadership decides again: the runner-up, whose notice starts afresh today.
    proposal = dsvc.proposal_save(
        actor=None, position=s.position, registration=s.candidates[1], rationale="递补"
    )
    dsvc.proposal_decide(actor=None, proposal=proposal, decision="appoint", meeting="2011年第21次党组会议")
    notice.refresh_from_db()
    assert (notice.start, notice.end) == (dt.date(2011, 11, 10), dt.date(2011, 11, 16))
    assert "李华" in notice.text
    assert dsvc.decision_blocking_issues(s.campaign, Stage.DONE)[0].startswith("RP-08 任前公示期为2011-11-10")


def test_notice_end_cannot_be_shortened_rp_08(tree):
    s = inspection_setup(tree, stage=Stage.DECISION)
    notice = _at_notice(s)
    with pytest.raises(ValidationFailed):
        nsvc.notice_update(
            actor=None, notice=notice, start=dt.date(2011, 11, 3), end=dt.date(2011, 11, 8), text="t"
        )
    nsvc.notice_update(actor=None, notice=notice, start=dt.date(2011, 11, 4), text="t")
    assert notice.end == dt.date(2011, 11, 10)


def test_appointment_written_back_r000_24_and_scores_not_kept_r000_25(tree, hr_admin):
    s = inspection_setup(tree, stage=Stage.DECISION)
    _at_notice(s)
    winner = s.candidates[0].person
    RankHistory.objects.create(
        person=winner, rank=rank("chuzhang"), post_title="秘书处处长", start_date=dt.date(2005, 7, 1)
    )
    s.campaign.stage = Stage.DONE
    s.campaign.save()
    dsvc.appointments_write(actor=hr_admin, campaign=s.campaign, on=dt.date(2011, 11, 14))
    winner.refresh_from_db()
    assert winner.current_post == "办公厅副主任"
    assert winner.rank.name == "副局级" and winner.rank_start_date == dt.date(2011, 11, 14)
    old, new = RankHistory.objects.filter(person=winner).order_by("start_date")
    assert old.end_date == dt.date(2011, 11, 13)
    assert (new.rank.name, new.post_title, new.unit_name, new.start_date, new.end_date) == (
        "副局级",
        "办公厅副主任",
        "办公厅",
        dt.date(2011, 11, 14),
        None,
    )
    first, second = (Registration.objects.get(pk=r.pk) for r in s.candidates)
    assert (first.outcome, first.are_scores_kept) == ("appointed", True)
    # R000-25: inspected, not appointed → scores not kept, with the note on the stored total.
    assert (second.outcome, second.are_scores_kept) == ("not_appointed", False)
    assert StageResult.objects.get(registration=second, stage="total").note.startswith("R000-25")
    third = Registration.objects.get(pk=s.third.pk)
    assert (third.outcome, third.are_scores_kept) == ("", True)  # never inspected
    s.position.refresh_from_db()
    assert s.position.status == OfferedPosition.Status.FILLED
    # Idempotent: a second run writes nothing new.
    dsvc.appointments_write(actor=hr_admin, campaign=s.campaign, on=dt.date(2011, 11, 14))
    assert RankHistory.objects.filter(person=winner).count() == 2


def test_vacant_position_marked_and_all_inspected_lose_scores_r000_25(tree):
    s = inspection_setup(tree, stage=Stage.DECISION)
    _decide(s, None, decision="vacant")
    dsvc.on_stage_entered(s.campaign, Stage.DONE, None)
    s.position.refresh_from_db()
    assert s.position.status == OfferedPosition.Status.VACANT
    assert set(Registration.objects.filter(are_scores_kept=False).values_list("person__name", flat=True)) == {
        "张明",
        "李华",
    }


def test_done_blocked_without_a_notice_rp_08(tree):
    s = inspection_setup(tree, stage=Stage.NOTICE)
    assert dsvc.decision_blocking_issues(s.campaign, Stage.DONE) == ["尚未发布任前公示。"]


def test_done_blocked_while_a_revisited_position_is_undecided_r000_24(tree, monkeypatch):
    s = inspection_setup(tree, stage=Stage.DECISION)
    notice = _at_notice(s)
    o = nsvc.objection_add(
        actor=None, notice=notice, registration=s.candidates[0], received_on=dt.date(2011, 11, 4), content="x"
    )
    nsvc.objection_resolve(actor=None, objection=o, status="upheld", resolution="属实")
    dsvc.proposal_save(actor=None, position=s.position, registration=s.candidates[1], rationale="递补")
    _today(monkeypatch, dt.date(2011, 11, 10))
    assert dsvc.decision_blocking_issues(s.campaign, Stage.DONE) == [
        "R000-24 “办公厅副主任”尚未重新研究决定。"
    ]
    with pytest.raises(ValidationFailed):  # the person found at fault cannot be proposed again
        dsvc.proposal_save(actor=None, position=s.position, registration=s.candidates[0], rationale="")
