"""Campaign services and the stage machine (R000-01, R000-05): creation from the preset, copying, scheme
validation and freezing, positions locking, every blocking issue of the S1 transitions, no skipping."""

from __future__ import annotations

import pytest

from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.selection import services
from kaoping.selection import services_registration as regsvc
from kaoping.selection import services_review as revsvc
from kaoping.selection.models import Campaign, OfferedPosition, Registration
from tests.selection.factories_campaign import (
    add_position,
    at_stage,
    eligible_person,
    new_campaign,
    past_deadline,
    register,
)

Stage = Campaign.Stage
pytestmark = pytest.mark.django_db


def advance(campaign, actor=None):
    return services.campaign_advance(actor=actor, campaign=campaign, confirm=True)


def test_create_from_preset_copies_scheme(tree, hr_admin):
    campaign = new_campaign(hr_admin, doc_number="工组字[2011]369号")
    assert campaign.stage == Stage.DRAFT
    assert campaign.preset_key == "selection.seed000"
    assert campaign.scheme["weights"]["exam"] == "0.30"
    assert campaign.inspection_team_rule["min_members"] == 4
    assert AuditEntry.objects.filter(object_type="selection.campaign", object_id=str(campaign.pk)).exists()


def test_unknown_preset_refused(tree):
    with pytest.raises(DomainError):
        new_campaign(preset_key="nope")


def test_scheme_error_names_field(tree):
    campaign = new_campaign()
    scheme = dict(
        campaign.scheme, weights={"base": "0.5", "evaluation": "0.2", "exam": "0.3", "interview": "0.3"}
    )
    with pytest.raises(ValidationFailed) as exc:
        services.campaign_scheme_save(actor=None, campaign=campaign, scheme=scheme)
    assert "weights" in exc.value.errors
    assert "100%" in exc.value.errors["weights"][0]


def test_scheme_eligibility_rule_error_names_path(tree):
    campaign = new_campaign()
    scheme = dict(campaign.scheme)
    scheme["eligibility"] = {"正处级": [{"kind": "weird"}]}
    with pytest.raises(ValidationFailed) as exc:
        services.campaign_scheme_save(actor=None, campaign=campaign, scheme=scheme)
    assert "eligibility.正处级[0].kind" in exc.value.errors


def test_scheme_frozen_once_registration_opens(tree):
    campaign = at_stage(new_campaign(), Stage.REGISTRATION)
    with pytest.raises(DomainError) as exc:
        services.campaign_scheme_save(actor=None, campaign=campaign, scheme=campaign.scheme)
    assert exc.value.code == "scheme_frozen"


def test_copy_copies_positions_not_registrations(tree):
    source = new_campaign()
    add_position(source, tree.office, "办公厅副主任", level="副局级")
    source = at_stage(source, Stage.REGISTRATION)
    register(source, source.positions.get(), eligible_person(tree.office))
    copy = services.campaign_copy(actor=None, source=source, title="2012年竞争上岗")
    assert copy.stage == Stage.DRAFT and copy.copied_from == source
    assert list(copy.positions.values_list("title", flat=True)) == ["办公厅副主任"]
    assert copy.registrations.count() == 0
    assert copy.scheme == source.scheme


def test_position_locked_after_publishing_except_text(tree):
    campaign = new_campaign()
    position = add_position(campaign, tree.office)
    campaign = at_stage(campaign, Stage.PUBLISHED)
    position.refresh_from_db()
    from kaoping.selection.services_positions import position_create, position_update

    position_update(actor=None, position=position, duties="一、协助工作\n二、领导处室")
    assert position.duties == ["一、协助工作", "二、领导处室"]
    with pytest.raises(DomainError) as exc:
        position_update(actor=None, position=position, level="副局级")
    assert exc.value.code == "position_locked"
    with pytest.raises(DomainError):
        position_create(actor=None, campaign=campaign, title="新职位", unit=tree.office, level="正处级")


# ------------------------------------------------------------------------------------- blocking issues


def test_draft_to_published_needs_a_position(tree):
    campaign = new_campaign()
    issues = services.campaign_blocking_issues(campaign)
    assert any("尚未设置竞争职位" in i for i in issues)
    with pytest.raises(TransitionBlocked):
        advance(campaign)


def test_draft_to_published_needs_valid_scheme_and_lists(tree):
    campaign = new_campaign()
    add_position(campaign, tree.office, level="科级")
    Campaign.objects.filter(pk=campaign.pk).update(scheme={**campaign.scheme, "weights": {"base": "1.5"}})
    campaign.refresh_from_db()
    issues = services.campaign_blocking_issues(campaign)
    assert any("计分方案无效" in i for i in issues)
    campaign.scheme = services.selection_presets()["selection.seed000"].data
    campaign.save()
    assert any("科级" in i for i in services.campaign_blocking_issues(campaign))


def test_draft_to_published_deadline_after_opening(tree):
    campaign = new_campaign()
    add_position(campaign, tree.office)
    campaign.registration_opens = campaign.registration_deadline
    campaign.save()
    assert any("晚于报名开始时间" in i for i in services.campaign_blocking_issues(campaign))


def test_stage_skipping_impossible(tree):
    campaign = new_campaign()
    add_position(campaign, tree.office)
    issues = services.campaign_blocking_issues(campaign, Stage.REGISTRATION)
    assert any("依次进行" in i for i in issues)
    advance(campaign)
    campaign.refresh_from_db()
    assert campaign.stage == Stage.PUBLISHED


def test_advance_needs_confirmation(tree):
    campaign = new_campaign()
    add_position(campaign, tree.office)
    with pytest.raises(DomainError) as exc:
        services.campaign_advance(actor=None, campaign=campaign)
    assert exc.value.code == "confirm_required"
    campaign.refresh_from_db()
    assert campaign.stage == Stage.DRAFT


def test_every_transition_audited(tree, hr_admin):
    campaign = new_campaign()
    add_position(campaign, tree.office)
    advance(campaign, hr_admin)
    advance(campaign, hr_admin)
    rows = AuditEntry.objects.filter(
        object_type="selection.campaign", object_id=str(campaign.pk), action=AuditEntry.Action.UPDATE
    ).order_by("id")
    stages = [r.changes.get("stage") for r in rows]
    assert stages == [["draft", "published"], ["published", "registration"]]


def test_registration_to_review_blocks_before_deadline_and_unsigned(tree):
    """R000-04, R000-06: the deadline must have passed; forms still with the unit are listed."""
    campaign = new_campaign()
    position = add_position(campaign, tree.office)
    campaign = at_stage(campaign, Stage.REGISTRATION)
    person = eligible_person(tree.office, "王一")
    register(campaign, position, person, sign=False)
    issues = services.campaign_blocking_issues(campaign)
    assert any("报名尚未截止" in i for i in issues)
    assert any("王一" in i and "单位审核" in i for i in issues)
    past_deadline(campaign)
    issues = services.campaign_blocking_issues(campaign)
    assert len(issues) == 1 and "王一" in issues[0]


def test_positions_below_minimum_not_opened_at_review(tree):
    """R000-05: fewer than 3 registrants at the deadline → 报名不足未开考; registrants may move."""
    campaign = new_campaign()
    full = add_position(campaign, tree.office, "甲职位")
    thin = add_position(campaign, tree.office, "乙职位")
    campaign = at_stage(campaign, Stage.REGISTRATION)
    for _i in range(3):
        register(campaign, full, eligible_person(tree.office))
    mover = register(campaign, thin, eligible_person(tree.office, "李二"))
    register(campaign, thin, eligible_person(tree.office))
    past_deadline(campaign)
    advance(campaign)
    full.refresh_from_db()
    thin.refresh_from_db()
    assert full.status == OfferedPosition.Status.OPEN
    assert thin.status == OfferedPosition.Status.NOT_OPENED
    campaign.refresh_from_db()
    mover = regsvc.registration_move(
        actor=None,
        registration=Registration.objects.get(pk=mover.pk),
        to_position=full,
        request_note="书面申请改报甲职位",
    )
    assert mover.position == full
    assert mover.changes.get().kind == "move"
    with pytest.raises(DomainError):
        regsvc.registration_move(actor=None, registration=mover, to_position=thin, request_note="再改")


def test_review_to_evaluation_needs_every_decision_and_base_score(tree):
    campaign = new_campaign()
    position = add_position(campaign, tree.office)
    campaign = at_stage(campaign, Stage.REGISTRATION)
    regs = [register(campaign, position, eligible_person(tree.office, f"候选{i}")) for i in range(3)]
    campaign = at_stage(past_deadline(campaign), Stage.REVIEW)
    issues = services.campaign_blocking_issues(campaign)
    assert len(issues) == 3 and all("尚未作出资格审查结论" in i for i in issues)
    for reg in regs[:2]:
        revsvc.review_decide(actor=None, registration=reg, qualified=True)
    revsvc.review_decide(actor=None, registration=regs[2], qualified=False, reasons="不符合回避规定")
    assert services.campaign_blocking_issues(campaign) == []
    from kaoping.selection.models import StageResult

    StageResult.objects.filter(registration=regs[0]).delete()
    issues = services.campaign_blocking_issues(campaign)
    assert issues and "基础分尚未计算" in issues[0]
