"""Benchmark: a 目标管理考核 scheme (seed-003 rules) with N departments × 12 target items, every department
carried through the whole flow (self scores, office, feedback, review, approval) through the services.

Prints, in one run:
- the time to open the scheme and to walk every department through the flow (services, audited);
- the results page (ranking of N units with derivations and chart; Django test client), median and p95 of
  20 requests, and its query count;
- the results workbook (.xlsx) export and a pay run over all departments.

Usage: .venv/bin/python bench/assessment_results.py [departments]
"""

from __future__ import annotations

import copy
import statistics
import sys
import time
from decimal import Decimal

from _throwaway import VAR  # noqa: F401  (sets up Django on a temporary database)
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kaoping.accounts.models import RoleAssignment, User
from kaoping.accounts.roles import Role
from kaoping.assessment import documents, selectors, services, services_flow, services_pay
from kaoping.org import choices as c
from kaoping.org import services as org_services
from kaoping.scoring.presets.targets import TARGETS_2018

DEPARTMENTS = int(sys.argv[1]) if len(sys.argv) > 1 else 100


def main() -> None:
    call_command("migrate", verbosity=0)
    admin = User.objects.create_user(username="bench", password="bench-pass-123")
    RoleAssignment.objects.create(user=admin, role=Role.HR_ADMIN)
    leader = User.objects.create_user(username="chair", password="bench-pass-123")
    RoleAssignment.objects.create(user=leader, role=Role.LEADER)
    finance = next(d for d in TARGETS_2018["departments"] if d["name"] == "财务部")
    data = copy.deepcopy(TARGETS_2018)
    data["departments"] = [{**copy.deepcopy(finance), "name": f"部门{i:03d}"} for i in range(DEPARTMENTS)]
    root = org_services.unit_create(
        actor=None,
        parent=None,
        name="基准",
        code="BENCH",
        kind=c.UnitKind.ORGANIZATION,
        category=c.UnitCategory.AGENCY,
    )
    scheme = services.scheme_create(actor=admin, year=2018, kind="targets", data=data, title="基准方案")
    for i in range(DEPARTMENTS):
        unit = org_services.unit_create(
            actor=None,
            parent=root,
            name=f"部门{i:03d}",
            code=f"BENCH-{i:03d}",
            kind=c.UnitKind.DEPARTMENT,
            category=c.UnitCategory.AGENCY,
        )
        services.scheme_unit_add(actor=admin, scheme=scheme, unit=unit, key=unit.name)
    t0 = time.perf_counter()
    services.scheme_open(actor=admin, scheme=scheme)
    t_open = time.perf_counter() - t0

    t0 = time.perf_counter()
    for i, a in enumerate(scheme.assessments.order_by("order")):
        shortfall = Decimal(i % 25)
        for s in a.scores.all():
            services_flow.score_set(actor=admin, score=s, value=s.max_points)
        services_flow.summary_set(actor=admin, assessment=a, summary="总结")
        services_flow.assessment_transition(actor=admin, assessment=a, action="submit")
        for s in a.scores.all():
            value = s.max_points - (shortfall if s.order == 0 else 0)
            services_flow.score_set(actor=admin, score=s, value=value)
        for action in ("propose", "adjust", "review"):
            services_flow.assessment_transition(actor=admin, assessment=a, action=action)
        services_flow.assessment_transition(actor=leader, assessment=a, action="approve")
    t_flow = time.perf_counter() - t0

    client = Client()
    client.force_login(admin)
    url = reverse("assessment:results", args=[scheme.pk])
    client.get(url)
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append(time.perf_counter() - t0)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)

    t0 = time.perf_counter()
    rows = selectors.scheme_results(admin, scheme)
    xlsx = documents.results_xlsx(scheme, rows)
    t_xlsx = time.perf_counter() - t0
    t0 = time.perf_counter()
    run = services_pay.pay_run_create(actor=admin, scheme=scheme, forfeited=set())
    t_pay = time.perf_counter() - t0

    print(f"departments: {DEPARTMENTS} × 12 items")
    print(f"open scheme (create score rows): {t_open * 1000:.0f} ms")
    print(
        f"whole flow through the services: {t_flow:.1f} s ({t_flow / DEPARTMENTS * 1000:.0f} ms per department)"
    )
    p95 = sorted(times)[int(len(times) * 0.95) - 1]
    print(
        f"results page: median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"{len(ctx.captured_queries)} queries"
    )
    print(f"results workbook: {t_xlsx * 1000:.0f} ms, {len(xlsx) // 1024} KiB")
    print(f"pay run ({run.lines.count()} lines, leaders none): {t_pay * 1000:.0f} ms")


if __name__ == "__main__":
    main()
