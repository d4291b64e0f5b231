"""Races on PostgreSQL: concurrent submissions of the same mark, or of the third mark by several markers,
leave exactly one live row (the exam row lock plus the partial unique constraints)."""

from __future__ import annotations

import itertools
import threading

import pytest

from kaoping.common.errors import DomainError
from kaoping.marking import services
from kaoping.marking.models import Mark
from tests.db.test_concurrency import race
from tests.factories import make_user
from tests.marking.conftest import build_exam

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_double_click_keeps_one_mark(hr_admin, tree):
    setup = build_exam(hr_admin, tree, n=1)
    services.exam_start_marking(actor=hr_admin, exam=setup.exam)
    cand, item, m = setup.candidates[0], setup.items["case"], setup.markers[0]
    results, errors = race(
        lambda: services.mark_submit(actor=m, exam=setup.exam, candidate=cand, item=item, value="40")
    )
    assert len(results) == 1 and all(isinstance(e, DomainError) for e in errors)
    assert Mark.objects.filter(candidate=cand, item=item, is_superseded=False).count() == 1


def test_only_one_third_marker_wins_rp_04(hr_admin, tree):
    setup = build_exam(hr_admin, tree, mode="2+1", n=1)
    extra = make_user("marker4", "marker")
    services.marker_assign(actor=hr_admin, exam=setup.exam, user=extra)
    services.exam_start_marking(actor=hr_admin, exam=setup.exam)
    cand, item = setup.candidates[0], setup.items["case"]
    services.mark_submit(actor=setup.markers[0], exam=setup.exam, candidate=cand, item=item, value="30")
    services.mark_submit(actor=setup.markers[1], exam=setup.exam, candidate=cand, item=item, value="50")
    contenders = itertools.cycle([setup.markers[2], extra])
    lock = threading.Lock()

    def work():
        with lock:
            who = next(contenders)
        return services.mark_submit(actor=who, exam=setup.exam, candidate=cand, item=item, value="45")

    results, errors = race(work)
    assert len(results) == 1 and all(isinstance(e, DomainError) for e in errors)
    assert Mark.objects.filter(candidate=cand, item=item, is_superseded=False).count() == 3
