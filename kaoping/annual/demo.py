"""Demo data of the annual app, loaded by kaoping_setup on first start: a 2011 round over the org demo tree
(kaoping/org/demo.py) with two team types (直属企事业单位, 机关部门), heads and deputies, sub-items scored by
组织部 and 办公厅, democratic counts, a veto (一票否决) on one team, and the system's proposals.

Idempotent: nothing happens when the round exists or the org demo tree is missing. Deterministic (fixed
random seed)."""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction

from kaoping.annual import services as svc
from kaoping.annual import services_grading as gsvc
from kaoping.annual.models import AnnualRound, Cadre, TeamType
from kaoping.org.demo import DEMO_ROOT_CODE
from kaoping.org.models import Person, Unit

TITLE = "2011年度领导班子和领导干部综合考核"
YEAR = 2011
SEED = 20111231
AFFILIATED = ("GYS", "XXZX", "DWJL", "FWZX", "WGT")
AGENCY = ("BGT", "ZZB", "XJB", "JCB", "MZB", "LBB", "JJB")
ITEMS = {
    TeamType.Kind.AFFILIATED: (
        ("党风廉政建设责任制考核", "20", "ZZB"),
        ("组织建设考核", "20", "ZZB"),
        ("履行工作职责及重点工作完成情况", "30", "BGT"),
    ),
    TeamType.Kind.AGENCY: (
        ("党风廉政建设责任制考核", "20", "ZZB"),
        ("意识形态考核", "20", "XJB"),
        ("履行工作职责及重点工作完成情况", "30", "BGT"),
    ),
}


def _people(unit: Unit, n: int) -> list[Person]:
    return list(
        Person.objects.filter(unit__path__startswith=unit.path, is_active=True)
        .select_related("rank")
        .order_by("rank__order", "name", "id")[:n]
    )


def _votes(rng: random.Random, options: list[str], total: int, bias: float) -> dict[str, int]:
    weights = [max(0.02, bias - 0.25 * i) for i in range(len(options))]
    counts = {o: 0 for o in options}
    for _ in range(total):
        counts[rng.choices(options, weights)[0]] += 1
    return counts


@transaction.atomic
def load_annual_demo() -> None:
    """Load the demo unless it is already there (idempotent)."""
    root = Unit.objects.filter(code=DEMO_ROOT_CODE).first()
    if root is None or AnnualRound.objects.filter(year=YEAR, title=TITLE).exists():
        return
    units = {u.code: u for u in Unit.objects.filter(code__in=(*AFFILIATED, *AGENCY, "ZZB", "BGT", "XJB"))}
    rng = random.Random(SEED)
    rnd = svc.round_create(actor=None, year=YEAR, title=TITLE, unit=root, with_default_types=True)
    rnd.team_types.filter(kind=TeamType.Kind.FARM).delete()
    types = {t.kind: t for t in rnd.team_types.all()}
    for kind, items in ITEMS.items():
        for order, (name, points, code) in enumerate(items):
            svc.sub_item_create(
                actor=None,
                round=rnd,
                team_type=types[kind],
                name=name,
                points=Decimal(points),
                responsible_unit=units[code],
                order=order,
            )
    teams, cadres = [], []
    for kind, codes in ((TeamType.Kind.AFFILIATED, AFFILIATED), (TeamType.Kind.AGENCY, AGENCY)):
        for code in codes:
            unit = units.get(code)
            if unit is None:
                continue
            team = svc.team_create(actor=None, round=rnd, unit=unit, team_type=types[kind])
            teams.append(team)
            for i, person in enumerate(_people(unit, 3)):
                role = Cadre.Role.HEAD if i == 0 else Cadre.Role.DEPUTY
                cadres.append(
                    svc.cadre_create(
                        actor=None,
                        round=rnd,
                        person=person,
                        role=role,
                        team=team,
                        is_party_secretary=i == 0 and kind == TeamType.Kind.AFFILIATED,
                    )
                )
    rnd.stage = AnnualRound.Stage.SCORING
    rnd.save(update_fields=["stage"])
    for team in teams:
        quality = rng.uniform(0.78, 0.98)
        for item in team.team_type.sub_items.all():
            score = (item.points * Decimal(str(round(quality + rng.uniform(-0.05, 0.02), 2)))).quantize(
                Decimal("0.01")
            )
            svc.sub_item_score_set(actor=None, sub_item=item, team=team, score=min(score, item.points))
        bias = rng.uniform(0.8, 1.1)
        svc.tally_set(
            actor=None, round=rnd, team=team, counts=_votes(rng, ["好", "较好", "一般", "差"], 40, bias)
        )
        svc.tally_set(
            actor=None,
            round=rnd,
            team=team,
            tally="party_building",
            counts=_votes(rng, ["好", "较好", "一般", "差"], 40, 1.1),
        )
    for cadre in cadres:
        options = svc.vote_options(rnd, cadre=cadre, tally="main")
        svc.tally_set(
            actor=None, round=rnd, cadre=cadre, counts=_votes(rng, options, 40, rng.uniform(0.85, 1.1))
        )
        fields = {}
        if cadre.role != Cadre.Role.HEAD:
            fields["leader_score"] = Decimal(rng.randint(22, 29))
        if cadre.is_party_secretary:
            fields["party_building_grade"] = rng.choice(["优秀", "优秀", "良好"])
        if fields:
            svc.cadre_update(actor=None, cadre=cadre, **fields)
    if len(teams) > 1:
        svc.flag_add(
            actor=None,
            round=rnd,
            team=teams[1],
            name="一票否决",
            note="年内发生安全生产责任事故，安全生产考核一票否决（演示）",
        )
    if len(cadres) > 4:
        svc.flag_add(actor=None, round=rnd, cadre=cadres[4], name="有问责情形", note="分管工作被问责（演示）")
    gsvc.round_advance(actor=None, round=rnd)
