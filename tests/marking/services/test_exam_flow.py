"""Written-exam services: setup, marking, locking, audited correction, close and key (R000-18, RP-04)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kaoping.common.errors import DomainError, PermissionDenied, TransitionBlocked, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.marking import services, services_close
from kaoping.marking.models import Mark, WrittenExam
from kaoping.marking.selectors import exam_results
from tests.marking.conftest import build_exam

pytestmark = pytest.mark.django_db


def _mark_all(setup, values):
    """values: marker index → (case, essay) for every candidate."""
    for c in setup.candidates:
        for idx, (case, essay) in values.items():
            m = setup.markers[idx]
            services.mark_submit(actor=m, exam=setup.exam, candidate=c, item=setup.items["case"], value=case)
            services.mark_submit(
                actor=m, exam=setup.exam, candidate=c, item=setup.items["essay"], value=essay
            )


def test_exam_create_defaults_to_the_seed_preset(hr_admin):
    """R000-18: 案例分析 60 + 写作 40, 1评 by default."""
    exam = services.exam_create(actor=hr_admin, title="笔试")
    assert [(i.key, i.max_score) for i in exam.items.all()] == [("case", D("60")), ("essay", D("40"))]
    assert exam.marking_mode == "1评"


def test_exam_create_refuses_bad_items(hr_admin):
    with pytest.raises(ValidationFailed):
        services.exam_create(actor=hr_admin, title="笔试", items=[{"key": "a", "max": "-1"}])
    with pytest.raises(ValidationFailed):
        services.exam_create(actor=hr_admin, title="笔试", marking_mode="3评")


def test_draws_give_unique_seats_and_codes(exam_setup):
    """R000-22: seat numbers 1..n and codes unique."""
    seats = sorted(c.seat_no for c in exam_setup.candidates)
    assert seats == [1, 2, 3, 4]
    assert len({c.blind_code for c in exam_setup.candidates}) == 4


def test_seed_mode_mean_of_markers_r000_18(hr_admin, exam_setup):
    """R000-18: two markers each mark every paper; score = mean of their totals."""
    services.exam_start_marking(actor=hr_admin, exam=exam_setup.exam)
    _mark_all(exam_setup, {0: ("50", "30.5"), 1: ("47", "33")})
    services_close.exam_close(actor=hr_admin, exam=exam_setup.exam)
    assert exam_results(exam_setup.exam).scores == ()  # still sealed
    services_close.exam_open_key(actor=hr_admin, exam=exam_setup.exam)
    res = exam_results(exam_setup.exam)
    assert res.is_final
    # (50 + 47)/2 = 48.50 ; (30.5 + 33)/2 = 31.75 ; total 80.25 = mean of totals (80.5 + 80)/2
    assert {s.score for s in res.scores} == {D("80.25")}


def test_mark_validated_against_maximum_in_chinese(hr_admin, exam_setup):
    services.exam_start_marking(actor=hr_admin, exam=exam_setup.exam)
    c = exam_setup.candidates[0]
    with pytest.raises(ValidationFailed) as exc:
        services.mark_submit(
            actor=exam_setup.markers[0],
            exam=exam_setup.exam,
            candidate=c,
            item=exam_setup.items["essay"],
            value="41",
        )
    assert "0 至 40.00" in exc.value.message
    for bad in ("abc", "-1", "12.345"):
        with pytest.raises(ValidationFailed):
            services.mark_submit(
                actor=exam_setup.markers[0],
                exam=exam_setup.exam,
                candidate=c,
                item=exam_setup.items["essay"],
                value=bad,
            )
    assert not Mark.objects.exists()


def test_submitted_mark_is_locked_and_correction_keeps_both_versions(hr_admin, exam_setup):
    """RP-04: locked on submit; the organiser unlocks with a reason; both versions kept; audited."""
    services.exam_start_marking(actor=hr_admin, exam=exam_setup.exam)
    c, item, m = exam_setup.candidates[0], exam_setup.items["case"], exam_setup.markers[0]
    first = services.mark_submit(
        actor=m, exam=exam_setup.exam, candidate=c, item=item, value="81" if False else "51"
    )
    with pytest.raises(DomainError) as exc:
        services.mark_submit(actor=m, exam=exam_setup.exam, candidate=c, item=item, value="55")
    assert exc.value.code == "already_marked"
    with pytest.raises(ValidationFailed):
        services.mark_unlock(actor=hr_admin, mark=first, reason=" ")
    with pytest.raises(PermissionDenied):
        services.mark_unlock(actor=m, mark=first, reason="录入错误")
    services.mark_unlock(actor=hr_admin, mark=first, reason="录入错误，应为55")
    second = services.mark_submit(actor=m, exam=exam_setup.exam, candidate=c, item=item, value="55")
    rows = list(
        Mark.objects.filter(candidate=c, item=item)
        .order_by("id")
        .values_list("value", "is_superseded", "superseded_reason")
    )
    assert rows == [(D("51.00"), True, "录入错误，应为55"), (D("55.00"), False, "")]
    assert second.round == 2
    audit = AuditEntry.objects.filter(
        object_type="marking.mark", object_id=str(first.pk), action="update"
    ).get()
    assert audit.changes["is_superseded"] == [False, True]
    assert "录入错误" in audit.note


def test_marker_cannot_mark_unassigned_item(hr_admin, tree):
    setup = build_exam(hr_admin, tree, per_item=True)
    # the essay has no marker: start is blocked
    with pytest.raises(TransitionBlocked) as exc:
        services.exam_start_marking(actor=hr_admin, exam=setup.exam)
    assert any("写作" in i for i in exc.value.issues)
    services.marker_assign(actor=hr_admin, exam=setup.exam, user=setup.markers[0], item=setup.items["essay"])
    services.exam_start_marking(actor=hr_admin, exam=setup.exam)
    with pytest.raises(PermissionDenied):
        services.mark_submit(
            actor=setup.markers[1],
            exam=setup.exam,
            candidate=setup.candidates[0],
            item=setup.items["essay"],
            value="30",
        )


def test_close_blocked_while_marks_missing_and_key_only_after_close(hr_admin, exam_setup):
    exam = exam_setup.exam
    services.exam_start_marking(actor=hr_admin, exam=exam)
    with pytest.raises(TransitionBlocked) as exc:
        services_close.exam_close(actor=hr_admin, exam=exam)
    assert any("未评完" in i for i in exc.value.issues)
    with pytest.raises(TransitionBlocked):
        services_close.exam_open_key(actor=hr_admin, exam=exam)
    _mark_all(exam_setup, {0: ("50", "30"), 1: ("50", "30")})
    services_close.exam_close(actor=hr_admin, exam=exam)
    services_close.exam_open_key(actor=hr_admin, exam=exam)
    exam.refresh_from_db()
    assert exam.status == WrittenExam.Status.KEY_OPENED
    assert AuditEntry.objects.filter(object_type="marking.writtenexam", note__contains="拆封密号").exists()


@pytest.mark.parametrize(("mode", "expected"), [("half_up", D("78.8")), ("truncate", D("78.7"))])
def test_rounding_setting_rp_02(hr_admin, exam_setup, mode, expected):
    """RP-02: case (50 + 47.5)/2 = 48.75 → 1 place; essay 30; half up 78.8, truncated 78.7."""
    exam = exam_setup.exam
    services.exam_settings_update(actor=hr_admin, exam=exam, rounding_places=1, rounding_mode=mode)
    services.exam_start_marking(actor=hr_admin, exam=exam)
    _mark_all(exam_setup, {0: ("50", "30"), 1: ("47.5", "30")})
    services_close.exam_close(actor=hr_admin, exam=exam)
    services_close.exam_open_key(actor=hr_admin, exam=exam)
    assert {s.score for s in exam_results(exam).scores} == {expected}
    with pytest.raises(DomainError):
        services.exam_settings_update(actor=hr_admin, exam=exam, rounding_places=2, rounding_mode="half_up")


def test_candidate_removed_only_before_the_seat_draw(hr_admin, tree, exam_setup):
    with pytest.raises(DomainError):
        services.exam_candidate_remove(actor=hr_admin, candidate=exam_setup.candidates[0])
    exam = services.exam_create(actor=hr_admin, title="笔试")
    from tests.factories import make_person

    cand = services.exam_candidate_add(
        actor=hr_admin, exam=exam, person=make_person(tree.office, name="误加")
    )
    services.exam_candidate_remove(actor=hr_admin, candidate=cand)
    assert not exam.candidates.exists()
    assert AuditEntry.objects.filter(action="delete", object_repr="误加").exists()
