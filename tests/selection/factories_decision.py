"""Builders for the inspection / decision / notice tests: a campaign standing at a given stage with
positions whose inspection candidates are set directly as stored total results (independent of the
registration and results services)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from kaoping.scoring.presets.selection import SEED000_INSPECTION_TEAM
from kaoping.selection.models import (
    Campaign,
    InspectionTeam,
    OfferedPosition,
    Registration,
    StageResult,
)
from tests.factories import make_person, make_unit, make_user, rank

_seq = itertools.count(1)


def make_campaign(stage: str = Campaign.Stage.INSPECTION, **fields) -> Campaign:
    fields.setdefault("title", f"测试竞争上岗{next(_seq)}")
    fields.setdefault("tenure_cutoff", dt.date(2011, 9, 30))
    fields.setdefault("registration_deadline", timezone.make_aware(dt.datetime(2011, 10, 9, 17)))
    fields.setdefault("inspection_team_rule", dict(SEED000_INSPECTION_TEAM))
    return Campaign.objects.create(stage=stage, **fields)


def make_position(campaign: Campaign, unit, title: str | None = None, **fields) -> OfferedPosition:
    n = next(_seq)
    fields.setdefault("level", "副局级")
    fields.setdefault("order", n)
    return OfferedPosition.objects.create(campaign=campaign, unit=unit, title=title or f"职位{n}", **fields)


def make_registration(position: OfferedPosition, person, **fields) -> Registration:
    fields.setdefault("status", Registration.Status.QUALIFIED)
    return Registration.objects.create(campaign=position.campaign, position=position, person=person, **fields)


def set_total(reg: Registration, value: str, rank_: int, advances: bool) -> StageResult:
    return StageResult.objects.create(
        campaign=reg.campaign,
        position=reg.position,
        registration=reg,
        stage=StageResult.Stage.TOTAL,
        value=Decimal(value),
        weighted=Decimal(value),
        rank=rank_,
        advances=advances,
        computed_at=timezone.now(),
    )


@dataclass
class Setup:
    campaign: Campaign
    position: OfferedPosition
    candidates: list[Registration]  # the two inspection candidates, best first
    third: Registration  # interviewed, not an inspection candidate
    team: InspectionTeam | None = None
    members: list = field(default_factory=list)


def inspection_setup(tree, stage: str = Campaign.Stage.INSPECTION, with_team: bool = True) -> Setup:
    """One position at 办公厅 with three interviewed candidates (two advance to inspection) and, optionally,
    a valid five-person team led by a 正局级 cadre of 组织部 (no one from 办公厅)."""
    campaign = make_campaign(stage)
    position = make_position(campaign, tree.office, "办公厅副主任")
    people = [make_person(tree.office, name) for name in ("张明", "李华", "王强")]
    regs = [make_registration(position, p) for p in people]
    for i, (reg, value) in enumerate(zip(regs, ("86.5000", "84.2000", "80.1000"), strict=True), start=1):
        set_total(reg, value, i, i <= 2)
    setup = Setup(campaign, position, regs[:2], regs[2])
    if with_team:
        setup.team, setup.members = make_team(campaign, tree.org_dept, "第一考察组")
        position.inspection_team = setup.team
        position.save()
    return setup


def make_team(campaign: Campaign, unit, name: str, size: int = 5, leader_rank: str = "zheng_ju"):
    team = InspectionTeam.objects.create(campaign=campaign, name=name)
    members = []
    leader = make_person(unit, f"{name}组长", rank=rank(leader_rank), rank_start_date=dt.date(2008, 1, 1))
    members.append(team.members.create(person=leader, is_leader=True))
    for i in range(size - 1):
        members.append(team.members.create(person=make_person(unit, f"{name}成员{i + 1}")))
    return team, members


def make_inspector(member, username: str = "inspector"):
    from kaoping.accounts.roles import Role

    user = make_user(username, Role.INSPECTOR)
    member.user = user
    member.save()
    return user


def extra_unit(tree, name: str):
    return make_unit(name, parent=tree.root)
