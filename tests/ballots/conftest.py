"""Fixtures of the ballots tests: rounds from presets, issued codes, a teller."""

from __future__ import annotations

import pytest

from kaoping.accounts.roles import Role
from kaoping.ballots import services
from kaoping.ballots.services_voting import cast_ballot, credentials_issue
from tests.factories import make_user


@pytest.fixture
def teller(db):
    return make_user("teller", Role.TELLER, display_name="计票员甲")


@pytest.fixture
def teller2(db):
    return make_user("teller2", Role.TELLER, display_name="计票员乙")


def make_round(
    *,
    preset: str = "seed000.ab",
    eligible: dict[str, int] | None = None,
    subjects: tuple[str, ...] = ("张三", "李四"),
    open_it: bool = True,
    **options,
):
    eligible = eligible or ({"A": 10, "B": 50} if preset == "seed000.ab" else {"全体": 20})
    rnd = services.round_create(actor=None, title="测试测评", preset_key=preset, eligible=eligible, **options)
    for label in subjects:
        services.subject_add(actor=None, round=rnd, label=label)
    if open_it:
        services.round_open(actor=None, round=rnd)
    return rnd


def issue(rnd, counts: dict[str, int]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {k: [] for k in counts}
    for key, code in credentials_issue(actor=None, round=rnd, counts=counts):
        out[key].append(code)
    return out


def vote(rnd, code: str, option_by_subject: dict[str, str], item: str = "overall") -> None:
    subjects = {s.label: s.pk for s in rnd.subjects.all()}
    cast_ballot(code=code, choices={(subjects[label], item): opt for label, opt in option_by_subject.items()})


def vote_many(rnd, codes: list[str], plan: list[tuple[int, dict[str, str]]]) -> list[str]:
    """Cast ``n`` ballots per (n, choices) of ``plan`` with consecutive codes; return the unused rest."""
    codes = list(codes)
    for n, choice in plan:
        for _ in range(n):
            vote(rnd, codes.pop(), choice)
    return codes


@pytest.fixture(autouse=True)
def _fresh_throttle_cache():
    """The wrong-code throttle counts in the cache; every test starts from zero."""
    from django.core.cache import cache

    cache.clear()
