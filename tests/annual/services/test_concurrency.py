"""PostgreSQL: parallel confirmations of one round — exactly one writes the annual results, the others are
refused at the stage check (the round row is locked), and every person has one result for the year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from kaoping.annual import services_grading as gsvc
from kaoping.annual import services_notice as nsvc
from kaoping.annual.models import AnnualRound
from kaoping.common.errors import DomainError
from kaoping.org.models import AnnualResult
from tests.annual import builders as b
from tests.db.test_concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_parallel_confirmations_write_once(tree, hr_admin, leader):
    rnd = b.single_item_round(tree)
    team = b.scored_team(rnd, tree.root, "farm", "60")
    b.voted_cadre(rnd, role="head", team=team)
    for i in range(4):
        b.voted_cadre(rnd, role="deputy", team=team, leader_score=D(20 + i))
    gsvc.round_advance(actor=hr_admin, round=rnd)
    gsvc.round_advance(actor=hr_admin, round=rnd)
    gsvc.proposals_accept(actor=leader, round=rnd)
    nsvc.notice_publish(actor=hr_admin, round=rnd, start_date=dt.date(2011, 12, 1))

    def confirm():
        fresh = AnnualRound.objects.get(pk=rnd.pk)
        return nsvc.round_confirm(actor=leader, round=fresh, today=dt.date(2011, 12, 9))

    results, errors = race(confirm, threads=4)
    assert len(results) == 1
    assert len(errors) == 3 and all(isinstance(e, DomainError) and e.code == "wrong_stage" for e in errors)
    assert AnnualResult.objects.filter(year=2011).count() == 5
