"""R004-05 on PostgreSQL: applicants appointed to the same post in parallel never exceed its count.

Each thread uses its own connection; all are released together and call the real service.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from kaoping.common.errors import DomainError
from kaoping.org import services as org_services
from kaoping.positions import selectors, services
from kaoping.positions import services_appointment as svc
from kaoping.positions.models import Appointment
from tests.db.test_concurrency import race
from tests.factories import make_person, make_unit, rank

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_R004_05_parallel_appointments_never_exceed_the_post_count():
    assert connection.vendor == "postgresql"
    unit = make_unit("并发聘用单位", category="institution", kind="organization")
    plan = services.plan_create_from_preset(
        actor=None, unit=unit, preset_key="establishment.seed004", title="方案", year=2012
    )
    services.plan_submit(actor=None, plan=plan)
    services.plan_approve(actor=None, plan=plan)
    plan = selectors.plan_with_rows(plan.pk)
    line = plan.lines.get(name="副主任", grade=7)  # count 2
    rnd = svc.round_create(actor=None, plan=plan, title="并发", as_of=dt.date(2012, 5, 1))
    applications = []
    for i in range(5):
        person = make_person(unit, f"竞聘{i}", rank=rank("zhiyuan_7"), rank_start_date=dt.date(2006, 1, 1))
        for year in (2009, 2010, 2011):
            org_services.history_add(
                actor=None, person=person, record_kind="result", year=year, grade="qualified"
            )
        applications.append(svc.application_create(actor=None, round=rnd, person=person, line=line))
    svc.round_advance(actor=None, round=rnd, today=dt.date(2012, 5, 1))
    for a in applications:
        svc.application_review(actor=None, application=a, qualified=True)
    svc.round_advance(actor=None, round=rnd, today=dt.date(2012, 5, 1))

    queue = list(applications)

    def appoint():
        application = queue.pop()
        application.refresh_from_db()
        application.round.refresh_from_db()
        return svc.application_decide(actor=None, application=application, appoint=True)

    results, errors = race(appoint, threads=5)
    assert Appointment.objects.filter(line=line).count() == 2
    assert len(results) == 2, (results, errors)
    assert len(errors) == 3
    for exc in errors:
        assert isinstance(exc, DomainError) and exc.code == "post_full", repr(exc)
    assert sorted(Appointment.objects.filter(line=line).values_list("slot", flat=True)) == [1, 2]
