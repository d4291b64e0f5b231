"""A 10 000-row file imports in one go; the demo data loads once and supports seed-000 eligibility."""

from __future__ import annotations

import datetime as dt
import time

from kaoping.common.models import AuditEntry
from kaoping.org.demo import DEMO_ROOT_CODE, load_demo, load_demo_with_accounts
from kaoping.org.models import AnnualResult, Person, Secondment, Unit
from kaoping.scoring.eligibility import AnnualResultsAtLeast, BornOnOrAfter, YearsInRank
from kaoping.scoring.records import AnnualResult as ResultRecord
from kaoping.scoring.records import PersonRecord
from tests.org.io.helpers import HEADERS, idn, roster

CUTOFF = dt.date(2011, 9, 30)


def test_ten_thousand_rows_import(run_import):
    base = dt.date(1960, 1, 1)
    rows = []
    for i in range(10_000):
        birth = base + dt.timedelta(days=i % 9000)
        rows.append(
            [
                f"人员{i}",
                "男" if i % 2 else "女",
                birth,
                idn(birth, male=bool(i % 2), serial=i // 9000),
                "中共党员",
                "BGT-MSC" if i % 3 else "ZZB",
                "处长",
                dt.date(2008, 1, 1),
                "参公",
                "称职",
            ]
        )
    file = roster(rows, headers=(*HEADERS, "2010年度考核"))
    started = time.monotonic()
    result = run_import(file)
    elapsed = time.monotonic() - started
    assert result.is_saved and result.created == 10_000, result.errors[:5]
    assert Person.objects.count() == 10_000 and AnnualResult.objects.count() == 10_000
    assert (
        AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_type="org.person").count() == 10_000
    )
    assert elapsed < 30


def _record(person: Person) -> PersonRecord:
    return PersonRecord(
        person_id=str(person.pk),
        name=person.name,
        birth_date=person.birth_date,
        unit_kind="直属单位" if person.unit.category == "affiliated" else "机关",
        rank_code=person.rank.name,
        rank_level=person.rank.get_level_display(),
        rank_start=person.rank_start_date,
        annual_results=tuple(ResultRecord(r.year, r.get_grade_display()) for r in person.annualresults.all()),
    )


def test_demo_is_idempotent_and_gives_varied_eligibility(db):
    people, accounts = load_demo_with_accounts()
    assert 250 <= people <= 400
    assert [a[0] for a in accounts] == ["liaison_bgt", "hr", "leader"]
    counts = (Unit.objects.count(), Person.objects.count(), AnnualResult.objects.count())
    assert load_demo() == 0
    assert (Unit.objects.count(), Person.objects.count(), AnnualResult.objects.count()) == counts
    root = Unit.objects.get(code=DEMO_ROOT_CODE)
    assert root.name == "中华全国总工会"
    assert Unit.objects.filter(parent=root, name="中国农林水利工会全国委员会").exists()
    assert Unit.objects.get(name="全总文工团").category == "affiliated"
    assert Person.objects.exclude(id_number="").count() > people * 0.8
    assert Secondment.objects.exists()

    people_qs = Person.objects.select_related("unit", "rank").prefetch_related("annualresults")
    records = [_record(p) for p in people_qs]
    # R000-07: 正处级 with ≥ 3 full years passes, with fewer fails — both occur.
    tenure = YearsInRank(ranks=("正处级",), min_years=3)
    zheng_chu = [r for r in records if r.rank_level == "正处级"]
    outcomes = {tenure.check(r, CUTOFF).passed for r in zheng_chu}
    assert outcomes == {True, False}
    # R000-09: most have 称职 or better in 2008–2010; some do not (missing year or 基本称职).
    results = AnnualResultsAtLeast(years=(2008, 2009, 2010))
    passed = [results.check(r, CUTOFF).passed for r in records]
    assert 0 < passed.count(False) < passed.count(True)
    # R000-08: someone is born before 1953-10-01.
    age = BornOnOrAfter(dt.date(1953, 10, 1))
    assert not all(age.check(r, CUTOFF).passed for r in records)
    # the demo liaison sees 办公厅 only
    from kaoping.accounts.models import User
    from kaoping.accounts.roles import Cap
    from kaoping.accounts.scoping import scope_for

    scope = scope_for(User.objects.get(username="liaison_bgt"), Cap.ORG_VIEW)
    assert scope.unit_paths == (Unit.objects.get(code="BGT").path,)
    assert User.objects.get(username="hr").check_password("kaoping-demo-2011")
