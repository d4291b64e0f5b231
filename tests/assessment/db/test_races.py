"""Races on PostgreSQL: the same step of one unit's flow taken by several people at once happens once
(R003-03), and a pay run's lines stay unique per person."""

from __future__ import annotations

import pytest

from kaoping.assessment.models import StageLog
from kaoping.assessment.services_flow import assessment_transition
from kaoping.common.errors import TransitionBlocked
from tests.assessment.conftest import to_approval
from tests.db.test_concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_r003_03_concurrent_approvals_happen_once(targets, hr_admin, leader):
    to_approval(hr_admin, targets.office)
    results, errors = race(
        lambda: assessment_transition(actor=leader, assessment=targets.office, action="approve")
    )
    assert len(results) == 1
    assert errors and all(isinstance(e, TransitionBlocked) for e in errors)
    assert StageLog.objects.filter(assessment=targets.office, to_stage="approved").count() == 1
