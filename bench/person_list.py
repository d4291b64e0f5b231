"""Benchmark: the person list page with 100 000 people (first page and a filtered search page).

Runs against a throw-away SQLite database in a temporary KAOPING_VAR_DIR. Prints median and p95 of 50
requests each (goal: p95 ≤ 150 ms).
Usage: .venv/bin/python bench/person_list.py [people]
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

from _throwaway import VAR  # noqa: F401  (sets up Django on a temporary database)
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kaoping.accounts.models import RoleAssignment, User
from kaoping.accounts.roles import Role
from kaoping.common.db import refresh_statistics
from kaoping.org import services
from kaoping.org.idcard import check_digit
from kaoping.org.importing_sql import concrete_attnames, defaults_of, insert_rows
from kaoping.org.models import Person, Rank
from kaoping.org.presets import load_rank_presets

PEOPLE = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
REQUESTS = 50
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国华明伟丽敏静强军杰涛斌磊洋勇艳娟霞平"


def populate() -> tuple[User, int, int]:
    call_command("migrate", verbosity=0)
    load_rank_presets()
    root = services.unit_create(
        actor=None, parent=None, name="中华全国总工会", code="ROOT", kind="organization"
    )
    units = []
    for i in range(20):
        dept = services.unit_create(actor=None, parent=root, name=f"部门{i}", code=f"D{i:02d}")
        for j in range(5):
            units.append(
                services.unit_create(
                    actor=None, parent=dept, name=f"部门{i}处室{j}", code=f"D{i:02d}-{j}", kind="section"
                )
            )
    ranks = list(Rank.objects.filter(code__in=["chuzhang", "fu_chuzhang", "diaoyanyuan", "keyuan"]))
    now = timezone.now()
    attnames = concrete_attnames(Person, with_pk=False)
    defaults = defaults_of(Person)
    defaults["created_at"] = defaults["updated_at"] = now
    base = dt.date(1955, 1, 1)

    def rows():
        for i in range(PEOPLE):
            birth = base + dt.timedelta(days=i % 11000)
            first17 = f"{110101 + i // 110000}{birth:%Y%m%d}{(i // 11000) * 10 + 1 + i % 2:03d}"
            values = {
                **defaults,
                "name": SURNAMES[i % 20] + GIVEN[(i // 20) % 20] + GIVEN[(i // 400) % 20],
                "gender": "M" if i % 2 == 0 else "F",
                "birth_date": birth,
                "id_number": first17 + check_digit(first17),
                "unit_id": units[i % len(units)].pk,
                "rank_id": ranks[i % len(ranks)].pk,
                "rank_start_date": dt.date(birth.year + 35, 1, 1),
                "category": "civil_service_like",
                "current_post": "干部",
            }
            yield [values[a] for a in attnames]

    with transaction.atomic():
        insert_rows(Person, attnames, rows())
    refresh_statistics()  # what a roster import does after it creates people
    user = User.objects.create_user("bench-hr", password="bench-password-123")
    RoleAssignment.objects.create(user=user, role=Role.HR_ADMIN)
    return user, units[7].pk, ranks[0].pk


def timed(client: Client, url: str, params: dict) -> list[float]:
    client.get(url, params)  # warm-up
    times = []
    for _ in range(REQUESTS):
        t = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def report(label: str, times: list[float]) -> None:
    p95 = sorted(times)[int(len(times) * 0.95) - 1]
    print(f"{label:<44} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    t = time.perf_counter()
    user, unit_id, rank_id = populate()
    print(f"people: {Person.objects.count()}  (created in {time.perf_counter() - t:.1f} s)")
    client = Client()
    client.force_login(user)
    url = reverse("org:person_list")
    report("first page", timed(client, url, {}))
    report("search by name (q=王建)", timed(client, url, {"q": "王建"}))
    report("search by 身份证号 prefix", timed(client, url, {"q": "1101011970"}))
    report(
        "filter unit + rank, sorted by rank date",
        timed(client, url, {"unit": unit_id, "rank": rank_id, "sort": "-rank_start"}),
    )
    report("last page", timed(client, url, {"page": PEOPLE // 50}))


if __name__ == "__main__":
    main()
