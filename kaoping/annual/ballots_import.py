"""Democratic counts from 民主测评 (kaoping.ballots), the second way to fill the counts besides manual entry.

* ``ballot_rounds_create`` opens draft ballots rounds for an annual round (the team table and the cadre table
  of seed 002), one subject per team / cadre, each tagged ``external_ref`` "annual:team:<pk>" /
  "annual:cadre:<pk>".
* ``import_counts`` reads a *closed, valid* ballots round through ``kaoping.ballots.selectors.round_results``
  and stores each matched subject's counts (summed over the table's items, e.g. 德、能、勤、绩、廉 — with
  equal item weights this gives the same score as the ballot's own) as ``DemocraticTally`` rows with
  source "民主测评导入". Subjects are matched by external_ref, else by person (cadres) or unit (teams).
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils.translation import gettext as _

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.annual import services as svc
from kaoping.annual.models import AnnualRound, DemocraticTally
from kaoping.ballots import selectors as ballots_selectors
from kaoping.ballots import services as ballots_services
from kaoping.ballots.models import EvaluationRound
from kaoping.common.errors import TransitionBlocked, ValidationFailed


def available_rounds(user) -> list:
    """Closed ballots rounds the user may read (newest first)."""
    if not has_cap(user, Cap.BALLOTS_VIEW):
        return []
    return list(
        ballots_selectors.rounds_visible(user)
        .filter(status=EvaluationRound.Status.CLOSED, is_test=False)
        .order_by("-created_at")[:50]
    )


def external_ref(kind: str, pk: int) -> str:
    return f"annual:{kind}:{pk}"


@transaction.atomic
def ballot_rounds_create(*, actor, round: AnnualRound) -> list:
    """Draft ballots rounds for the round's teams (seed002.team) and cadres (seed002.cadre)."""
    svc.require_stage(round, AnnualRound.Stage.SETUP, AnnualRound.Stage.SCORING)
    created = []
    teams = list(round.teams.select_related("unit"))
    cadres = list(round.cadres.select_related("person"))
    if teams:
        er = ballots_services.round_create(
            actor=actor,
            title=_("%(t)s领导班子民主测评") % {"t": round.title},
            preset_key="seed002.team",
            purpose=_("年度综合考核"),
            external_ref=f"annual:{round.pk}:team",
        )
        for team in teams:
            ballots_services.subject_add(
                actor=actor,
                round=er,
                label=team.name,
                unit=team.unit,
                external_ref=external_ref("team", team.pk),
            )
        created.append(er)
    if cadres:
        er = ballots_services.round_create(
            actor=actor,
            title=_("%(t)s领导干部民主测评") % {"t": round.title},
            preset_key="seed002.cadre",
            purpose=_("年度综合考核"),
            external_ref=f"annual:{round.pk}:cadre",
        )
        for cadre in cadres:
            label = f"{cadre.person.name}（{cadre.post_title or cadre.get_role_display()}）"
            ballots_services.subject_add(
                actor=actor,
                round=er,
                label=label,
                person=cadre.person,
                external_ref=external_ref("cadre", cadre.pk),
            )
        created.append(er)
    return created


def _combined(result) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for per_item in result.counts.values():
        for options in per_item.values():
            for option, n in options.items():
                out[option] += n
    return dict(out)


@transaction.atomic
def import_counts(
    *, actor, round: AnnualRound, ballots_round, tally: str = DemocraticTally.Tally.MAIN
) -> int:
    """Store the counts of every matched subject of a closed, valid ballots round; returns how many."""
    results = ballots_selectors.round_results(ballots_round)
    if not results.is_closed:
        raise TransitionBlocked([_("该民主测评尚未结束，不能导入。")])
    if not results.is_valid:
        raise TransitionBlocked([_("该民主测评无效：%(r)s") % {"r": r} for r in results.invalid_reasons])
    teams = {t.pk: t for t in round.teams.all()}
    cadres = {c.pk: c for c in round.cadres.select_related("person")}
    by_unit = {t.unit_id: t for t in teams.values()}
    by_person = {c.person_id: c for c in cadres.values()}
    imported = 0
    problems: list[str] = []
    for result in results.subjects:
        target = None
        kind, _sep, ident = result.external_ref.removeprefix("annual:").partition(":")
        if kind == "team" and ident.isdigit():
            target = {"team": teams.get(int(ident))}
        elif kind == "cadre" and ident.isdigit():
            target = {"cadre": cadres.get(int(ident))}
        elif result.person_id in by_person:
            target = {"cadre": by_person[result.person_id]}
        elif result.unit_id in by_unit:
            target = {"team": by_unit[result.unit_id]}
        if not target or next(iter(target.values())) is None:
            continue
        try:
            svc.tally_set(
                actor=actor,
                round=round,
                counts=_combined(result),
                tally=tally,
                source=DemocraticTally.Source.BALLOTS,
                source_ref=f"{ballots_round.pk}:{ballots_round.title}"[:100],
                **target,
            )
        except ValidationFailed as exc:
            problems += [f"{result.label}：{m}" for msgs in exc.errors.values() for m in msgs]
            continue
        imported += 1
    if problems:
        raise ValidationFailed({"counts": problems})
    if not imported:
        raise ValidationFailed({"counts": [_("该民主测评中没有与本轮考核对象对应的测评对象。")]})
    return imported
