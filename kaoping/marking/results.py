"""The plain results other apps read (selection's exam and interview stages): frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kaoping.scoring.trace import Derivation


@dataclass(frozen=True)
class CandidateScore:
    """One candidate's score. ``derivation`` explains it (interviews: raw × coefficient = final, RP-03);
    ``raw`` and ``coefficient`` are set for interviews (coefficient 1 when no correction applies)."""

    candidate_id: int
    person_id: int
    external_ref: str
    score: Decimal | None
    derivation: Derivation
    raw: Decimal | None = None
    coefficient: Decimal | None = None


@dataclass(frozen=True)
class ScoreResults:
    """``is_final``: exam — marking closed and key opened; interview — every mark submitted and every score
    confirmed by the chief examiner. ``reasons`` say why not final."""

    is_final: bool
    reasons: tuple[str, ...]
    scores: tuple[CandidateScore, ...]

    def by_external_ref(self) -> dict[str, CandidateScore]:
        return {s.external_ref: s for s in self.scores if s.external_ref}

    def by_person(self) -> dict[int, CandidateScore]:
        return {s.person_id: s for s in self.scores}
