"""Tallies and results: worked scores (R000-15, R002-02, R002-05), participation (R000-16), reconciliation
(RP-09), small-group suppression, export order, shares."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kaoping.ballots import services
from kaoping.ballots.models import Credential
from kaoping.ballots.results import results_workbook
from kaoping.ballots.selectors import round_results
from kaoping.ballots.services_voting import paper_counts_save
from tests.ballots.conftest import issue, make_round, vote, vote_many

pytestmark = pytest.mark.django_db


def _close(rnd):
    services.round_close(actor=None, round=rnd)
    return round_results(rnd)


def test_r000_15_worked_score_to_the_cent():
    """A 40 / B 60: A (3×1 + 2×0.5)×40/7 = 22.86, B (5×1 + 1×0.5)×60/6 = 55.00 → 77.86."""
    rnd = make_round(eligible={"A": 7, "B": 7}, subjects=("张三",), min_group_size=1)
    codes = issue(rnd, {"A": 7, "B": 7})
    vote_many(rnd, codes["A"], [(3, {"张三": "胜任"}), (2, {"张三": "基本胜任"}), (2, {"张三": "不胜任"})])
    vote_many(rnd, codes["B"], [(5, {"张三": "胜任"}), (1, {"张三": "基本胜任"})])
    res = _close(rnd)
    subject = res.subjects[0]
    assert subject.score.value == Decimal("77.86")
    assert [p.value for p in subject.score.parts] == [Decimal("22.86"), Decimal("55.00")]
    assert subject.counts["A"]["overall"] == {"胜任": 3, "基本胜任": 2, "不胜任": 2}
    assert subject.valid == {"A": {"overall": 7}, "B": {"overall": 6}}
    assert res.returned_by_group == {"A": 7, "B": 6} and res.is_valid  # 13/14 = 92.86 %


def test_r002_02_team_score_and_shares():
    """30 × (share好 + 0.8 share较好 + 0.6 share一般): 6 好, 3 较好, 2 一般, 1 差 of 12 → 30×(6+2.4+1.2)/12 = 24.00."""
    rnd = make_round(preset="seed002.team", eligible={"全体": 12}, subjects=("某团场领导班子",))
    codes = issue(rnd, {"全体": 12})["全体"]
    t = "某团场领导班子"
    vote_many(rnd, codes, [(6, {t: "好"}), (3, {t: "较好"}), (2, {t: "一般"}), (1, {t: "差"})])
    res = _close(rnd)
    s = res.subjects[0]
    assert s.score.value == Decimal("24.00")
    assert s.shares["overall"]["好"] == Decimal(6) / Decimal(12)
    assert s.shares["overall"]["差"] == Decimal(1) / Decimal(12)


def test_r002_05_cadre_five_items():
    rnd = make_round(preset="seed002.cadre", eligible={"全体": 5}, subjects=("王干部",), min_group_size=1)
    codes = issue(rnd, {"全体": 5})["全体"]
    subject = rnd.subjects.get()
    from kaoping.ballots.services_voting import cast_ballot

    for n, code in enumerate(codes):
        choice = {(subject.pk, k): ("优秀" if n < 4 else "称职") for k in "德能勤绩廉"}
        cast_ballot(code=code, choices=choice)
    res = _close(rnd)
    # each item (4 + 0.8)×70/5 = 67.20; 5 × 0.2 × 67.20 = 67.20
    assert res.subjects[0].score.value == Decimal("67.20")


@pytest.mark.parametrize(("returned", "valid"), [(7999, False), (8000, True)])
def test_r000_16_participation_79_99_vs_80_00(returned, valid, teller):
    rnd = make_round(preset="seed002.team", eligible={"全体": 10000}, subjects=("班子",))
    group = rnd.groups.get()
    services.group_update(actor=None, group=group, paper_issued=10000)
    group.refresh_from_db()
    s = rnd.subjects.get()
    paper_counts_save(
        actor=teller, round=rnd, group=group, returned=returned, counts={(s.pk, "overall", "好"): returned}
    )
    res = _close(rnd)
    assert res.is_valid is valid
    assert res.participation.ok is valid
    if not valid:
        assert any("79.99%" in r for r in res.invalid_reasons), res.invalid_reasons


def test_rp09_reconciliation_returned_above_issued_voids():
    rnd = make_round(eligible={"A": 2, "B": 2}, subjects=("张三",))
    codes = issue(rnd, {"A": 2, "B": 2})
    vote(rnd, codes["A"][0], {"张三": "胜任"})
    vote(rnd, codes["A"][1], {"张三": "胜任"})
    vote(rnd, codes["B"][0], {"张三": "胜任"})
    vote(rnd, codes["B"][1], {"张三": "胜任"})
    # simulate a lost credential row (e.g. tampering): returned 2 > issued 1 in A
    Credential.objects.filter(round=rnd, group__key="A").first().delete()
    res = _close(rnd)
    assert not res.is_valid
    assert any("A 表收回 2 张，超过发出凭证 1 张" in r for r in res.invalid_reasons)


@pytest.mark.parametrize(("a_votes", "show_groups"), [(4, False), (5, True), (6, True)])
def test_suppression_at_k_minus_1_k_k_plus_1_in_the_export(a_votes, show_groups):
    rnd = make_round(eligible={"A": 6, "B": 6}, subjects=("张三",), min_group_size=5)
    codes = issue(rnd, {"A": 6, "B": 6})
    vote_many(rnd, codes["A"], [(a_votes, {"张三": "胜任"})])
    vote_many(rnd, codes["B"], [(6, {"张三": "基本胜任"})])
    res = _close(rnd)
    assert res.suppression.show_groups is show_groups
    book = load_workbook(io.BytesIO(_export(rnd, res)))
    header = [c.value for c in next(book["测评结果汇总表"].iter_rows(max_row=1))]
    assert any(str(h).startswith("领导班子成员") for h in header) is show_groups


def test_unanimous_small_group_cannot_be_derived_from_the_page():
    """A unanimous group of k−1 is hidden, and so is every other group's breakdown (no subtraction)."""
    rnd = make_round(eligible={"A": 4, "B": 10}, subjects=("张三",), min_group_size=5)
    codes = issue(rnd, {"A": 4, "B": 10})
    vote_many(rnd, codes["A"], [(4, {"张三": "不胜任"})])
    vote_many(rnd, codes["B"], [(5, {"张三": "胜任"}), (5, {"张三": "不胜任"})])
    res = _close(rnd)
    assert not res.suppression.show_groups and res.suppression.show_counts
    from kaoping.ballots.results import subject_rows

    row = subject_rows(res, {"A": "A", "B": "B"}, {})[0]
    assert row.items[0].by_group is None
    assert row.items[0].combined == [5, 0, 9]
    # the formula names each group's counts ("(0×1 + 0×0.5)×40/4"): hidden too, the score stays
    assert row.derivation is None and "×40/4" not in row.score_text and "分组明细已隐去" in row.score_text
    cells = [c for line in _cells(_export(rnd, res)) for c in line if isinstance(c, str)]
    assert not any("×40/4" in c for c in cells)


def _export(rnd, res):
    labels = {g.key: g.label for g in rnd.groups.all()}
    return results_workbook(res, title=rnd.title, group_labels=labels, subject_order={})


def _cells(data: bytes) -> list[list]:
    book = load_workbook(io.BytesIO(data))
    return [[c.value for c in row] for ws in book.worksheets for row in ws.iter_rows()]


def test_export_order_independent_of_insertion_order():
    plans = [
        [(3, {"张三": "胜任", "李四": "不胜任"}), (3, {"张三": "基本胜任", "李四": "胜任"})],
        [(3, {"张三": "基本胜任", "李四": "胜任"}), (3, {"张三": "胜任", "李四": "不胜任"})],
    ]
    outputs = []
    for plan in plans:
        rnd = make_round(eligible={"A": 6, "B": 6}, min_group_size=1)
        codes = issue(rnd, {"A": 6, "B": 6})
        vote_many(rnd, codes["A"], plan)
        vote_many(rnd, codes["B"], list(reversed(plan)))
        outputs.append(_cells(_export(rnd, _close(rnd))))
    assert outputs[0] == outputs[1]
    assert outputs[0][1][:3] == [1, "张三", "综合评价"]


def test_round_results_contract_for_calling_processes(tree):
    """What 竞争上岗 / 年度考核 read: refs, person and unit ids, counts, score, shares."""
    from tests.factories import make_person

    person = make_person(tree.office, name="赵六")
    rnd = services.round_create(
        actor=None, title="竞岗测评", preset_key="seed000.ab", eligible={"A": 2, "B": 2}, external_ref="sel:9"
    )
    services.subject_add(
        actor=None, round=rnd, label="赵六", person=person, unit=tree.office, external_ref="reg:1"
    )
    services.round_open(actor=None, round=rnd)
    codes = issue(rnd, {"A": 2, "B": 2})
    vote_many(rnd, codes["A"], [(2, {"赵六": "胜任"})])
    vote_many(rnd, codes["B"], [(1, {"赵六": "胜任"}), (1, {"赵六": "不胜任"})])
    open_results = round_results(rnd)
    assert not open_results.is_closed
    res = _close(rnd)
    s = res.subjects[0]
    assert (res.round_id, res.is_closed, res.is_valid) == (rnd.pk, True, True)
    assert (s.external_ref, s.person_id, s.unit_id, s.label) == ("reg:1", person.pk, tree.office.pk, "赵六")
    assert res.returned_by_group == {"A": 2, "B": 2} and res.eligible_by_group == {"A": 2, "B": 2}
    assert s.counts["B"]["overall"] == {"胜任": 1, "基本胜任": 0, "不胜任": 1}
    assert s.score.value == Decimal("70.00")  # A 40 + B 1×60/2 = 30
    assert s.shares["overall"]["胜任"] == Decimal(3) / Decimal(4)
    assert res.participation.ok and res.participation.derivation.value == Decimal("100.00")
