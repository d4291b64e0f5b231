"""Benchmark: resolve every final of 5 000 papers × 3 items × 2 markers (10 % disagreements → a third marker)
through the stored pipeline (``kaoping.marking.resolution.paper_states``: queries + adapter + engine) and
through the pure engine alone (``kaoping.scoring.exam_papers.resolve_paper`` on prebuilt inputs), in one run.
Prints both times and the ratio (goal ≤ 3).

    .venv/bin/python bench/marking.py [papers]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from decimal import Decimal

from _throwaway import VAR  # noqa: F401  (sets up Django on a throw-away database)
from django.core.management import call_command

call_command("migrate", verbosity=0)

from kaoping.accounts.models import User  # noqa: E402
from kaoping.marking.models import ExamCandidate, Mark, MarkerAssignment, WrittenExam  # noqa: E402
from kaoping.marking.resolution import paper_states, scoring_items  # noqa: E402
from kaoping.marking.selectors import marker_queue  # noqa: E402
from kaoping.marking.services import exam_create  # noqa: E402
from kaoping.org import services as org_services  # noqa: E402
from kaoping.org.models import Person  # noqa: E402
from kaoping.scoring.double_marking import MODES, ItemMarks  # noqa: E402
from kaoping.scoring.exam_papers import resolve_paper  # noqa: E402

PAPERS = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
rng = random.Random(2011)


def setup() -> tuple[WrittenExam, dict[int, dict[str, ItemMarks]]]:
    unit = org_services.unit_create(
        actor=None,
        parent=None,
        name="基准单位",
        code="BENCH",
        kind="organization",
        category="civil_service_like",
    )
    people = Person.objects.bulk_create(
        Person(
            name=f"考生{i}",
            gender="M",
            birth_date=dt.date(1970, 1, 1),
            unit=unit,
            category="civil_service_like",
        )
        for i in range(PAPERS)
    )
    items = [
        {"key": "case1", "label": "案例分析一", "max": "30", "tolerance": "3"},
        {"key": "case2", "label": "案例分析二", "max": "30", "tolerance": "3"},
        {"key": "essay", "label": "写作", "max": "40", "tolerance": "4"},
    ]
    exam = exam_create(actor=None, title="基准笔试", items=items, marking_mode="2+1")
    exam.status = WrittenExam.Status.MARKING
    exam.save()
    cands = ExamCandidate.objects.bulk_create(
        ExamCandidate(exam=exam, person=p, seat_no=i + 1, blind_code=f"M{i + 1:05d}")
        for i, p in enumerate(people)
    )
    markers = [User.objects.create_user(username=f"m{i}", password="x") for i in range(3)]
    rows, pure = [], {}
    db_items = list(exam.items.all())
    disagreements = 0
    for c in cands:
        paper = {}
        for it in db_items:
            top = int(it.max_score)
            a = Decimal(rng.randint(top // 2, top - 8))
            if rng.random() < 0.10:
                disagreements += 1
                marks = [a, a + 8, a + 7]  # third marker closer to the second
            else:
                marks = [a, a + rng.choice([0, 1, 2])]
            for r, (m, v) in enumerate(zip(markers, marks, strict=False), start=1):
                rows.append(Mark(exam=exam, candidate=c, item=it, marker=m, value=v, round=r))
            paper[it.key] = ItemMarks(tuple(marks))
        pure[c.pk] = paper
    Mark.objects.bulk_create(rows, batch_size=5000)
    MarkerAssignment.objects.bulk_create(MarkerAssignment(exam=exam, user=m) for m in markers)
    print(
        f"{PAPERS} papers × {len(db_items)} items, {len(rows)} marks, {disagreements} disagreements "
        f"({disagreements / (PAPERS * len(db_items)):.1%}) resolved by a third marker"
    )
    return exam, pure


def main() -> None:
    exam, pure = setup()
    items = scoring_items(exam.items.all())
    mode = MODES[exam.marking_mode]

    t_pure = t_stored = float("inf")
    for _round in range(3):  # alternate, keep the best of three (warm caches for both)
        t0 = time.perf_counter()
        engine_out = {cid: resolve_paper(items, mode, paper) for cid, paper in pure.items()}
        t_pure = min(t_pure, time.perf_counter() - t0)
        t0 = time.perf_counter()
        stored_out = paper_states(exam)
        t_stored = min(t_stored, time.perf_counter() - t0)

    assert all(o.is_final for o in engine_out.values())
    assert all(stored_out[cid][0].total.value == engine_out[cid].total.value for cid in engine_out)
    print(f"pure engine:     {t_pure:.3f} s (best of 3)")
    print(f"stored pipeline: {t_stored:.3f} s (queries + adapter + engine, best of 3)")
    print(f"ratio stored/pure: {t_stored / t_pure:.2f} (goal ≤ 3)")
    t0 = time.perf_counter()
    queue = marker_queue(exam, User.objects.get(username="m2"))
    print(
        f"third marker's queue ({len(queue)} paper-items, the selector behind the marker page): "
        f"{time.perf_counter() - t0:.3f} s"
    )


if __name__ == "__main__":
    main()
