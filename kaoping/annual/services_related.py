"""Related assessments of a round: probation (R002-07), grassroots training (R002-08), reserve cadres at 1:1
(R002-09) and the nine-aspect institution staff appraisal with special bonus points (R002-10). The rules are
the round's ``cadre_management`` data; the engine (kaoping.scoring.cadre_rules, totals) decides."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.annual import presets
from kaoping.annual.models import (
    AnnualRound,
    Cadre,
    GrassrootsTraining,
    Probation,
    ReserveCandidate,
    StaffAppraisal,
    Team,
)
from kaoping.common.audit import save_audited, snapshot
from kaoping.common.errors import ValidationFailed
from kaoping.org.models import Person
from kaoping.scoring.cadre_rules import (
    GrassrootsTrainingRule,
    ProbationRule,
    ReserveRule,
    probation_outcome,
    reserve_requirement,
    training_allows_confirmation,
)
from kaoping.scoring.totals import TotalScheme, weighted_total
from kaoping.scoring.trace import Derivation


def _rules(rnd: AnnualRound) -> dict:
    return rnd.cadre_management or {}


# ------------------------------------------------------------------------------------------- R002-07


@transaction.atomic
def probation_add(
    *, actor, round: AnnualRound, person: Person, post_title: str, start_date: dt.date, former_post: str = ""
) -> Probation:
    row = Probation(
        round=round, person=person, post_title=post_title, start_date=start_date, former_post=former_post
    )
    row.outcome = probation_outcome(
        ProbationRule.from_dict(_rules(round).get("probation", {})), start_date, None
    ).text
    save_audited(row, actor=actor, before=None, conflict_message=_("该干部已在本轮试用期考核名单中。"))
    return row


@transaction.atomic
def probation_decide(*, actor, probation: Probation, result: str) -> Probation:
    """R002-07: 合格 → formal appointment; 不合格 → removal to the former level."""
    if result not in Probation.Result.values:
        raise ValidationFailed({"result": [_("请选择考核结果。")]})
    before = snapshot(probation)
    rule = ProbationRule.from_dict(_rules(probation.round).get("probation", {}))
    probation.result = result
    probation.outcome = probation_outcome(rule, probation.start_date, result).text
    probation.decided_by = actor
    save_audited(probation, actor=actor, before=before)
    return probation


# ------------------------------------------------------------------------------------------- R002-08


@transaction.atomic
def training_add(*, actor, round: AnnualRound, person: Person, place: str = "") -> GrassrootsTraining:
    row = GrassrootsTraining(round=round, person=person, place=place)
    row.may_confirm, row.outcome = training_allows_confirmation(_training_rule(round), None)
    save_audited(row, actor=actor, before=None, conflict_message=_("该人员已在本轮基层锻炼考核名单中。"))
    return row


def _training_rule(rnd: AnnualRound) -> GrassrootsTrainingRule:
    return GrassrootsTrainingRule.from_dict(_rules(rnd).get("grassroots_training", {}))


@transaction.atomic
def training_assess(*, actor, training: GrassrootsTraining, result: str) -> GrassrootsTraining:
    """R002-08: 不合格, or no training at all (empty result), blocks confirmation (转正定级)."""
    if result and result not in GrassrootsTraining.Result.values:
        raise ValidationFailed({"result": [_("请选择考核结果。")]})
    before = snapshot(training)
    training.result = result
    training.may_confirm, training.outcome = training_allows_confirmation(
        _training_rule(training.round), result or None
    )
    save_audited(training, actor=actor, before=before)
    return training


# ------------------------------------------------------------------------------------------- R002-09


@transaction.atomic
def reserve_add(*, actor, round: AnnualRound, team: Team, person: Person, post_kind: str) -> ReserveCandidate:
    row = ReserveCandidate(round=round, team=team, person=person, post_kind=post_kind)
    save_audited(row, actor=actor, before=None, conflict_message=_("该人员已是本班子的后备干部。"))
    return row


@dataclass
class ReserveStatus:
    team: Team
    heads: int
    deputies: int
    requirement: Derivation
    recommended: int

    @property
    def issue(self) -> str:
        need = int(self.requirement.value or 0)
        if self.recommended == need:
            return ""
        return _("应推荐 %(n)s 名，已推荐 %(m)s 名（R002-09 按 1:1 推荐）") % {
            "n": need,
            "m": self.recommended,
        }


def reserve_status(rnd: AnnualRound) -> list[ReserveStatus]:
    """Per team: posts (the round's heads and deputies of the team), the 1:1 requirement and the count."""
    rule = ReserveRule.from_dict(_rules(rnd).get("reserve", {}))
    posts: dict[int, list[int]] = {}
    for team_id, role in rnd.cadres.filter(team__isnull=False).values_list("team_id", "role"):
        entry = posts.setdefault(team_id, [0, 0])
        entry[0 if role == Cadre.Role.HEAD else 1] += role in (Cadre.Role.HEAD, Cadre.Role.DEPUTY)
    recommended: dict[int, int] = {}
    for team_id in rnd.reserves.values_list("team_id", flat=True):
        recommended[team_id] = recommended.get(team_id, 0) + 1
    out = []
    for team in rnd.teams.select_related("unit").order_by("name"):
        heads, deputies = posts.get(team.pk, [0, 0])
        out.append(
            ReserveStatus(
                team, heads, deputies, reserve_requirement(rule, heads, deputies), recommended.get(team.pk, 0)
            )
        )
    return out


# ------------------------------------------------------------------------------------------- R002-10


def appraisal_scheme(rnd: AnnualRound) -> TotalScheme:
    return TotalScheme.from_dict(_rules(rnd).get("staff_appraisal") or presets.STAFF_APPRAISAL)


@transaction.atomic
def appraisal_set(
    *,
    actor,
    round: AnnualRound,
    person: Person,
    aspects: dict[str, Decimal],
    bonus: Decimal | None = None,
    bonus_note: str = "",
) -> StaffAppraisal:
    """R002-10: nine weighted aspects (each out of 100) plus special bonus points; the engine forms the total."""
    scheme = appraisal_scheme(round)
    keys = {c.key for c in scheme.components if not c.optional}
    errors = [
        _("缺少“%(a)s”得分。") % {"a": c.label}
        for c in scheme.components
        if c.key in keys and c.key not in aspects
    ]
    errors += [
        _("“%(a)s”得分应在 0–100 之间。") % {"a": c.label}
        for c in scheme.components
        if c.key in aspects and not Decimal(0) <= aspects[c.key] <= Decimal(100)
    ]
    if bonus is not None and bonus < 0:
        errors.append(_("特殊加分不能为负。"))
    if errors:
        raise ValidationFailed({"aspects": errors})
    values: dict = {k: v for k, v in aspects.items() if k in keys}
    bonus_key = next((c.key for c in scheme.components if c.optional), None)
    if bonus_key and bonus is not None:
        values[bonus_key] = bonus
    der = weighted_total(scheme, values)
    row = StaffAppraisal.objects.filter(round=round, person=person).first()
    before = snapshot(row) if row else None
    row = row or StaffAppraisal(round=round, person=person)
    row.aspects = {k: str(v) for k, v in values.items() if k != bonus_key}
    row.bonus, row.bonus_note, row.total, row.derivation = bonus, bonus_note, der.value, der.to_dict()
    save_audited(row, actor=actor, before=before)
    return row
