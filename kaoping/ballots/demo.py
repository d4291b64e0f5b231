"""Demo data of the ballots app, loaded by kaoping_setup on first start."""

from __future__ import annotations

from django.db import transaction

from kaoping.ballots.models import EvaluationRound

DEMO_REF = "demo:ballots:seed000"
SUBJECTS = ("王建国", "李明华", "陈静")
# Per subject: (胜任, 基本胜任, 不胜任) in table A and in table B.
VOTES = {
    "王建国": ((7, 2, 0), (34, 8, 2)),
    "李明华": ((5, 3, 1), (26, 14, 4)),
    "陈静": ((3, 4, 2), (18, 17, 9)),
}
RETURNED = {"A": 9, "B": 44}
ELIGIBLE = {"A": 10, "B": 50}


def _ballots(votes: dict[str, tuple[int, int, int]], n: int) -> list[dict[str, str]]:
    """``n`` ballots whose per-subject option counts equal ``votes``."""
    names = ("胜任", "基本胜任", "不胜任")
    columns = {s: [names[i] for i, c in enumerate(v) for _ in range(c)] for s, v in votes.items()}
    return [{s: columns[s][k] for s in votes} for k in range(n)]


@transaction.atomic
def load_ballots_demo() -> None:
    """One closed live round with the seed-000 A/B tables and three candidates (idempotent)."""
    from kaoping.ballots import services
    from kaoping.ballots.services_voting import cast_ballot, credentials_issue

    if EvaluationRound.objects.filter(external_ref=DEMO_REF).exists():
        return
    rnd = services.round_create(
        actor=None,
        title="2011年竞争上岗民主测评（演示）",
        preset_key="seed000.ab",
        purpose="竞争上岗 · 民主测评",
        external_ref=DEMO_REF,
        eligible=ELIGIBLE,
        min_group_size=5,
    )
    subjects = {label: services.subject_add(actor=None, round=rnd, label=label) for label in SUBJECTS}
    services.round_open(actor=None, round=rnd)
    codes = credentials_issue(actor=None, round=rnd, counts=ELIGIBLE)
    by_group: dict[str, list[str]] = {"A": [], "B": []}
    for key, code in codes:
        by_group[key].append(code)
    for index, group in enumerate(("A", "B")):
        votes = {s: VOTES[s][index] for s in SUBJECTS}
        for ballot, code in zip(_ballots(votes, RETURNED[group]), by_group[group], strict=False):
            cast_ballot(code=code, choices={(subjects[s].pk, "overall"): opt for s, opt in ballot.items()})
    services.round_close(actor=None, round=rnd)
