"""Benchmark: computing the proposals of a large annual round (issue 9) on a throw-away SQLite database.

Builds a round with T teams per type (2 types), each with one head and D deputies, every input entered,
then times ``proposals_compute`` (load inputs, totals R002-01/04/05, grading R002-03/06, upsert proposals)
and the proposals page's query count.

Usage: .venv/bin/python bench/annual_grading.py [--teams 50] [--deputies 5]
"""

from __future__ import annotations

import argparse
import time
from decimal import Decimal

import _throwaway  # noqa: F401  (sets up Django on a temporary database)
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

call_command("migrate", verbosity=0)

from kaoping.annual import services as svc  # noqa: E402
from kaoping.annual import services_grading as gsvc  # noqa: E402
from kaoping.annual.models import AnnualRound  # noqa: E402
from kaoping.org import services as org  # noqa: E402
from kaoping.org.choices import Gender, PersonCategory  # noqa: E402


def build(teams: int, deputies: int) -> AnnualRound:
    import datetime as dt

    root = org.unit_create(actor=None, parent=None, name="师市", code="ROOT")
    dept = org.unit_create(actor=None, parent=root, name="组织部", code="ZZB")
    rnd = svc.round_create(actor=None, year=2011, title="基准", unit=root)
    types = {t.kind: t for t in rnd.team_types.all()}
    for kind in ("farm", "affiliated"):
        svc.sub_item_create(
            actor=None,
            round=rnd,
            team_type=types[kind],
            name="综合",
            points=Decimal(70),
            responsible_unit=dept,
        )
    made = []
    n = 0
    for kind in ("farm", "affiliated"):
        for i in range(teams):
            unit = org.unit_create(actor=None, parent=root, name=f"{kind}{i}", code=f"{kind}{i}")
            team = svc.team_create(actor=None, round=rnd, unit=unit, team_type=types[kind])
            for j in range(deputies + 1):
                n += 1
                person = org.person_create(
                    actor=None,
                    name=f"干部{n}",
                    unit=unit,
                    gender=Gender.MALE,
                    birth_date=dt.date(1970, 1, 1),
                    category=PersonCategory.CIVIL_SERVANT,
                )
                role = "head" if j == 0 else "deputy"
                extra = {} if j == 0 else {"leader_score": Decimal(20 + (n % 10))}
                made.append(
                    svc.cadre_create(actor=None, round=rnd, person=person, role=role, team=team, **extra)
                )
            made.append(team)
    rnd.stage = "scoring"
    rnd.save()
    for obj in made:
        if hasattr(obj, "team_type") and not hasattr(obj, "person"):
            item = obj.team_type.sub_items.get()
            svc.sub_item_score_set(actor=None, sub_item=item, team=obj, score=Decimal(40 + obj.pk % 30))
            svc.tally_set(
                actor=None,
                round=rnd,
                team=obj,
                counts={"好": 20 + obj.pk % 10, "较好": 5, "一般": 2, "差": 1},
            )
            svc.tally_set(
                actor=None, round=rnd, team=obj, tally="party_building", counts={"好": 9, "较好": 1}
            )
        else:
            svc.tally_set(
                actor=None, round=rnd, cadre=obj, counts={"优秀": 10 + obj.pk % 8, "称职": 5, "基本称职": 1}
            )
    return rnd


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--deputies", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    rnd = build(args.teams, args.deputies)
    built = time.perf_counter() - start
    subjects = rnd.teams.count() + rnd.cadres.count()
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        gsvc.proposals_compute(actor=None, round=rnd)
        first = time.perf_counter() - start
    start = time.perf_counter()
    gsvc.proposals_compute(actor=None, round=rnd)
    again = time.perf_counter() - start
    print(
        f"subjects: {subjects} ({rnd.teams.count()} teams, {rnd.cadres.count()} cadres); set-up {built:.1f} s"
    )
    print(
        f"proposals_compute: first {first * 1000:.0f} ms ({len(ctx.captured_queries)} queries), again {again * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
