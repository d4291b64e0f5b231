"""Builders for annual-round tests: a round with teams, cadres, sub-item scores and counts, made through
the services (so the tests exercise the same paths as the pages)."""

from __future__ import annotations

import itertools
from decimal import Decimal

from kaoping.annual import services as svc
from kaoping.annual.models import AnnualRound, Cadre, SubItem, Team, TeamType
from tests.factories import make_person, make_unit

D = Decimal
_seq = itertools.count(1)


def make_round(
    unit, actor=None, *, year: int = 2011, grade_set: str = "civil_servant", **fields
) -> AnnualRound:
    rnd = svc.round_create(
        actor=actor, year=year, title=f"{year}年度综合考核", unit=unit, grade_set=grade_set
    )
    for name, value in fields.items():
        setattr(rnd, name, value)
    if fields:
        rnd.save()
    return rnd


def team_type(rnd: AnnualRound, kind: str) -> TeamType:
    return rnd.team_types.get(kind=kind)


def add_item(rnd: AnnualRound, kind: str, name: str, points, responsible) -> SubItem:
    return svc.sub_item_create(
        actor=None,
        round=rnd,
        team_type=team_type(rnd, kind),
        name=name,
        points=D(points),
        responsible_unit=responsible,
    )


def add_team(rnd: AnnualRound, parent, kind: str = "affiliated", name: str | None = None) -> Team:
    unit = make_unit(name or f"单位{next(_seq)}", parent=parent)
    return svc.team_create(actor=None, round=rnd, unit=unit, team_type=team_type(rnd, kind))


def add_cadre(
    rnd: AnnualRound, *, role: str = "deputy", team: Team | None = None, unit=None, kind=None, **fields
) -> Cadre:
    person = make_person(unit or team.unit)
    tt = team_type(rnd, kind) if kind else None
    return svc.cadre_create(
        actor=None, round=rnd, person=person, role=role, team=team, team_type=tt, **fields
    )


def to_scoring(rnd: AnnualRound) -> AnnualRound:
    rnd.stage = AnnualRound.Stage.SCORING
    rnd.save(update_fields=["stage"])
    return rnd


def score_team(team: Team, values: dict[str, str]) -> None:
    for item in team.team_type.sub_items.all():
        svc.sub_item_score_set(actor=None, sub_item=item, team=team, score=D(values[item.name]))


def counts(rnd, subject, values: dict[str, int], tally: str = "main") -> None:
    key = "team" if isinstance(subject, Team) else "cadre"
    svc.tally_set(actor=None, round=rnd, counts=values, tally=tally, **{key: subject})


GOOD_PB = {"好": 9, "较好": 1, "一般": 0, "差": 0}  # party-building table that triggers nothing


def single_item_round(tree, **fields) -> AnnualRound:
    """A round whose team types each have one 70-point sub-item, so a team's total is simply
    its sub-item score + 30 × the democratic share."""
    rnd = make_round(tree.root, **fields)
    for kind in ("farm", "affiliated", "agency"):
        add_item(rnd, kind, "综合分项", "70", tree.org_dept)
    return rnd


def scored_team(rnd, parent, kind: str, sub: str, main=None, pb=None, name=None) -> Team:
    """A team with its single sub-item scored ``sub`` and all-好 counts unless given (total = sub + 30)."""
    team = add_team(rnd, parent, kind, name=name)
    rnd.stage = AnnualRound.Stage.SCORING
    rnd.save(update_fields=["stage"])
    item = team.team_type.sub_items.get()
    svc.sub_item_score_set(actor=None, sub_item=item, team=team, score=D(sub))
    counts(rnd, team, main or {"好": 10})
    counts(rnd, team, pb or GOOD_PB, tally="party_building")
    rnd.stage = AnnualRound.Stage.SETUP
    rnd.save(update_fields=["stage"])
    return team


def voted_cadre(rnd, *, votes=None, **kwargs) -> Cadre:
    """A cadre with democratic counts (all 优秀 unless given)."""
    cadre = add_cadre(rnd, **kwargs)
    stage = rnd.stage
    rnd.stage = AnnualRound.Stage.SCORING
    rnd.save(update_fields=["stage"])
    counts(rnd, cadre, votes or {"优秀": 10})
    rnd.stage = stage
    rnd.save(update_fields=["stage"])
    return cadre
