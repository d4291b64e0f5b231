"""The inspection → decision → notice → done part through the campaign stage machine (S1's campaign_advance
calls decision_blocking_issues and on_stage_entered): R000-23, R000-24, R000-25, RP-08."""

from __future__ import annotations

import datetime as dt

import pytest

from kaoping.common.errors import TransitionBlocked
from kaoping.selection import services as csvc
from kaoping.selection import services_decision as dsvc
from kaoping.selection import services_inspection as isvc
from kaoping.selection.models import Campaign, PublicNotice, Registration
from tests.selection.factories_decision import inspection_setup
from tests.selection.test_inspection_services import REPORT

pytestmark = pytest.mark.django_db
Stage = Campaign.Stage


def _advance(campaign, actor):
    return csvc.campaign_advance(actor=actor, campaign=campaign, confirm=True)


def test_whole_decision_part_through_the_stage_machine(tree, hr_admin, leader, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2011, 11, 2))
    s = inspection_setup(tree)
    with pytest.raises(TransitionBlocked) as exc:
        _advance(s.campaign, hr_admin)
    assert "R000-23 “办公厅副主任”考察对象张明尚无考察材料。" in exc.value.issues
    for reg in s.candidates:
        isvc.report_save(actor=hr_admin, team=s.team, registration=reg, **REPORT)
    campaign = _advance(s.campaign, hr_admin)
    assert campaign.stage == Stage.DECISION

    with pytest.raises(TransitionBlocked):
        _advance(campaign, hr_admin)
    proposal = dsvc.proposal_save(
        actor=hr_admin, position=s.position, registration=s.candidates[0], rationale=""
    )
    dsvc.proposal_comment(
        actor=hr_admin, proposal=proposal, party_committee_comment="同意", discipline_committee_comment="同意"
    )
    dsvc.proposal_decide(actor=leader, proposal=proposal, decision="appoint", meeting="2011年第20次党组会议")
    campaign = _advance(campaign, hr_admin)
    assert campaign.stage == Stage.NOTICE
    notice = PublicNotice.objects.get(campaign=campaign)  # created on entering the stage
    assert (notice.start, notice.end) == (dt.date(2011, 11, 2), dt.date(2011, 11, 8))

    with pytest.raises(TransitionBlocked) as exc:
        _advance(campaign, hr_admin)
    assert exc.value.issues[0].startswith("RP-08 任前公示期为2011-11-02至2011-11-08")
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2011, 11, 9))
    campaign = _advance(campaign, hr_admin)
    assert campaign.stage == Stage.DONE
    first, second = (Registration.objects.select_related("person").get(pk=r.pk) for r in s.candidates)
    assert first.outcome == "appointed" and first.person.current_post == "办公厅副主任"
    assert (second.outcome, second.are_scores_kept) == ("not_appointed", False)  # R000-25
