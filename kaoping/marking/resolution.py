"""Adapter between stored marks and the pure engine: rows → ``scoring`` ItemMarks → PaperOutcome.

This is the "stored pipeline" the benchmark times against the pure engine: one query for items, one for
assignments, one (values only) for live marks, then :func:`kaoping.scoring.exam_papers.resolve_paper`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from kaoping.marking.models import ExamItem, Mark, MarkerAssignment, WrittenExam
from kaoping.scoring.double_marking import MODES, ItemMarks, MarkingState, PaperOutcome
from kaoping.scoring.double_marking import ExamItem as ScoringItem
from kaoping.scoring.exam_papers import resolve_paper


def scoring_items(items: Iterable[ExamItem]) -> list[ScoringItem]:
    return [
        ScoringItem.from_dict(
            {
                "key": i.key,
                "label": i.label,
                "max": i.max_score,
                "tolerance": i.tolerance,
                "tolerance_kind": i.tolerance_kind,
            },
            i.key,
        )
        for i in items
    ]


def required_markers(exam: WrittenExam) -> dict[str, int]:
    """Markers per item (whole-paper markers count for every item) — in 1评 every one of them marks."""
    items = list(exam.items.all())
    rows = MarkerAssignment.objects.filter(exam=exam, role=MarkerAssignment.Role.MARKER).values_list(
        "user_id", "item_id"
    )
    users: dict[int, set[int]] = defaultdict(set)
    whole: set[int] = set()
    for user_id, item_id in rows:
        if item_id is None:
            whole.add(user_id)
        else:
            users[item_id].add(user_id)
    return {i.key: len(users[i.pk] | whole) for i in items}


def wait_kind(mode_name: str, state: MarkingState, n_marks: int) -> str:
    """What an unfinished item waits for: "missing" (first marks), "dispute" (an extra marker after a
    disagreement, RP-04), "arbitration", or "" when final."""
    if state is MarkingState.FINAL:
        return ""
    if state is MarkingState.NEEDS_ARBITRATOR:
        return "arbitration"
    mode = MODES[mode_name]
    return "dispute" if mode.initial > 1 and n_marks >= mode.initial else "missing"


def paper_states(
    exam: WrittenExam, candidate_ids: Iterable[int] | None = None
) -> dict[int, tuple[PaperOutcome, dict[str, int]]]:
    """candidate id → (paper outcome, live regular marks per item key)."""
    items = list(exam.items.all())
    key_of = {i.pk: i.key for i in items}
    sitems = scoring_items(items)
    mode = MODES[exam.marking_mode]
    required = required_markers(exam) if mode.initial == 1 else {}
    rounding = exam.rounding  # RP-02
    marks = Mark.objects.filter(exam=exam, is_superseded=False)
    ids = None if candidate_ids is None else list(candidate_ids)
    if ids is not None:
        marks = marks.filter(candidate_id__in=ids)
    regular: dict[int, dict[str, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    arbitrator: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for cid, item_id, kind, value in marks.order_by("round", "id").values_list(
        "candidate_id", "item_id", "kind", "value"
    ):
        if kind == Mark.Kind.ARBITRATION:
            arbitrator[cid][key_of[item_id]] = value
        else:
            regular[cid][key_of[item_id]].append(value)
    if ids is None:
        ids = list(exam.candidates.values_list("pk", flat=True))
    result = {}
    for cid in ids:
        per = regular.get(cid, {})
        arb = arbitrator.get(cid, {})
        paper = {k: ItemMarks(tuple(per.get(k, ())), arb.get(k)) for k in key_of.values()}
        outcome = resolve_paper(
            sitems, mode, paper, required=required, item_rounding=rounding, rounding=rounding
        )
        result[cid] = (outcome, {k: len(v) for k, v in per.items()})
    return result


def paper_outcomes(exam: WrittenExam, candidate_ids: Iterable[int] | None = None) -> dict[int, PaperOutcome]:
    """candidate id → the paper's outcome (items and total) from the live marks."""
    return {cid: st[0] for cid, st in paper_states(exam, candidate_ids).items()}
