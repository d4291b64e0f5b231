"""Plain input records for eligibility and base score: a person's cadre file as frozen data.

An app adapter fills these from database rows; nothing here knows about Django. All dates are
``datetime.date``; a period's ``end`` is its last day (inclusive), ``None`` when still running.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class RankSpell:
    """One spell in a rank: ``rank_code`` (e.g. "处长", "调研员", "副巡视员") at ``level`` (e.g. "正处级")."""

    rank_code: str
    level: str
    start: date
    end: date | None = None


@dataclass(frozen=True)
class AnnualResult:
    """The annual assessment (年度考核) grade of one year, e.g. ``AnnualResult(2009, "优秀")``."""

    year: int
    grade: str


@dataclass(frozen=True)
class Period:
    """A dated episode: secondment (kind "援疆", "援藏", "挂职", "扶贫", "支教"), training, sanction or
    investigation. ``end`` is the last day (inclusive) or None while it runs."""

    kind: str
    start: date
    end: date | None = None
    note: str = ""


@dataclass(frozen=True)
class Commitment:
    """R000-10: a written commitment to accept a secondment or training within two years, with its
    approval (领导班子研究同意) and the head's signature (主要负责人签字)."""

    requirement: str  # the requirement it stands in for, e.g. "基层工作经历" or "培训"
    is_approved: bool = False
    is_signed_by_head: bool = False
    approved_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class Conflict:
    """R000-12: a declared conflict, e.g. kind "近亲属在职位领导链" with a description."""

    kind: str
    description: str = ""


@dataclass(frozen=True)
class Judgement:
    """R000-11: a reviewer's judgement on one item; ``status`` is "yes", "no" or "pending"."""

    item: str
    status: str = "pending"
    note: str = ""

    def __post_init__(self) -> None:
        if self.status not in ("yes", "no", "pending"):
            raise ValueError(f"judgement status must be yes/no/pending, got {self.status!r}")


@dataclass(frozen=True)
class PersonRecord:
    """A cadre's file as of the data entry date.

    ``rank_code``/``rank_level``/``rank_start``: current rank (职务), its level (职级) and 任职时间;
    ``level_start``: 任职级时间, the start of the current level (defaults to ``rank_start``).
    ``flags``: facts recorded yes/no, e.g. "has_grassroots_experience", "has_required_training".
    """

    person_id: str
    name: str
    birth_date: date | None
    unit_kind: str  # "机关" (参照公务员法管理) or "直属单位"
    rank_code: str
    rank_level: str
    rank_start: date | None
    level_start: date | None = None
    rank_history: tuple[RankSpell, ...] = ()
    annual_results: tuple[AnnualResult, ...] = ()
    secondments: tuple[Period, ...] = ()
    trainings: tuple[Period, ...] = ()
    sanctions: tuple[Period, ...] = ()
    flags: frozenset[str] = field(default_factory=frozenset)
    commitments: tuple[Commitment, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    judgements: tuple[Judgement, ...] = ()

    @property
    def current_level_start(self) -> date | None:
        """Start of the current level (任职级时间), falling back to the rank start."""
        return self.level_start or self.rank_start

    def result_for(self, year: int) -> str | None:
        """The grade of ``year``, or None when no result is recorded."""
        for result in self.annual_results:
            if result.year == year:
                return result.grade
        return None

    def judgement(self, item: str) -> Judgement | None:
        """The reviewer judgement on ``item``, if recorded."""
        for judgement in self.judgements:
            if judgement.item == item:
                return judgement
        return None


@dataclass(frozen=True)
class GradeOrder:
    """Annual grades from lowest to highest; the names in one tier are equivalent
    (e.g. 称职 and 合格). Data, so 公务员 and 事业单位 sets can both be used (RP-06)."""

    tiers: tuple[tuple[str, ...], ...]

    def level(self, grade: str) -> int | None:
        """Position of ``grade`` (0 = lowest), or None if unknown."""
        for index, tier in enumerate(self.tiers):
            if grade in tier:
                return index
        return None

    def at_least(self, grade: str, minimum: str) -> bool | None:
        """Whether ``grade`` ≥ ``minimum``; None if either is unknown."""
        g, m = self.level(grade), self.level(minimum)
        if g is None or m is None:
            return None
        return g >= m

    @classmethod
    def from_list(cls, tiers: list) -> GradeOrder:
        """From ``[["不称职", "不合格"], ["基本称职", "基本合格"], ...]`` (strings allowed for single names)."""
        return cls(tuple((t,) if isinstance(t, str) else tuple(t) for t in tiers))


DEFAULT_GRADE_ORDER = GradeOrder(
    (("不称职", "不合格"), ("基本称职", "基本合格"), ("称职", "合格"), ("优秀",)),
)
