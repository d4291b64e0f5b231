"""Benchmark: import a 100 000-row roster and compare with openpyxl's read-only parse of the same file.

Runs against a throw-away SQLite database in a temporary KAOPING_VAR_DIR (never the real one).
Usage: .venv/bin/python bench/import_people.py [rows]   (goal: import ≤ 2 × parse)
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time

from _throwaway import VAR
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from kaoping.accounts.models import RoleAssignment, User
from kaoping.accounts.roles import Cap, Role
from kaoping.accounts.scoping import scope_for
from kaoping.org import services
from kaoping.org.idcard import check_digit
from kaoping.org.importing import import_people
from kaoping.org.importing_columns import ROSTER_COLUMNS, YEAR_HEADER
from kaoping.org.models import Person
from kaoping.org.presets import load_rank_presets

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国华明伟丽敏静强军杰涛斌磊洋勇艳娟霞平"
RANKS = ("处长", "副处长", "调研员", "助理调研员", "主任科员", "科员")
GRADES = ("称职", "称职", "称职", "优秀")


def setup_db():
    call_command("migrate", verbosity=0)
    load_rank_presets()
    root = services.unit_create(
        actor=None, parent=None, name="中华全国总工会", code="ROOT", kind="organization"
    )
    codes = []
    for i in range(20):
        dept = services.unit_create(actor=None, parent=root, name=f"部门{i}", code=f"D{i:02d}")
        for j in range(5):
            services.unit_create(
                actor=None, parent=dept, name=f"部门{i}处室{j}", code=f"D{i:02d}-{j}", kind="section"
            )
            codes.append(f"D{i:02d}-{j}")
    user = User.objects.create_user("bench-hr", password="bench-password-123")
    RoleAssignment.objects.create(user=user, role=Role.HR_ADMIN)
    return user, codes


def make_file(path: str, codes: list[str]) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("干部名册")
    headers = [str(c.header) for c in ROSTER_COLUMNS] + [
        str(YEAR_HEADER).format(year=y) for y in (2008, 2009, 2010)
    ]
    ws.append(headers)
    base = dt.date(1955, 1, 1)
    for i in range(ROWS):
        birth = base + dt.timedelta(days=i % 11000)
        male = i % 2 == 1
        seq = (i // 11000) * 10 + (1 if male else 2)
        first17 = f"{110101 + (i // 110000)}{birth:%Y%m%d}{seq:03d}"
        values = {
            "name": SURNAMES[i % 20] + GIVEN[(i // 20) % 20] + GIVEN[(i // 400) % 20],
            "gender": "男" if male else "女",
            "birth_date": birth,
            "ethnicity": "汉族",
            "native_place": "北京",
            "id_number": first17 + check_digit(first17),
            "political_status": "中共党员",
            "education": "大学本科",
            "degree": "学士",
            "education_parttime": "",
            "degree_parttime": "",
            "work_start_date": dt.date(birth.year + 22, 7, 1),
            "unit_code": codes[i % len(codes)],
            "unit_name": "",
            "current_post": "干部",
            "rank": RANKS[i % len(RANKS)],
            "rank_start_date": dt.date(birth.year + 35, 1, 1),
            "post_start_date": dt.date(birth.year + 35, 1, 1),
            "category": "参公",
            "health": "健康",
            "phone": f"010-{i % 10000:04d}",
            "is_active": "是",
            "notes": "",
        }
        ws.append([values[c.key] or None for c in ROSTER_COLUMNS] + [GRADES[(i + k) % 4] for k in range(3)])
    wb.save(path)


def parse_only(path: str) -> int:
    wb = load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in wb["干部名册"].iter_rows(values_only=True))
    wb.close()
    return n


def main() -> None:
    user, codes = setup_db()
    path = os.path.join(VAR, "roster.xlsx")
    t = time.perf_counter()
    make_file(path, codes)
    print(
        f"rows: {ROWS}  file: {os.path.getsize(path) / 1e6:.1f} MB  (generated in {time.perf_counter() - t:.1f} s)"
    )
    t = time.perf_counter()
    parse_only(path)
    parse = time.perf_counter() - t
    t = time.perf_counter()
    result = import_people(actor=user, file=path, scope=scope_for(user, Cap.ORG_IMPORT))
    imported = time.perf_counter() - t
    assert result.is_saved, result.errors[:10]
    assert Person.objects.count() == ROWS
    t = time.perf_counter()
    again = import_people(actor=user, file=path, scope=scope_for(user, Cap.ORG_IMPORT))
    reimport = time.perf_counter() - t
    print(f"openpyxl read-only parse: {parse:7.2f} s")
    print(f"import (create {result.created}):  {imported:7.2f} s   ratio {imported / parse:.2f}  (goal ≤ 2)")
    print(f"re-import (unchanged {again.unchanged}): {reimport:7.2f} s   ratio {reimport / parse:.2f}")


if __name__ == "__main__":
    main()
