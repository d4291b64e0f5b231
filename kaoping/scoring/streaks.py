"""Consecutive-year flags over a person's annual grades, RP-07 (two 基本称职/基本合格, two 不称职/不合格,
three 优秀 → 记三等功). The rules are data (preset ``annual.streaks``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import _schemeparse as sp


@dataclass(frozen=True)
class StreakRule:
    """RP-07: ``years`` consecutive years with a grade in ``grades`` raise ``flag``."""

    grades: tuple[str, ...]
    years: int
    flag: str

    @classmethod
    def from_dict(cls, data: Any, path: str) -> StreakRule:
        """Validate ``{"grades": [...], "years": 2, "flag": "..."}``."""
        data = sp.mapping(data, path)
        return cls(
            grades=tuple(sp.seq(sp.get(data, "grades", path), sp.path_join(path, "grades"), nonempty=True)),
            years=sp.integer(sp.get(data, "years", path), sp.path_join(path, "years"), minimum=1),
            flag=sp.text(sp.get(data, "flag", path), sp.path_join(path, "flag")),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain form."""
        return {"grades": list(self.grades), "years": self.years, "flag": self.flag}


@dataclass(frozen=True)
class StreakFlag:
    """A raised consecutive-year flag with the years that make it up."""

    flag: str
    years: tuple[int, ...]


def consecutive_flags(history: Mapping[int, str], rules: Sequence[StreakRule]) -> tuple[StreakFlag, ...]:
    """RP-07: flags over a person's year → grade history. A missing year breaks a streak; after a flag is
    raised its streak starts afresh (three 优秀 → 记三等功 once per three years)."""
    flags = []
    for rule in rules:
        run: list[int] = []
        for year in sorted(history):
            if history[year] in rule.grades and (not run or run[-1] == year - 1):
                run.append(year)
            elif history[year] in rule.grades:
                run = [year]
            else:
                run = []
            if len(run) == rule.years:
                flags.append(StreakFlag(rule.flag, tuple(run)))
                run = []
    return tuple(sorted(flags, key=lambda f: (f.years[-1], f.flag)))
