"""Verifiable draws (R000-22): commitment before, seed after, anyone can re-run."""

from __future__ import annotations

import hashlib

import pytest

from kaoping.common.errors import DomainError
from kaoping.marking import services, services_close, services_draws
from kaoping.marking.models import Draw
from kaoping.scoring import draws as engine

pytestmark = pytest.mark.django_db


def test_seat_draw_is_revealed_and_reverifies_r000_22(exam_setup):
    draw = exam_setup.exam.draws.get(kind=Draw.Kind.EXAM_SEATS)
    assert draw.status == Draw.Status.REVEALED
    assert hashlib.sha256(draw.seed.encode()).hexdigest() == draw.commitment
    assert services_draws.draw_verify(draw) is True
    # the stored seats follow the drawn order
    for c in exam_setup.candidates:
        assert draw.order[c.seat_no - 1] == f"C{c.pk}"
    # tampering with the recorded order is detected
    draw.order = list(reversed(draw.order))
    assert services_draws.draw_verify(draw) is False


def test_code_draw_stays_sealed_until_key_opened_r000_22(hr_admin, exam_setup):
    exam = exam_setup.exam
    draw = exam.draws.get(kind=Draw.Kind.EXAM_CODES)
    assert draw.status == Draw.Status.DRAWN and draw.seed == ""
    assert services_draws.draw_verify(draw) is None
    with pytest.raises(DomainError):
        services_draws.draw_reveal(actor=hr_admin, draw=draw)
    services.exam_start_marking(actor=hr_admin, exam=exam)
    for c in exam_setup.candidates:
        for it in exam_setup.items.values():
            for m in exam_setup.markers[:2]:
                services.mark_submit(actor=m, exam=exam, candidate=c, item=it, value="20")
    services_close.exam_close(actor=hr_admin, exam=exam)
    services_close.exam_open_key(actor=hr_admin, exam=exam)
    draw.refresh_from_db()
    assert draw.status == Draw.Status.REVEALED
    assert services_draws.draw_verify(draw) is True
    # codes follow the drawn order of seat numbers
    for c in exam_setup.candidates:
        c.refresh_from_db()
        assert c.blind_code == f"M{draw.order.index(f'{c.seat_no:03d}') + 1:04d}"


def test_manual_verification_matches_the_engine():
    result, ok = services_draws.verify_manual("abc", ["甲", "乙", "丙"], hashlib.sha256(b"abc").hexdigest())
    assert ok is True
    assert result.order == engine.draw(["丙", "乙", "甲"], "abc").order
    assert services_draws.verify_manual("abc", ["甲"], "00")[1] is False


def test_no_redraw_after_drawing(hr_admin, exam_setup):
    with pytest.raises(DomainError):
        services_draws.draw_commit(actor=hr_admin, kind=Draw.Kind.EXAM_SEATS, exam=exam_setup.exam)
