"""Writes of the annual round's set-up and inputs: the round and its schemes, team types, teams, cadres,
sub-items and their scores, democratic counts, leader evaluations and flags. Each is validated, saved and
audited in one transaction; stage transitions live in ``services_grading``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.annual import presets
from kaoping.annual.models import (
    AnnualRound,
    Cadre,
    DemocraticTally,
    Flag,
    SubItem,
    SubItemScore,
    Team,
    TeamType,
)
from kaoping.common.audit import audit_record, save_audited, snapshot
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.org.models import Person, Unit
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.grading import GradingScheme
from kaoping.scoring.streaks import StreakRule
from kaoping.scoring.totals import TotalScheme
from kaoping.scoring.votes import VoteScheme

Stage = AnnualRound.Stage

SCHEME_CLASSES = {
    "team_grading": GradingScheme.from_dict,
    "cadre_grading": GradingScheme.from_dict,
    "team_votes": VoteScheme.from_dict,
    "head_votes": VoteScheme.from_dict,
    "deputy_votes": VoteScheme.from_dict,
    "team_total": TotalScheme.from_dict,
    "head_total": TotalScheme.from_dict,
    "deputy_total": TotalScheme.from_dict,
    "streaks": lambda d: [StreakRule.from_dict(r, f"rules[{i}]") for i, r in enumerate(d.get("rules", []))],
    "cadre_management": lambda d: _check_cadre_management(d),
}


def _check_cadre_management(data: dict) -> None:
    """R002-07 … R002-10 settings, each validated by the engine."""
    from kaoping.scoring.cadre_rules import GrassrootsTrainingRule, ProbationRule, ReserveRule

    ProbationRule.from_dict(data.get("probation") or {})
    GrassrootsTrainingRule.from_dict(data.get("grassroots_training") or {})
    ReserveRule.from_dict(data.get("reserve") or {})
    if data.get("staff_appraisal"):
        TotalScheme.from_dict(data["staff_appraisal"], "staff_appraisal")


DEFAULT_TEAM_TYPES = (
    ("团场", TeamType.Kind.FARM),
    ("直属企事业单位", TeamType.Kind.AFFILIATED),
    ("机关部门", TeamType.Kind.AGENCY),
)


def require_stage(rnd: AnnualRound, *stages: str) -> None:
    """Refuse an operation outside the stages it belongs to."""
    if rnd.stage not in stages:
        allowed = "、".join(str(Stage(s).label) for s in stages)
        raise DomainError(
            _("本轮考核当前处于“%(now)s”阶段，此操作只能在“%(allowed)s”阶段进行。")
            % {"now": rnd.get_stage_display(), "allowed": allowed},
            code="wrong_stage",
        )


def _audit(actor, obj, changes: dict | None = None, note: str = "", action=AuditEntry.Action.UPDATE) -> None:
    audit_record(actor=actor, action=action, obj=obj, changes=changes or {}, note=note)


# ------------------------------------------------------------------------------------------------ rounds


@transaction.atomic
def round_create(
    *,
    actor,
    year: int,
    title: str,
    unit: Unit,
    grade_set: str = AnnualRound.GradeSet.CIVIL_SERVANT,
    with_default_types: bool = True,
) -> AnnualRound:
    """A round with copies of the seed-002 schemes (RP-06 grade set for 事业单位) and, by default, the three
    team types of the seed."""
    rnd = AnnualRound(
        year=year,
        title=title,
        unit=unit,
        grade_set=grade_set,
        created_by=actor,
        **presets.round_defaults(grade_set),
    )
    save_audited(rnd, actor=actor, before=None)
    if with_default_types:
        for order, (name, kind) in enumerate(DEFAULT_TEAM_TYPES):
            TeamType.objects.create(round=rnd, name=name, kind=kind, order=order)
    return rnd


@transaction.atomic
def round_update(*, actor, round: AnnualRound, **fields: Any) -> AnnualRound:
    """Title, notice length (≥ 5 working days, RP-08), holidays and quota variants."""
    allowed = {"title", "notice_working_days", "holidays", "quota_variants"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(_("不可修改的字段：%(f)s") % {"f": "、".join(sorted(unknown))}, code="bad_field")
    before = snapshot(round)
    for name, value in fields.items():
        setattr(round, name, value)
    save_audited(round, actor=actor, before=before)
    return round


@transaction.atomic
def round_scheme_update(*, actor, round: AnnualRound, field: str, data: Any) -> AnnualRound:
    """Replace one scheme of the round after the engine validated it; only before grading starts."""
    require_stage(round, Stage.SETUP, Stage.SCORING)
    if field not in SCHEME_CLASSES:
        raise DomainError(_("未知的规则：%(f)s") % {"f": field}, code="bad_field")
    if not isinstance(data, dict):
        raise ValidationFailed({field: [_("规则应为 JSON 对象。")]})
    try:
        SCHEME_CLASSES[field](data)
    except SchemeError as exc:
        raise ValidationFailed({field: [f"{exc.field}：{exc.message}"]}) from exc
    before = {field: getattr(round, field)}
    setattr(round, field, data)
    round.save(update_fields=[field, "updated_at"])
    _audit(actor, round, {field: [before[field], data]}, note=_("修改考核规则"))
    return round


# ------------------------------------------------------------------------------------- types, teams, cadres


@transaction.atomic
def team_type_create(*, actor, round: AnnualRound, name: str, kind: str, order: int = 0) -> TeamType:
    require_stage(round, Stage.SETUP)
    team_type = TeamType(round=round, name=name, kind=kind, order=order)
    save_audited(team_type, actor=actor, before=None, conflict_message=_("本轮已有同名的班子类型。"))
    return team_type


@transaction.atomic
def team_create(*, actor, round: AnnualRound, unit: Unit, team_type: TeamType, name: str = "") -> Team:
    require_stage(round, Stage.SETUP)
    team = Team(
        round=round, unit=unit, team_type=team_type, name=name or _("%(u)s领导班子") % {"u": unit.name}
    )
    save_audited(team, actor=actor, before=None, conflict_message=_("该单位的领导班子已在本轮考核中。"))
    return team


CADRE_FIELDS = (
    "post_title",
    "is_party_secretary",
    "party_building_grade",
    "is_aid_cadre",
    "is_responsible_member",
    "supervisor_score",
    "leader_score",
)


@transaction.atomic
def cadre_create(
    *,
    actor,
    round: AnnualRound,
    person: Person,
    role: str,
    team: Team | None = None,
    team_type: TeamType | None = None,
    **fields: Any,
) -> Cadre:
    """A cadre of the round; the unit type defaults to the team's."""
    require_stage(round, Stage.SETUP)
    unknown = set(fields) - set(CADRE_FIELDS)
    if unknown:
        raise DomainError(_("不可填写的字段：%(f)s") % {"f": "、".join(sorted(unknown))}, code="bad_field")
    if team_type is None and team is not None:
        team_type = team.team_type
    if team_type is None:
        raise ValidationFailed({"team_type": [_("没有班子的干部须指定单位类型。")]})
    cadre = Cadre(round=round, person=person, role=role, team=team, team_type=team_type, **fields)
    if not cadre.post_title:
        cadre.post_title = person.current_post
    save_audited(cadre, actor=actor, before=None, conflict_message=_("该干部已在本轮考核中。"))
    return cadre


@transaction.atomic
def cadre_update(*, actor, cadre: Cadre, **fields: Any) -> Cadre:
    """Leader evaluation (R002-05), supervising department's score (R002-04), party-building grade …
    while inputs are open."""
    require_stage(cadre.round, Stage.SETUP, Stage.SCORING)
    unknown = set(fields) - set(CADRE_FIELDS)
    if unknown:
        raise DomainError(_("不可修改的字段：%(f)s") % {"f": "、".join(sorted(unknown))}, code="bad_field")
    before = snapshot(cadre)
    for name, value in fields.items():
        setattr(cadre, name, value)
    save_audited(cadre, actor=actor, before=before)
    return cadre


# ----------------------------------------------------------------------------------------------- sub-items


@transaction.atomic
def sub_item_create(
    *,
    actor,
    round: AnnualRound,
    team_type: TeamType,
    name: str,
    points: Decimal,
    responsible_unit: Unit,
    order: int = 0,
) -> SubItem:
    require_stage(round, Stage.SETUP)
    item = SubItem(
        round=round,
        team_type=team_type,
        name=name,
        points=points,
        responsible_unit=responsible_unit,
        order=order,
    )
    save_audited(item, actor=actor, before=None, conflict_message=_("该班子类型已有同名的考核项目。"))
    return item


@transaction.atomic
def sub_item_score_set(
    *, actor, sub_item: SubItem, team: Team, score: Decimal, note: str = ""
) -> SubItemScore:
    """The responsible department's score for one team (R002-01); checked against the item's points.
    Who may call it is decided by ``selectors.access_sub_item`` (the responsible unit's scope)."""
    require_stage(sub_item.round, Stage.SCORING)
    row = SubItemScore.objects.filter(sub_item=sub_item, team=team).first()
    before = snapshot(row) if row else None
    if row is None:
        row = SubItemScore(sub_item=sub_item, team=team)
    row.score, row.note, row.entered_by = score, note, actor
    save_audited(row, actor=actor, before=before, object_repr=f"{team} {sub_item}")
    return row


# ---------------------------------------------------------------------------------------- democratic counts


def vote_options(
    round: AnnualRound, *, team: Team | None = None, cadre: Cadre | None = None, tally: str
) -> list[str]:
    """The option names of the table that counts for this subject."""
    if tally == DemocraticTally.Tally.PARTY_BUILDING:
        return list(presets.PARTY_BUILDING_OPTIONS)
    if team is not None:
        scheme = round.team_votes
    else:
        scheme = round.head_votes if cadre.role == Cadre.Role.HEAD else round.deputy_votes
    return [o["name"] for o in scheme.get("options", [])]


def _clean_counts(options: list[str], counts: dict) -> dict[str, int]:
    errors: list[str] = []
    clean: dict[str, int] = {}
    for name, value in counts.items():
        if name not in options:
            errors.append(_("未知选项：%(o)s") % {"o": name})
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            errors.append(_("“%(o)s”票数应为非负整数。") % {"o": name})
            continue
        clean[name] = value
    if not errors and sum(clean.values()) == 0:
        errors.append(_("有效票总数不能为 0。"))
    if errors:
        raise ValidationFailed({"counts": errors})
    return {name: clean.get(name, 0) for name in options}


@transaction.atomic
def tally_set(
    *,
    actor,
    round: AnnualRound,
    counts: dict[str, int],
    team: Team | None = None,
    cadre: Cadre | None = None,
    tally: str = DemocraticTally.Tally.MAIN,
    source: str = DemocraticTally.Source.MANUAL,
    source_ref: str = "",
) -> DemocraticTally:
    """Democratic counts per option for one subject and table (R002-02), entered by the organiser or
    imported from a closed 民主测评 round."""
    require_stage(round, Stage.SETUP, Stage.SCORING)
    if cadre is not None and tally != DemocraticTally.Tally.MAIN:
        raise DomainError(_("干部只有本人的民主测评表。"), code="bad_tally")
    clean = _clean_counts(vote_options(round, team=team, cadre=cadre, tally=tally), counts)
    row = DemocraticTally.objects.filter(round=round, team=team, cadre=cadre, tally=tally).first()
    before = snapshot(row) if row else None
    if row is None:
        row = DemocraticTally(round=round, team=team, cadre=cadre, tally=tally)
    row.counts, row.source, row.source_ref = clean, source, source_ref
    save_audited(row, actor=actor, before=before)
    return row


# ---------------------------------------------------------------------------------------------------- flags


def flag_names(round: AnnualRound, *, for_team: bool) -> list[str]:
    """The flags the round's grading rules read (for the flag form's choices)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "flag" and node.get("name") not in found:
                found.append(node["name"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(round.team_grading if for_team else round.cadre_grading)
    return [n for n in found if n != AUTO_RESPONSIBLE_FLAG]


AUTO_RESPONSIBLE_FLAG = "负有直接责任"  # from Cadre.is_responsible_member


@transaction.atomic
def flag_add(
    *,
    actor,
    round: AnnualRound,
    name: str,
    note: str,
    team: Team | None = None,
    cadre: Cadre | None = None,
    evidence=None,
) -> Flag:
    """Record a veto, criticism, incident, finding, sanction or investigation with its evidence."""
    require_stage(round, Stage.SETUP, Stage.SCORING, Stage.GRADING)
    if name not in flag_names(round, for_team=team is not None):
        raise ValidationFailed({"name": [_("考核规则中没有“%(n)s”这一情形。") % {"n": name}]})
    if not note.strip():
        raise ValidationFailed({"note": [_("请说明事实依据。")]})
    flag = Flag(round=round, team=team, cadre=cadre, name=name, note=note.strip(), created_by=actor)
    if evidence:
        flag.evidence = evidence
    save_audited(flag, actor=actor, before=None, conflict_message=_("该对象已登记此情形。"))
    return flag


@transaction.atomic
def flag_remove(*, actor, flag: Flag, reason: str) -> None:
    require_stage(flag.round, Stage.SETUP, Stage.SCORING, Stage.GRADING)
    if not reason.strip():
        raise ValidationFailed({"reason": [_("撤销情形须说明理由。")]})
    _audit(actor, flag, snapshot(flag), note=reason.strip(), action=AuditEntry.Action.DELETE)
    flag.delete()


@transaction.atomic
def setup_remove(*, actor, obj: TeamType | Team | Cadre | SubItem) -> None:
    """Remove a team type, team, cadre or sub-item added by mistake — only while preparing (准备)."""
    require_stage(obj.round, Stage.SETUP)
    if isinstance(obj, TeamType) and (obj.teams.exists() or obj.cadres.exists()):
        raise DomainError(_("该班子类型下已有班子或干部，不能删除。"), code="in_use")
    if isinstance(obj, Team) and obj.cadres.exists():
        raise DomainError(_("请先移除该班子的干部。"), code="in_use")
    _audit(actor, obj, snapshot(obj), action=AuditEntry.Action.DELETE)
    obj.delete()
