"""Benchmark: a 竞争上岗 campaign with 200 positions × 30 candidates and every input entered (evaluation
counts, two exam markers, a 7-examiner interview panel).

Prints, in one run (each measured REPEATS times, alternating, best and median wall time and best CPU time
of this process — on a busy machine the CPU time is the steadier figure):
- the time to compute and store every stage's results through the services (evaluation, exam with the
  interview cut, interview with the totals and the inspection cut), on a throw-away SQLite database;
- the same computation in the pure engine alone (kaoping.scoring, inputs already in memory), and the
  same plus turning every derivation into JSON-ready dicts (what storing them needs at least);
- the ratio stored / pure (goal ≤ 3);
- the results page of one position (Django test client; goal ≤ 150 ms), median and p95 of 30 requests,
  for the exam-stage ranking (30 rows) and the interview-stage ranking.

Usage: .venv/bin/python bench/campaign_results.py [positions] [candidates]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from decimal import Decimal

from _throwaway import VAR  # noqa: F401  (sets up Django on a temporary database)
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kaoping.accounts.models import RoleAssignment, User
from kaoping.accounts.roles import Role
from kaoping.common.db import refresh_statistics
from kaoping.org import services as org_services
from kaoping.org.idcard import check_digit
from kaoping.org.importing_sql import concrete_attnames, defaults_of, insert_rows
from kaoping.org.models import Person, Rank
from kaoping.org.presets import load_rank_presets
from kaoping.scoring.presets.selection import SEED000_SELECTION
from kaoping.scoring.selection import SelectionScheme, evaluation_stage, exam_score, interview_score
from kaoping.scoring.selection_results import Candidate, position_results
from kaoping.scoring.trace import Derivation
from kaoping.selection import services_results
from kaoping.selection.models import Campaign, OfferedPosition, Registration
from kaoping.selection.models_stages import EvaluationEntry, ExamMarkEntry, InterviewMarkEntry, StageResult

POSITIONS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
CANDIDATES = int(sys.argv[2]) if len(sys.argv) > 2 else 30
MARKERS = ("阅卷人1", "阅卷人2")
EXAMINERS = ("主考官", "考官1", "考官2", "考官3", "考官4", "考官5", "考官6")
REQUESTS = 30
REPEATS = 3
D = Decimal
rng = random.Random(20111028)


def populate() -> tuple[Campaign, dict]:
    """Everything through bulk inserts (this benchmark times the results, not the data entry)."""
    call_command("migrate", verbosity=0)
    load_rank_presets()
    root = org_services.unit_create(
        actor=None, parent=None, name="中华全国总工会", code="ROOT", kind="organization"
    )
    rank = Rank.objects.get(code="chuzhang")
    now = timezone.now()
    campaign = Campaign.objects.create(
        title="基准测试竞争上岗",
        stage=Campaign.Stage.EVALUATION,
        scheme=SEED000_SELECTION,
        tenure_cutoff=dt.date(2011, 9, 30),
        registration_deadline=now,
    )
    positions = OfferedPosition.objects.bulk_create(
        [
            OfferedPosition(campaign=campaign, order=i, title=f"职位{i:03d}", unit=root, level="副局级")
            for i in range(POSITIONS)
        ]
    )
    n = POSITIONS * CANDIDATES
    attnames = concrete_attnames(Person, with_pk=False)
    defaults = defaults_of(Person)
    defaults["created_at"] = defaults["updated_at"] = now

    def rows():
        for i in range(n):
            birth = dt.date(1960, 1, 1) + dt.timedelta(days=i % 5000)
            first17 = f"{110101 + i // 5000}{birth:%Y%m%d}{(i // 5000) * 10 + 1:03d}"
            values = {
                **defaults,
                "name": f"候选人{i:05d}",
                "gender": "M",
                "birth_date": birth,
                "id_number": first17 + check_digit(first17),
                "unit_id": root.pk,
                "rank_id": rank.pk,
                "rank_start_date": dt.date(2005, 7, 1),
                "category": "civil_service_like",
                "current_post": "处长",
            }
            yield [values[a] for a in attnames]

    with transaction.atomic():
        insert_rows(Person, attnames, rows())
    people = list(Person.objects.order_by("id").values_list("id", flat=True))
    regs = Registration.objects.bulk_create(
        [
            Registration(
                campaign=campaign,
                person_id=people[i],
                position=positions[i // CANDIDATES],
                status="qualified",
            )
            for i in range(n)
        ],
        batch_size=1000,
    )
    inputs: dict = {"base": {}, "counts": {}, "exam": {}, "interview": {}}
    results, entries, exam_marks, iv_marks = [], [], [], []
    for reg in regs:
        base = D(rng.randint(6000, 9800)) / 100
        d = Derivation(label="基础分数", value=base, formula="职务分 + 年度考核分 + 挂职分", rule="R000-14")
        inputs["base"][reg.pk] = d
        results.append(
            StageResult(
                campaign=campaign,
                position_id=reg.position_id,
                registration=reg,
                stage="base",
                value=base,
                weighted=base * D("0.2"),
                derivation=d.to_dict(),
                computed_at=now,
            )
        )
        a_ok, a_basic = rng.randint(5, 10), 0
        a_basic = rng.randint(0, 10 - a_ok)
        b_ok = rng.randint(28, 50)
        b_basic = rng.randint(0, 50 - b_ok)
        counts = {
            "A": {"胜任": a_ok, "基本胜任": a_basic, "不胜任": 10 - a_ok - a_basic},
            "B": {"胜任": b_ok, "基本胜任": b_basic, "不胜任": 50 - b_ok - b_basic},
        }
        inputs["counts"][reg.pk] = counts
        entries.append(EvaluationEntry(registration=reg, counts=counts, eligible=64, returned=60))
        exam = {m: {"case": D(rng.randint(30, 60)), "essay": D(rng.randint(20, 40))} for m in MARKERS}
        inputs["exam"][reg.pk] = exam
        for m, per in exam.items():
            for item, v in per.items():
                exam_marks.append(ExamMarkEntry(registration=reg, marker=m, item=item, value=v))
        iv = {e: {"statement": D(rng.randint(25, 40)), "answers": D(rng.randint(35, 60))} for e in EXAMINERS}
        inputs["interview"][reg.pk] = iv
        for e, per in iv.items():
            for part, v in per.items():
                role = "chief" if e == "主考官" else "examiner"
                iv_marks.append(
                    InterviewMarkEntry(registration=reg, examiner=e, role=role, part=part, value=v)
                )
    with transaction.atomic():
        StageResult.objects.bulk_create(results, batch_size=1000)
        EvaluationEntry.objects.bulk_create(entries, batch_size=1000)
        ExamMarkEntry.objects.bulk_create(exam_marks, batch_size=2000)
        InterviewMarkEntry.objects.bulk_create(iv_marks, batch_size=2000)
    refresh_statistics()
    inputs["positions"] = {p.pk: [r.pk for r in regs if r.position_id == p.pk] for p in positions}
    return campaign, inputs


def pure_engine(scheme: SelectionScheme, inputs: dict, *, serialise: bool = False) -> int:
    """The same computation with the engine alone: per position evaluation, exam, after-exam cut, interview
    of those within the cut, totals and the inspection cut."""
    roles = {e: ("chief" if e == "主考官" else "examiner") for e in EXAMINERS}
    n = 0
    for ids in inputs["positions"].values():
        ev = {i: evaluation_stage(scheme, inputs["counts"][i], returned=60, eligible=64) for i in ids}
        passed = [i for i in ids if ev[i].passes]
        exams = {i: exam_score(scheme, inputs["exam"][i]) for i in passed}
        cands = [
            Candidate(id=i, base=inputs["base"][i], evaluation=ev[i].score, exam=exams[i]) for i in passed
        ]
        first = position_results(scheme, cands)
        interviewed = [i for i in passed if first.interview_cut and i in first.interview_cut.passed]
        ivs = {i: interview_score(scheme, inputs["interview"][i], roles) for i in interviewed}
        final = position_results(
            scheme,
            [
                Candidate(
                    id=i, base=inputs["base"][i], evaluation=ev[i].score, exam=exams[i], interview=ivs[i]
                )
                for i in interviewed
            ],
        )
        if not serialise:
            n += len(ids) + len(passed) * 2 + len(interviewed) * 2
            continue
        # what the stored pipeline also does with every number: its derivation as JSON
        for d in [
            *(o.score for o in ev.values()),
            *exams.values(),
            *first.after_exam.values(),
            *ivs.values(),
            *final.totals.values(),
        ]:
            d.to_dict()
        n += len(ids) + len(passed) * 2 + len(interviewed) * 2
    return n


def stored_pipeline(campaign: Campaign) -> int:
    n = 0
    for stage in (Campaign.Stage.EVALUATION, Campaign.Stage.EXAM, Campaign.Stage.INTERVIEW):
        Campaign.objects.filter(pk=campaign.pk).update(stage=stage)
        campaign.refresh_from_db()
        n += services_results.results_compute(campaign=campaign, actor=None).results
    return n


def page_times(client: Client, url: str) -> list[float]:
    client.get(url)
    times = []
    for _ in range(REQUESTS):
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def report(label: str, times: list[float]) -> None:
    p95 = sorted(times)[int(len(times) * 0.95) - 1]
    print(f"{label:<48} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    t = time.perf_counter()
    campaign, inputs = populate()
    print(f"positions {POSITIONS} × candidates {CANDIDATES} (created in {time.perf_counter() - t:.1f} s)")
    scheme = SelectionScheme.from_dict(campaign.scheme)

    # Alternate the two measurements so both see the same machine load (other processes may be busy);
    # report the best and the median of REPEATS runs. Later stored runs also delete the previous rows.
    walls: dict[str, list[float]] = {"pure": [], "json": [], "stored": []}
    cpus: dict[str, list[float]] = {"pure": [], "json": [], "stored": []}

    def measure(key, fn):
        w, c = time.perf_counter(), time.process_time()
        n = fn()
        walls[key].append(time.perf_counter() - w)
        cpus[key].append(time.process_time() - c)
        return n

    for _ in range(REPEATS):
        pure_n = measure("pure", lambda: pure_engine(scheme, inputs))
        measure("json", lambda: pure_engine(scheme, inputs, serialise=True))
        stored_n = measure("stored", lambda: stored_pipeline(campaign))
    labels = {
        "pure": f"pure engine (every stage, all positions, {pure_n} scores)",
        "json": "pure engine + derivations to JSON",
        "stored": f"stored pipeline (services, compute + store, {stored_n} rows)",
    }
    print(f"{'':58} {'wall best':>10} {'median':>8} {'cpu best':>10}")
    for key, label in labels.items():
        print(
            f"{label:58} {min(walls[key]):9.2f}s {statistics.median(walls[key]):7.2f}s {min(cpus[key]):9.2f}s"
        )
    wall_ratio = min(walls["stored"]) / min(walls["pure"])
    cpu_ratio = min(cpus["stored"]) / min(cpus["pure"])
    print(f"ratio stored / pure: wall {wall_ratio:.2f}, cpu {cpu_ratio:.2f}   (goal ≤ 3)")

    user = User.objects.create_user("bench-hr", password="bench-password-123")
    RoleAssignment.objects.create(user=user, role=Role.HR_ADMIN)
    client = Client()
    client.force_login(user)
    position = campaign.positions.order_by("order").first()
    url = reverse("selection:results_position", args=[position.pk])
    report(f"results page, exam ranking ({CANDIDATES} rows)", page_times(client, url + "?stage=exam"))
    report("results page, interview ranking", page_times(client, url + "?stage=interview"))
    report("results page, evaluation ranking", page_times(client, url + "?stage=evaluation"))


if __name__ == "__main__":
    main()
