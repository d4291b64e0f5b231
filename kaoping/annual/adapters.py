"""Adapters between the annual round's rows and the pure engine (kaoping.scoring): sub-item sums, democratic
scores, the team total (R002-01), the head's composite (R002-04), the deputy's total (R002-05) and the
grading subjects (R002-03, R002-06, RP-06). No formula lives here: every number comes from the engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from kaoping.annual.models import AnnualRound, Cadre, DemocraticTally, SubItem, SubItemScore, Team, TeamType
from kaoping.annual.services import AUTO_RESPONSIBLE_FLAG
from kaoping.org.choices import SanctionKind
from kaoping.org.models import Sanction
from kaoping.scoring.conditions import Subject
from kaoping.scoring.dates import period_months
from kaoping.scoring.decimals import ZERO, fmt
from kaoping.scoring.totals import TotalScheme, weighted_total
from kaoping.scoring.trace import Derivation, incomplete
from kaoping.scoring.votes import VoteScheme, vote_score

TEAM_CATEGORY = {
    TeamType.Kind.FARM: "团场",
    TeamType.Kind.AFFILIATED: "企事业单位",
    TeamType.Kind.AGENCY: "机关部门",
}
HEAD_CATEGORY = {
    TeamType.Kind.FARM: "团场正职",
    TeamType.Kind.AFFILIATED: "直属单位正职",
    TeamType.Kind.AGENCY: "机关正职",
}
ROLE_CATEGORY = {Cadre.Role.DEPUTY: "副职", Cadre.Role.OTHER: "其他干部"}
NO_TEAM = "无班子"
VOTE_GROUP = "全体"


def team_key(team: Team) -> str:
    return f"t{team.pk}"


def cadre_key(cadre: Cadre) -> str:
    return f"c{cadre.pk}"


@dataclass
class RoundInputs:
    """Everything grading reads, loaded with a fixed number of queries."""

    round: AnnualRound
    teams: list[Team]
    cadres: list[Cadre]
    sub_items: dict[int, list[SubItem]]  # team type → items
    scores: dict[tuple[int, int], Decimal]  # (sub_item, team) → score
    tallies: dict[tuple[str, str], dict[str, int]]  # (subject key, tally) → counts
    flags: dict[str, set[str]] = field(default_factory=dict)  # subject key → flag names
    registry_flags: dict[str, set[str]] = field(default_factory=dict)
    _parsed: dict = field(default_factory=dict)

    def scheme(self, name: str):
        """The round's scheme ``name`` (e.g. "team_votes") parsed once by the engine."""
        if name not in self._parsed:
            data = getattr(self.round, name)
            parse = VoteScheme.from_dict if name.endswith("_votes") else TotalScheme.from_dict
            self._parsed[name] = parse(data)
        return self._parsed[name]


def load_inputs(rnd: AnnualRound) -> RoundInputs:
    teams = list(rnd.teams.select_related("unit", "team_type"))
    cadres = list(rnd.cadres.select_related("person", "person__unit", "team", "team__unit", "team_type"))
    items: dict[int, list[SubItem]] = {}
    for item in rnd.sub_items.select_related("responsible_unit").order_by("order", "id"):
        items.setdefault(item.team_type_id, []).append(item)
    scores = {(s.sub_item_id, s.team_id): s.score for s in SubItemScore.objects.filter(sub_item__round=rnd)}
    tallies: dict[tuple[str, str], dict[str, int]] = {}
    for t in rnd.democratictallys.all():
        key = f"t{t.team_id}" if t.team_id else f"c{t.cadre_id}"
        tallies[(key, t.tally)] = {k: int(v) for k, v in t.counts.items()}
    flags: dict[str, set[str]] = {}
    for f in rnd.flags.all():
        flags.setdefault(f"t{f.team_id}" if f.team_id else f"c{f.cadre_id}", set()).add(f.name)
    inputs = RoundInputs(rnd, teams, cadres, items, scores, tallies, flags)
    inputs.registry_flags = registry_flags(rnd, cadres)
    return inputs


# --------------------------------------------------------------------------------------- registry flags

SEVERE = {
    SanctionKind.DEMERIT,
    SanctionKind.MAJOR_DEMERIT,
    SanctionKind.DEMOTION,
    SanctionKind.DISMISSAL_FROM_POST,
}
NOT_A_SANCTION = {
    SanctionKind.ADMONITION,
    SanctionKind.ORGANIZATIONAL,
    SanctionKind.INVESTIGATION,
    SanctionKind.OTHER,
}
FLAG_INVESTIGATION = "涉嫌违纪违法被立案调查尚未结案"
FLAG_SEVERE = "受记过、记大过、降级、撤职处分"
FLAG_IN_EFFECT = "处分影响期内"
FLAG_FIRST_JOB = "初次就业不满半年"  # RP-06 (事业单位)


def registry_flags(rnd: AnnualRound, cadres: Iterable[Cadre]) -> dict[str, set[str]]:
    """不确定等次 reasons read from the registry (R002-06, RP-06): an investigation still open at the year's
    end, a 记过/记大过/降级/撤职 in the year, a sanction of an earlier year still in effect, under half a year
    in a first job (参加工作时间). A flag matters only where the round's cadre rules read it."""
    year_start, year_end = dt.date(rnd.year, 1, 1), dt.date(rnd.year, 12, 31)
    by_person = {c.person_id: cadre_key(c) for c in cadres}
    out: dict[str, set[str]] = {}
    for s in Sanction.objects.filter(person_id__in=by_person, start_date__lte=year_end):
        names = set()
        if s.kind == SanctionKind.INVESTIGATION and (s.end_date is None or s.end_date > year_end):
            names.add(FLAG_INVESTIGATION)
        if s.kind in SEVERE and s.start_date >= year_start:
            names.add(FLAG_SEVERE)
        if (
            s.kind not in NOT_A_SANCTION
            and s.start_date < year_start
            and (s.end_date is None or s.end_date >= year_start)
        ):
            names.add(FLAG_IN_EFFECT)
        if names:
            out.setdefault(by_person[s.person_id], set()).update(names)
    for cadre in cadres:  # RP-06: under half a year in a first job at the year's end
        start = cadre.person.work_start_date
        if start and start <= year_end and period_months(start, year_end) < 6:  # 07-01 … 12-31 is 6 (G-3)
            out.setdefault(cadre_key(cadre), set()).add(FLAG_FIRST_JOB)
    return out


# ------------------------------------------------------------------------------------------------- scores


def sub_items_total(inputs: RoundInputs, team: Team) -> Derivation:
    """Σ of the sub-item scores of the team's type (R002-01); any missing score → incomplete (G-6)."""
    items = inputs.sub_items.get(team.team_type_id, [])
    if not items:
        return incomplete("分项考核得分", f"{team.team_type.name}未设置分项考核项目", rule="R002-01")
    parts, missing = [], []
    for item in items:
        score = inputs.scores.get((item.pk, team.pk))
        if score is None:
            missing.append(f"缺少“{item.name}”得分（{item.responsible_unit.name}）")
            continue
        parts.append(
            Derivation(
                label=item.name,
                value=score,
                formula=f"{item.responsible_unit.name}评分，满分 {fmt(item.points)}",
                rule="R002-01",
            )
        )
    if missing:
        return incomplete("分项考核得分", *missing, rule="R002-01", parts=tuple(parts))
    total = sum((p.value for p in parts), ZERO)
    formula = " + ".join(f"{p.label} {fmt(p.value)}" for p in parts)
    return Derivation(label="分项考核得分", value=total, formula=formula, rule="R002-01", parts=tuple(parts))


def democratic_score(scheme: dict | VoteScheme, counts: dict[str, int] | None) -> Derivation:
    """The vote-share score of one subject's table (R002-02 for teams)."""
    vs = scheme if isinstance(scheme, VoteScheme) else VoteScheme.from_dict(scheme)
    if counts is None:
        return incomplete(vs.label, f"缺少{vs.label}票数", rule=vs.rule)
    return vote_score(vs, {vs.groups[0].key: counts})


def team_total(inputs: RoundInputs, team: Team) -> Derivation:
    """R002-01: sub-items (70) + democratic evaluation (30)."""
    counts = inputs.tallies.get((team_key(team), DemocraticTally.Tally.MAIN))
    return weighted_total(
        inputs.scheme("team_total"),
        {
            "sub_items": sub_items_total(inputs, team),
            "democratic": democratic_score(inputs.scheme("team_votes"), counts),
        },
    )


def cadre_total(inputs: RoundInputs, cadre: Cadre, team_totals: dict[int, Derivation]) -> Derivation:
    """R002-04 for heads (team total ×30 % — or the supervising department's score without a team — plus
    democratic ×70 %), R002-05 for deputies and others (leader's evaluation 30 + democratic 70)."""
    counts = inputs.tallies.get((cadre_key(cadre), DemocraticTally.Tally.MAIN))
    if cadre.role == Cadre.Role.HEAD:
        if cadre.team_id:
            team_part: Derivation | Decimal | None = team_totals[cadre.team_id]
        elif cadre.supervisor_score is not None:
            team_part = Derivation(
                label="主管部门提供成绩",
                value=cadre.supervisor_score,
                formula="无班子，由行业主管部门提供",
                rule="R002-04",
            )
        else:
            team_part = None
        return weighted_total(
            inputs.scheme("head_total"),
            {"team": team_part, "democratic": democratic_score(inputs.scheme("head_votes"), counts)},
        )
    return weighted_total(
        inputs.scheme("deputy_total"),
        {"leader": cadre.leader_score, "democratic": democratic_score(inputs.scheme("deputy_votes"), counts)},
    )


# ----------------------------------------------------------------------------------------------- subjects


def team_subject(inputs: RoundInputs, team: Team, total: Derivation) -> Subject:
    key = team_key(team)
    votes = {
        tally: counts
        for tally in (DemocraticTally.Tally.MAIN, DemocraticTally.Tally.PARTY_BUILDING)
        if (counts := inputs.tallies.get((key, tally))) is not None
    }
    return Subject(
        id=key,
        score=total.value,
        categories=frozenset({TEAM_CATEGORY[team.team_type.kind]}),
        groups={"type": team.team_type_id},
        flags=frozenset(inputs.flags.get(key, set())),
        votes=votes,
    )


def cadre_categories(cadre: Cadre) -> frozenset[str]:
    cats = {
        HEAD_CATEGORY[cadre.team_type.kind] if cadre.role == Cadre.Role.HEAD else ROLE_CATEGORY[cadre.role]
    }
    if cadre.is_party_secretary:
        cats.add("党委书记")
    if cadre.is_aid_cadre:
        cats.add("援疆干部")
    return frozenset(cats)


def cadre_type(cadre: Cadre) -> str:
    """The comparison group (同类干部) for percentiles: the role category."""
    return HEAD_CATEGORY[cadre.team_type.kind] if cadre.role == Cadre.Role.HEAD else ROLE_CATEGORY[cadre.role]


def cadre_scope(cadre: Cadre) -> str:
    """The quota scope (本单位): the team's unit, else the person's unit."""
    return str(cadre.team.unit_id if cadre.team_id else cadre.person.unit_id)


def cadre_subject(
    inputs: RoundInputs, cadre: Cadre, total: Derivation, team_grades: dict[int, str]
) -> Subject:
    key = cadre_key(cadre)
    flags = set(inputs.flags.get(key, set())) | inputs.registry_flags.get(key, set())
    if cadre.is_responsible_member:
        flags.add(AUTO_RESPONSIBLE_FLAG)
    related = {"team": team_grades.get(cadre.team_id, "") or "" if cadre.team_id else NO_TEAM}
    if not related["team"]:
        del related["team"]  # the team's grade is still open: conditions reading it are unknown (G-6)
    if cadre.party_building_grade:
        related["party_building"] = cadre.party_building_grade
    counts = inputs.tallies.get((key, DemocraticTally.Tally.MAIN))
    return Subject(
        id=key,
        score=total.value,
        categories=cadre_categories(cadre),
        groups={"type": cadre_type(cadre), "unit": cadre_scope(cadre)},
        flags=frozenset(flags),
        votes={"main": counts} if counts is not None else {},
        related=related,
    )
