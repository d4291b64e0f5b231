"""Reads of the stage inputs and stored results: the scheme of a campaign, who takes part in each stage,
ranking tables per position and stage (with every component, weighted values, derivations), the
campaign overview, the published lists and the inspection candidates (contract for the decision part).

Who sees scores: the organiser (SELECTION_MANAGE) and leaders (SELECTION_DECIDE) see every score and its
derivation. A liaison (SELECTION_VIEW only) sees the published lists — who goes on to the next stage once
that stage has closed — never other people's scores (documented in docs/selection_results.md).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max
from django.utils.translation import gettext as _

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.common.access import get_or_not_found, not_found
from kaoping.common.models import AuditEntry
from kaoping.scoring.selection import SelectionScheme
from kaoping.selection.access import access_position
from kaoping.selection.models import Campaign, OfferedPosition, Registration
from kaoping.selection.models_stages import StageCut, StageResult

Stage = Campaign.Stage
RStage = StageResult.Stage

# Campaign stage during which a group of results is computed → the stored stages it writes.
RESULT_GROUPS: dict[str, tuple[str, ...]] = {
    Stage.EVALUATION: (RStage.EVALUATION,),
    Stage.EXAM: (RStage.EXAM, RStage.AFTER_EXAM),
    Stage.INTERVIEW: (RStage.INTERVIEW, RStage.TOTAL),
}
# The stored stage a ranking table of a campaign stage is ordered by.
RANKING_STAGE = {
    Stage.EVALUATION: RStage.EVALUATION,
    Stage.EXAM: RStage.AFTER_EXAM,
    Stage.INTERVIEW: RStage.TOTAL,
}
# Every entry save writes an audit row on the campaign whose note starts with these (see entries_changed_at).
ENTRY_NOTES = {
    Stage.EVALUATION: "录入民主测评票数",
    Stage.EXAM: "录入笔试成绩",
    Stage.INTERVIEW: "录入面试成绩",
}
COMPONENT_LABELS = {"base": "基础分", "evaluation": "民主测评", "exam": "笔试", "interview": "面试"}


# --------------------------------------------------------------------------------------------- scheme


def scheme_of(campaign: Campaign) -> SelectionScheme:
    """The campaign's validated scheme (S1's adapter when present)."""
    try:
        from kaoping.selection.adapters import campaign_scheme
    except ImportError:  # pragma: no cover - until the core part lands
        return SelectionScheme.from_dict(campaign.scheme)
    return campaign_scheme(campaign)


def scheme_digest(campaign: Campaign) -> str:
    """sha256 of the canonical scheme JSON: which scheme version a stored result used."""
    text = json.dumps(campaign.scheme, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stage_closed(campaign: Campaign, stage: str) -> bool:
    """True once the campaign has moved past ``stage`` (its inputs and results are locked)."""
    order = list(Stage.values)
    return order.index(campaign.stage) > order.index(stage)


def entries_changed_at(campaign: Campaign, stage: str):
    """When the inputs of ``stage`` last changed (created, updated or cleared), from the audit trail."""
    return AuditEntry.objects.filter(
        object_type="selection.campaign",
        object_id=str(campaign.pk),
        note__startswith=ENTRY_NOTES[stage],
    ).aggregate(t=Max("created_at"))["t"]


# ------------------------------------------------------------------------------------------ who takes part

STAGE_POSITION_STATUSES = (
    OfferedPosition.Status.OPEN,
    OfferedPosition.Status.VACANT,
    OfferedPosition.Status.FILLED,
)


def qualified_registrations(campaign: Campaign, position: OfferedPosition | None = None):
    """Active registrations that passed the eligibility review, on positions that run the stages. Unlike
    the core selector this keeps positions marked vacant after the evaluation, so their results stay."""
    qs = Registration.objects.filter(
        campaign=campaign,
        is_active=True,
        status=Registration.Status.QUALIFIED,
        position__status__in=STAGE_POSITION_STATUSES,
    )
    if position is not None:
        qs = qs.filter(position=position)
    return qs.select_related("person", "person__unit", "position").order_by("position__order", "id")


def stage_positions(campaign: Campaign):
    """Positions that run the stages (opened; vacant ones stay listed so the vacancy is visible)."""
    return campaign.positions.filter(status__in=STAGE_POSITION_STATUSES).select_related("unit")


def stage_participants(campaign: Campaign, stage: str, position: OfferedPosition | None = None):
    """Registrations that take part in ``stage``: everyone qualified for the evaluation, those who passed
    the evaluation gate for the exam (R000-17), those within the interview cut for the interview (R000-19)."""
    qs = qualified_registrations(campaign, position)
    if stage == Stage.EXAM:
        qs = qs.filter(results__stage=RStage.EVALUATION, results__advances=True)
    elif stage == Stage.INTERVIEW:
        qs = qs.filter(results__stage=RStage.AFTER_EXAM, results__advances=True)
    return qs


# ------------------------------------------------------------------------------------------ ranking rows


@dataclass(frozen=True)
class Score:
    """One stored stage score: value, weighted value, rank, tie, derivation (dict) and note."""

    value: Decimal | None
    weighted: Decimal | None
    rank: int | None
    is_tied: bool
    advances: bool | None
    note: str
    derivation: dict

    @classmethod
    def of(cls, r: StageResult | None) -> Score | None:
        if r is None:
            return None
        return cls(shown(r.value), shown(r.weighted), r.rank, r.is_tied, r.advances, r.note, r.derivation)


def shown(value: Decimal | None) -> Decimal | None:
    """A stored score (4 places in the database) as published: 2 places unless it really has more."""
    if value is None:
        return None
    two = value.quantize(Decimal("0.01"))
    return two if two == value else value.normalize()


@dataclass
class Row:
    """One candidate's line of a ranking table (every component, weighted values, total, rank)."""

    registration: Registration
    scores: dict[str, Score | None] = field(default_factory=dict)
    ranking: Score | None = None  # the stage's ranking score (evaluation / after_exam / total)

    @property
    def name(self) -> str:
        return self.registration.person.name

    @property
    def unit(self) -> str:
        return self.registration.person.unit.name

    @property
    def base(self) -> Score | None:
        return self.scores.get(RStage.BASE)

    @property
    def evaluation(self) -> Score | None:
        return self.scores.get(RStage.EVALUATION)

    @property
    def exam(self) -> Score | None:
        return self.scores.get(RStage.EXAM)

    @property
    def interview(self) -> Score | None:
        return self.scores.get(RStage.INTERVIEW)

    @property
    def rank(self) -> int | None:
        return self.ranking.rank if self.ranking else None

    @property
    def advances(self) -> bool | None:
        return self.ranking.advances if self.ranking else None

    @property
    def is_tied(self) -> bool:
        return bool(self.ranking and self.ranking.is_tied)


def _sort_key(row: Row):
    r = row.ranking
    return (r is None or r.rank is None, r.rank if r and r.rank else 0, row.registration.pk)


def position_results_table(position: OfferedPosition, stage: str) -> list[Row]:
    """Rows of the ranking table of ``position`` at campaign stage ``stage`` (evaluation / exam /
    interview): who took part in that stage, every stored component and the stage's ranking score."""
    ranking_stage = RANKING_STAGE[stage]
    regs = list(stage_participants(position.campaign, stage, position))
    results = StageResult.objects.filter(registration__in=[r.pk for r in regs]).only(
        "registration_id",
        "stage",
        "value",
        "weighted",
        "rank",
        "is_tied",
        "advances",
        "note",
        "derivation",
    )
    by_reg: dict[int, dict[str, StageResult]] = {}
    for res in results:
        by_reg.setdefault(res.registration_id, {})[res.stage] = res
    rows = []
    for reg in regs:
        stored = by_reg.get(reg.pk, {})
        rows.append(
            Row(
                registration=reg,
                scores={k: Score.of(v) for k, v in stored.items()},
                ranking=Score.of(stored.get(ranking_stage)),
            )
        )
    rows.sort(key=_sort_key)
    return rows


def position_cut(position: OfferedPosition, stage: str) -> StageCut | None:
    """The cut that closes ``stage`` (exam → interview cut, interview → inspection cut)."""
    cut = {Stage.EXAM: StageCut.Cut.INTERVIEW, Stage.INTERVIEW: StageCut.Cut.INSPECTION}.get(stage)
    if cut is None:
        return None
    return StageCut.objects.filter(position=position, cut=cut).first()


def inspection_candidates(position: OfferedPosition) -> list[Registration]:
    """The inspection candidates (组织考察人选, R000-21) of ``position`` in rank order."""
    rows = (
        StageResult.objects.filter(position=position, stage=RStage.TOTAL, advances=True)
        .select_related("registration__person", "registration__person__unit")
        .order_by("rank", "id")
    )
    return [r.registration for r in rows]


# ------------------------------------------------------------------------------------------ overview


@dataclass
class PositionSummary:
    position: OfferedPosition
    qualified: int = 0
    to_exam: list[str] = field(default_factory=list)
    to_interview: list[str] = field(default_factory=list)
    to_inspection: list[str] = field(default_factory=list)
    has_unresolved_tie: bool = False
    computed: set[str] = field(default_factory=set)

    @property
    def is_vacant(self) -> bool:
        return self.position.status == OfferedPosition.Status.VACANT


def campaign_overview(campaign: Campaign, *, published_only: bool = False) -> list[PositionSummary]:
    """One summary per position: qualified count, the lists of who goes on after each stage, unresolved
    ties, vacancy. ``published_only`` keeps only the lists of stages that have closed (liaison view)."""
    positions = list(stage_positions(campaign).order_by("order", "id"))
    summaries = {p.pk: PositionSummary(p) for p in positions}
    for position_id in qualified_registrations(campaign).values_list("position_id", flat=True):
        if position_id in summaries:
            summaries[position_id].qualified += 1
    targets = {
        RStage.EVALUATION: ("to_exam", Stage.EVALUATION),
        RStage.AFTER_EXAM: ("to_interview", Stage.EXAM),
        RStage.TOTAL: ("to_inspection", Stage.INTERVIEW),
    }
    rows = (
        StageResult.objects.filter(campaign=campaign, position__in=summaries.keys())
        .select_related("registration__person")
        .only("position_id", "stage", "advances", "rank", "registration__person__name")
        .order_by("position_id", "stage", "rank", "id")
    )
    for r in rows:
        s = summaries[r.position_id]
        s.computed.add(r.stage)
        if r.stage in targets and r.advances:
            attr, stage = targets[r.stage]
            if not published_only or stage_closed(campaign, stage):
                getattr(s, attr).append(r.registration.person.name)
    for cut in StageCut.objects.filter(position__in=summaries.keys(), has_unresolved_tie=True):
        summaries[cut.position_id].has_unresolved_tie = True
    return list(summaries.values())


def may_see_scores(user) -> bool:
    """Organiser and leaders see every score; everyone else sees published lists only."""
    return has_cap(user, Cap.SELECTION_MANAGE) or has_cap(user, Cap.SELECTION_DECIDE)


def access_scores_position(user, pk) -> OfferedPosition:
    """A position whose scores ``user`` may see (organiser, leaders); 404 otherwise."""
    if not may_see_scores(user):
        raise not_found()
    return access_position(user, pk, Cap.SELECTION_VIEW)


def access_result_registration(user, pk) -> Registration:
    """A registration whose 成绩通知单 ``user`` may download (organiser, leaders)."""
    if not may_see_scores(user):
        raise not_found()
    return get_or_not_found(
        Registration.objects.select_related("campaign", "position", "person", "person__unit"), pk
    )


def stage_label(stage: str) -> str:
    return _(str(Stage(stage).label))
