"""双评 2+1 / 2+1+1 through the stored pipeline (RP-04): within tolerance, third marker closer to one,
all apart → arbitration; the third-marker queue and the arbitrator."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kaoping.common.errors import DomainError, PermissionDenied, TransitionBlocked
from kaoping.marking import services, services_close
from kaoping.marking.resolution import paper_outcomes
from kaoping.marking.selectors import exam_progress, exam_results, marker_queue
from tests.marking.conftest import build_exam

pytestmark = pytest.mark.django_db


def _case(setup, cand, *values):
    for idx, v in enumerate(values):
        services.mark_submit(
            actor=setup.markers[idx], exam=setup.exam, candidate=cand, item=setup.items["case"], value=v
        )


def _essay_ok(setup, cand):
    for idx in (0, 1):
        services.mark_submit(
            actor=setup.markers[idx], exam=setup.exam, candidate=cand, item=setup.items["essay"], value="30"
        )


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        (("50", "53"), D("51.50")),  # RP-04 within tolerance 3 (inclusive) → mean
        (("50", "54", "53"), D("53.50")),  # RP-04 third closer to the second → (54 + 53)/2
        (("50", "56", "51"), D("50.50")),  # RP-04 third closer to the first → (50 + 51)/2
    ],
)
def test_two_plus_one_table_rp_04(hr_admin, tree, marks, expected):
    setup = build_exam(hr_admin, tree, mode="2+1", n=1)
    services.exam_start_marking(actor=hr_admin, exam=setup.exam)
    cand = setup.candidates[0]
    _case(setup, cand, *marks)
    outcome = paper_outcomes(setup.exam)[cand.pk]
    assert outcome.items[0].value == expected
    assert outcome.items[0].derivation.rule == "RP-04"


def test_all_three_apart_goes_to_arbitration_rp_04(hr_admin, tree):
    setup = build_exam(hr_admin, tree, mode="2+1", n=1)
    exam, cand, case = setup.exam, setup.candidates[0], setup.items["case"]
    services.exam_start_marking(actor=hr_admin, exam=exam)
    _essay_ok(setup, cand)
    _case(setup, cand, "40", "50")
    # the third marker's queue shows the disputed code; the two first markers are done with it
    q3 = [r for r in marker_queue(exam, setup.markers[2]) if r.item_key == "case"]
    assert [(r.code, r.needs_me) for r in q3] == [(cand.blind_code, True)]
    assert not any(r.needs_me for r in marker_queue(exam, setup.markers[0]) if r.item_key == "case")
    items, _markers, waiting = exam_progress(exam)
    assert items[0].disputes == 1 and [w.kind for w in waiting] == ["dispute"]
    _case_third = services.mark_submit(
        actor=setup.markers[2], exam=exam, candidate=cand, item=case, value="58"
    )
    with pytest.raises(TransitionBlocked) as exc:
        services_close.exam_close(actor=hr_admin, exam=exam)
    assert any("待仲裁" in i for i in exc.value.issues)
    with pytest.raises(PermissionDenied):
        services.arbitration_submit(actor=setup.markers[0], exam=exam, candidate=cand, item=case, value="45")
    arb_queue = marker_queue(exam, setup.arbitrator)
    assert [(r.role, r.needs_me) for r in arb_queue if r.item_key == "case"] == [("arbitrator", True)]
    services.arbitration_submit(actor=setup.arbitrator, exam=exam, candidate=cand, item=case, value="47")
    with pytest.raises(DomainError):
        services.arbitration_submit(actor=setup.arbitrator, exam=exam, candidate=cand, item=case, value="48")
    services_close.exam_close(actor=hr_admin, exam=exam)
    services_close.exam_open_key(actor=hr_admin, exam=exam)
    [score] = exam_results(exam).scores
    assert score.score == D("77.00")  # 仲裁 47 + 写作 30
    assert "仲裁 47" in score.derivation.parts[0].formula


def test_two_plus_one_plus_one_uses_a_fourth_marker_before_arbitration(hr_admin, tree):
    """RP-04 2+1+1: a fourth ordinary marker when the third still disagrees."""
    setup = build_exam(hr_admin, tree, mode="2+1+1", n=1)
    from tests.factories import make_user

    fourth = make_user("marker4", "marker")
    services.marker_assign(actor=hr_admin, exam=setup.exam, user=fourth)
    services.exam_start_marking(actor=hr_admin, exam=setup.exam)
    cand = setup.candidates[0]
    _case(setup, cand, "40", "50", "58")
    assert paper_outcomes(setup.exam)[cand.pk].items[0].state.value == "needs_marker"
    services.mark_submit(actor=fourth, exam=setup.exam, candidate=cand, item=setup.items["case"], value="49")
    assert paper_outcomes(setup.exam)[cand.pk].items[0].value == D("49.50")


def test_percent_tolerance_rp_04(hr_admin, tree):
    """Tolerance 5 % of 60 = 3 points: 50 and 53 agree, 50 and 53.5 do not."""
    setup = build_exam(hr_admin, tree, mode="2+1", n=2, tolerance="5")
    for it in setup.items.values():
        it.tolerance_kind = "percent"
        it.save()
    services.exam_start_marking(actor=hr_admin, exam=setup.exam)
    a, b = setup.candidates
    _case(setup, a, "50", "53")
    _case(setup, b, "50", "53.5")
    out = paper_outcomes(setup.exam)
    assert out[a.pk].items[0].value == D("51.50")
    assert out[b.pk].items[0].value is None


def test_no_further_marker_once_final(hr_admin, tree):
    setup = build_exam(hr_admin, tree, mode="2+1", n=1)
    services.exam_start_marking(actor=hr_admin, exam=setup.exam)
    cand = setup.candidates[0]
    _case(setup, cand, "50", "51")
    with pytest.raises(DomainError) as exc:
        services.mark_submit(
            actor=setup.markers[2], exam=setup.exam, candidate=cand, item=setup.items["case"], value="20"
        )
    assert exc.value.code == "not_needed"
