"""Eligibility review (R000-07 … R000-13) and the base score (R000-14) through the services: each rule as of
the tenure cut-off 2011-09-30 with its edge dates, the reviewer's judgement items, exemption and avoidance
records, decisions with reasons, and the stored base score with its derivation to the cent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kaoping.common.errors import DomainError
from kaoping.selection import services_review as revsvc
from kaoping.selection.models import Campaign, OfferedPosition, Registration, StageResult
from kaoping.selection.selectors import qualified_registrations
from tests.selection.factories_campaign import (
    add_position,
    add_secondment,
    at_stage,
    eligible_person,
    new_campaign,
    register,
)

Stage = Campaign.Stage
pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(tree):
    return new_campaign()


def registered(campaign, position, person) -> Registration:
    at_stage(campaign, Stage.REGISTRATION)
    reg = register(campaign, position, person)
    at_stage(campaign, Stage.REVIEW)
    return Registration.objects.select_related("campaign", "position", "person").get(pk=reg.pk)


def rule(review, rule_id: str) -> dict:
    return next(r for r in review.report if r["rule"] == rule_id)


def test_r000_07_exactly_three_years_on_cutoff_passes(campaign, tree):
    """正处级 since 2008-09-30: three full years on 2011-09-30 (inclusive, G-3) → eligible for 副局级."""
    post = add_position(campaign, tree.office, "副局级职位", level="副局级")
    reg = registered(campaign, post, eligible_person(tree.office, since=dt.date(2008, 9, 30)))
    review = revsvc.review_run(actor=None, registration=reg)
    assert rule(review, "R000-07")["passed"] is True


def test_r000_07_one_day_short_fails_with_reason(campaign, tree):
    """R000-07."""
    post = add_position(campaign, tree.office, "副局级职位", level="副局级")
    reg = registered(campaign, post, eligible_person(tree.office, since=dt.date(2008, 10, 1)))
    review = revsvc.review_run(actor=None, registration=reg)
    row = rule(review, "R000-07")
    assert row["passed"] is False and "不满3年" in row["reason"] and "2011-10-01" in row["reason"]
    with pytest.raises(DomainError) as exc:
        revsvc.review_decide(actor=None, registration=reg, qualified=True)
    assert exc.value.code == "not_eligible"


def test_r000_07_vice_division_two_years_for_division_post(campaign, tree):
    """R000-07."""
    post = add_position(campaign, tree.office, "正处级职位", level="正处级")
    reg = registered(
        campaign, post, eligible_person(tree.office, code="fu_chuzhang", since=dt.date(2009, 9, 30))
    )
    assert rule(revsvc.review_run(actor=None, registration=reg), "R000-07")["passed"] is True


@pytest.mark.parametrize(("born", "ok"), [(dt.date(1953, 10, 1), True), (dt.date(1953, 9, 30), False)])
def test_r000_08_union_vice_chair_age_edge(campaign, tree, born, ok):
    """产业工会副主席: born on or after 1953-10-01 (that day included)."""
    post = add_position(
        campaign, tree.office, "产业工会副主席", level="副局级", extra_rule_lists=["产业工会副主席"]
    )
    reg = registered(campaign, post, eligible_person(tree.office, since=dt.date(2005, 1, 1), birth_date=born))
    row = rule(revsvc.review_run(actor=None, registration=reg), "R000-08")
    assert row["passed"] is ok
    assert row["data"]["birth_date"] == born.isoformat()


def test_r000_09_missing_annual_year_fails(campaign, tree):
    """R000-09."""
    post = add_position(campaign, tree.office, level="正处级")
    person = eligible_person(tree.office, grades={2008: "competent", 2010: "excellent"})
    reg = registered(campaign, post, person)
    row = rule(revsvc.review_run(actor=None, registration=reg), "R000-09")
    assert row["passed"] is False and "缺少2009年度考核结果" in row["reason"]


def test_r000_09_basic_competent_fails(campaign, tree):
    """R000-09."""
    post = add_position(campaign, tree.office, level="正处级")
    person = eligible_person(
        tree.office, grades={2008: "competent", 2009: "basic_competent", 2010: "excellent"}
    )
    row = rule(revsvc.review_run(actor=None, registration=registered(campaign, post, person)), "R000-09")
    assert row["passed"] is False and "低于称职" in row["reason"]


def test_r000_10_exemption_needs_approval_and_signature(campaign, tree):
    """R000-10."""
    post = add_position(campaign, tree.office, level="正处级")
    reg = registered(campaign, post, eligible_person(tree.office, has_grassroots_experience=False))
    assert rule(revsvc.review_run(actor=None, registration=reg), "R000-10")["passed"] is False
    with pytest.raises(DomainError):
        revsvc.review_record(actor=None, registration=reg, has_exemption=True, exemption_approved_by="")
    review = revsvc.review_record(
        actor=None,
        registration=reg,
        has_exemption=True,
        exemption_approved_by="2011年10月8日部务会研究同意",
        exemption_head_signed=True,
    )
    review.refresh_from_db()
    row = rule(review, "R000-10")
    assert row["passed"] is True and "书面承诺" in row["flags"][0]


def test_r000_11_transfer_conditions_for_affiliated_unit(campaign, tree):
    """A 直属单位 person applying to a 副局级 post of a 参公 department gets the 调任 list: pending until the
    reviewer records both judgement items."""
    post = add_position(campaign, tree.office, "办公厅副主任", level="副局级")
    person = eligible_person(tree.institute, birth_date=dt.date(1960, 5, 1))
    reg = registered(campaign, post, person)
    assert revsvc.is_transfer(reg)
    assert revsvc.judgement_items(reg) == ["最低工作年限", "相当的工作经历与任职资历"]
    row = rule(revsvc.review_run(actor=None, registration=reg), "R000-11")
    assert row["passed"] is False and row["pending"] is True
    review = revsvc.review_record(
        actor=None,
        registration=reg,
        judgements={
            "最低工作年限": {"status": "yes", "note": "累计工作年限符合"},
            "相当的工作经历与任职资历": {"status": "yes", "note": ""},
        },
    )
    review.refresh_from_db()
    assert rule(review, "R000-11")["passed"] is True


def test_r000_11_not_applied_to_agency_people_or_institution_posts(campaign, tree):
    """R000-11."""
    agency_post = add_position(campaign, tree.office, "副局级", level="副局级")
    inst_post = add_position(
        campaign, tree.institute, "研究所副所长", level="副局级", kind=OfferedPosition.Kind.INSTITUTION
    )
    reg1 = registered(campaign, agency_post, eligible_person(tree.office))
    at_stage(campaign, Stage.REGISTRATION)
    reg2 = registered(campaign, inst_post, eligible_person(tree.institute))
    assert not revsvc.is_transfer(reg1) and not revsvc.is_transfer(reg2)
    assert not any(r["rule"] == "R000-11" for r in revsvc.review_run(actor=None, registration=reg2).report)


def test_r000_11_too_old_for_transfer_fails(campaign, tree):
    """R000-11."""
    post = add_position(campaign, tree.office, level="副局级")
    reg = registered(campaign, post, eligible_person(tree.institute, birth_date=dt.date(1956, 9, 30)))
    row = rule(revsvc.review_run(actor=None, registration=reg), "R000-11")
    assert row["passed"] is False and not row["pending"] and "早于1956-10-01" in row["reason"]


def test_r000_12_avoidance_blocks_or_is_cleared(campaign, tree):
    """R000-12."""
    post = add_position(campaign, tree.office, level="正处级")
    reg = registered(campaign, post, eligible_person(tree.office))
    revsvc.avoidance_add(
        actor=None,
        registration=reg,
        kind="relative_line",
        related_person="李四",
        description="配偶",
        resolution="block",
    )
    reg.review.refresh_from_db()
    row = rule(reg.review, "R000-12")
    assert row["passed"] is False and "配偶" in row["reason"]
    declaration = reg.avoidances.get()
    revsvc.avoidance_delete(actor=None, declaration=declaration)
    revsvc.avoidance_add(
        actor=None,
        registration=reg,
        kind="other",
        related_person="王五",
        description="",
        resolution="cleared",
    )
    reg.review.refresh_from_db()
    assert rule(reg.review, "R000-12")["passed"] is True


def test_r000_13_rejection_needs_reasons_and_qualified_list(campaign, tree):
    """R000-13."""
    post = add_position(campaign, tree.office, level="正处级")
    at_stage(campaign, Stage.REGISTRATION)
    good = register(campaign, post, eligible_person(tree.office, "合格者"))
    bad = register(campaign, post, eligible_person(tree.office, "不合格者"))
    at_stage(campaign, Stage.REVIEW)
    good, bad = (
        Registration.objects.select_related("campaign", "position").get(pk=r.pk) for r in (good, bad)
    )
    with pytest.raises(DomainError) as exc:
        revsvc.review_decide(actor=None, registration=bad, qualified=False, reasons="")
    assert exc.value.code == "reason_required"
    revsvc.review_decide(actor=None, registration=bad, qualified=False, reasons="R000-12 存在回避情形")
    revsvc.review_decide(actor=None, registration=good, qualified=True)
    assert [r.person.name for r in qualified_registrations(campaign)] == ["合格者"]
    bad.refresh_from_db()
    assert bad.status == Registration.Status.REJECTED and bad.review.reasons == "R000-12 存在回避情形"


def test_r000_14_base_score_stored_with_derivation(campaign, tree):
    """处长 30 + (2008 称职 15 + 2009 优秀 17 + 2010 优秀 17 = 49) + 援疆 2009-01-01—2010-06-30 (18 months,
    3 half-years = 4.50) = 83.50; weighted ×20% = 16.70."""
    post = add_position(campaign, tree.office, level="正处级")
    person = eligible_person(tree.office, since=dt.date(2005, 7, 1))
    add_secondment(person, "xinjiang", dt.date(2009, 1, 1), dt.date(2010, 6, 30))
    reg = registered(campaign, post, person)
    revsvc.review_decide(actor=None, registration=reg, qualified=True)
    base = StageResult.objects.get(registration=reg, stage="base")
    assert base.value == Decimal("83.50") and base.weighted == Decimal("16.70")
    assert base.derivation["rule"] == "R000-14"
    assert "职务分 30 + 年度考核分 49" in base.derivation["formula"]
    assert "挂职分 4.5" in base.derivation["formula"]


def test_r000_14_secondment_before_current_rank_not_counted(campaign, tree):
    """R000-14."""
    post = add_position(campaign, tree.office, level="正处级")
    person = eligible_person(tree.office, since=dt.date(2008, 1, 1))
    add_secondment(person, "tibet", dt.date(2006, 1, 1), dt.date(2008, 12, 31))  # 12 months inside the rank
    reg = registered(campaign, post, person)
    revsvc.review_decide(actor=None, registration=reg, qualified=True)
    assert StageResult.objects.get(registration=reg, stage="base").value == Decimal("82.00")


def test_run_all_checks_every_submitted(campaign, tree, hr_admin):
    post = add_position(campaign, tree.office, level="正处级")
    at_stage(campaign, Stage.REGISTRATION)
    for _ in range(3):
        register(campaign, post, eligible_person(tree.office))
    at_stage(campaign, Stage.REVIEW)
    assert revsvc.review_run_all(actor=hr_admin, campaign=campaign) == 3
    assert all(r.review.evaluated_at for r in campaign.registrations.all())


def test_review_locked_outside_review_stage(campaign, tree):
    post = add_position(campaign, tree.office, level="正处级")
    reg = registered(campaign, post, eligible_person(tree.office))
    revsvc.review_decide(actor=None, registration=reg, qualified=True)
    at_stage(campaign, Stage.EVALUATION)
    reg = Registration.objects.select_related("campaign", "position").get(pk=reg.pk)
    with pytest.raises(DomainError) as exc:
        revsvc.review_decide(actor=None, registration=reg, qualified=False, reasons="改判")
    assert exc.value.code == "wrong_stage"
