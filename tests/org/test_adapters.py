"""Registry rows → scoring records: the engine sees what HR recorded (R000-07, R000-09, R000-10, R000-14)."""

import datetime as dt
from decimal import Decimal

from kaoping.org import services
from kaoping.org.adapters import person_record, with_history
from kaoping.org.models import Person
from kaoping.scoring.base_score import BaseScoreScheme, compute_base_score
from kaoping.scoring.eligibility import evaluate, rule_from_dict
from kaoping.scoring.presets import get_preset
from kaoping.scoring.presets.selection import SEED000_ELIGIBILITY
from tests.factories import make_person, rank

CUTOFF = dt.date(2011, 9, 30)
RULES_FU_JU = [rule_from_dict(r) for r in SEED000_ELIGIBILITY["副局级"]]


def _add_results(person, grades):
    for year, grade in grades.items():
        services.history_add(actor=None, person=person, record_kind="result", year=year, grade=grade)


def _record(person):
    return person_record(with_history(Person.objects.filter(pk=person.pk)).get())


def test_R000_14_base_score_from_registry_rows(tree):
    person = make_person(tree.office, "周海", rank=rank("fu_xunshiyuan"), rank_start_date=dt.date(2009, 1, 5))
    _add_results(person, {2008: "competent", 2009: "excellent", 2010: "excellent"})
    services.history_add(
        actor=None,
        person=person,
        record_kind="secondment",
        kind="xinjiang",
        start_date=dt.date(2009, 3, 1),
        end_date=dt.date(2010, 8, 31),
        place="喀什",
    )
    scheme = BaseScoreScheme.from_dict(get_preset("selection.seed000").data["base_score"])
    d = compute_base_score(_record(person), scheme, CUTOFF)
    assert d.value == Decimal("93.50")
    assert (
        d.text()
        == "基础分 93.50 = 职务分 40 + 年度考核分 49 (2008 称职 15, 2009 优秀 17, 2010 优秀 17) + 挂职分 4.50"
    )


def test_R000_07_R000_09_eligibility_reasons_from_registry_rows(tree):
    person = make_person(tree.office, "钱林", rank=rank("chuzhang"), rank_start_date=dt.date(2009, 10, 1))
    _add_results(person, {2008: "competent", 2010: "competent"})
    report = evaluate(_record(person), RULES_FU_JU, CUTOFF)
    assert not report.passed
    assert any(r.startswith("R000-07") and "不满3年" in r for r in report.reasons)
    assert "R000-09 缺少2009年度考核结果" in report.reasons


def test_R000_10_requirement_flags_come_from_the_person_record(tree):
    person = make_person(
        tree.office,
        "孙磊",
        rank=rank("fu_ju"),
        rank_start_date=dt.date(2008, 1, 1),
        has_grassroots_experience=False,
    )
    _add_results(person, {2008: "competent", 2009: "competent", 2010: "excellent"})
    report = evaluate(_record(person), RULES_FU_JU, CUTOFF)
    assert not report.passed
    assert [r for r in report.reasons if r.startswith("R000-10")]
    services.person_update(actor=None, person=person, has_grassroots_experience=True)
    assert evaluate(_record(person), RULES_FU_JU, CUTOFF).passed


def test_with_history_reads_a_page_of_people_in_constant_queries(tree, django_assert_max_num_queries):
    for i in range(6):
        p = make_person(tree.office, f"批量{i}")
        _add_results(p, {2010: "competent"})
    with django_assert_max_num_queries(7):
        records = [person_record(p) for p in with_history(Person.objects.all())]
    assert len(records) == 6 and all(r.annual_results[0].grade == "称职" for r in records)
