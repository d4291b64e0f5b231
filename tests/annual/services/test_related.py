"""Related assessments: probation R002-07, grassroots training R002-08, reserves at 1:1 R002-09, the
nine-aspect institution staff appraisal with bonus points R002-10."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from kaoping.annual import services_related as rsvc
from kaoping.common.errors import ValidationFailed
from tests.annual import builders as b
from tests.factories import make_person


@pytest.fixture
def rnd(tree):
    return b.make_round(tree.root)


def test_R002_07_probation_pass_and_fail(rnd, tree):
    a = rsvc.probation_add(
        actor=None,
        round=rnd,
        person=make_person(tree.office),
        post_title="副处长",
        start_date=dt.date(2010, 12, 1),
    )
    assert "2011-12-01 期满，尚未考核" in a.outcome
    rsvc.probation_decide(actor=None, probation=a, result="合格")
    assert "办理正式任职" in a.outcome
    c = rsvc.probation_add(
        actor=None,
        round=rnd,
        person=make_person(tree.office),
        post_title="副处长",
        start_date=dt.date(2010, 12, 1),
    )
    rsvc.probation_decide(actor=None, probation=c, result="不合格")
    assert "免去试任职务" in c.outcome and "原职级" in c.outcome
    with pytest.raises(ValidationFailed):
        rsvc.probation_decide(actor=None, probation=c, result="良好")


def test_R002_08_training_failure_or_none_blocks_confirmation(rnd, tree):
    t = rsvc.training_add(actor=None, round=rnd, person=make_person(tree.office), place="一连")
    assert not t.may_confirm and "未经基层锻炼" in t.outcome
    rsvc.training_assess(actor=None, training=t, result="优秀")
    assert t.may_confirm
    rsvc.training_assess(actor=None, training=t, result="不合格")
    assert not t.may_confirm and "不能办理转正定级" in t.outcome


def test_R002_09_reserves_one_to_one(rnd, tree):
    team = b.add_team(rnd, tree.root, "farm")
    b.add_cadre(rnd, role="head", team=team)
    b.add_cadre(rnd, role="deputy", team=team)
    b.add_cadre(rnd, role="deputy", team=team)
    rsvc.reserve_add(actor=None, round=rnd, team=team, person=make_person(team.unit), post_kind="head")
    status = rsvc.reserve_status(rnd)[0]
    assert (status.heads, status.deputies, status.requirement.value, status.recommended) == (1, 2, 3, 1)
    assert "应推荐 3 名，已推荐 1 名" in status.issue
    for _ in range(2):
        rsvc.reserve_add(actor=None, round=rnd, team=team, person=make_person(team.unit), post_kind="deputy")
    assert rsvc.reserve_status(rnd)[0].issue == ""


def test_R002_10_nine_aspects_plus_bonus_to_the_cent(rnd, tree):
    aspects = {f"k{i}": D(v) for i, v in enumerate([90, 80, 85, 90, 80, 85, 90, 88, 86], start=1)}
    row = rsvc.appraisal_set(
        actor=None,
        round=rnd,
        person=make_person(tree.institute),
        aspects=aspects,
        bonus=D(3),
        bonus_note="市级表彰",
    )
    # 9 + 8 + 8.5 + 9 + 8 + 8.5 + 13.5 + 13.2 + 8.6 = 86.30, + 3 = 89.30
    assert row.total == D("89.30")
    assert row.derivation["rule"] == "R002-10"


def test_R002_10_missing_aspect_is_refused(rnd, tree):
    with pytest.raises(ValidationFailed) as exc:
        rsvc.appraisal_set(actor=None, round=rnd, person=make_person(tree.institute), aspects={"k1": D(90)})
    assert "缺少“职业道德”得分" in exc.value.message
