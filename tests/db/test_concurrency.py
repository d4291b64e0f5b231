"""Races on PostgreSQL with real parallel connections: the database, not luck, keeps records unique.

Every thread opens its own connection (Django gives each thread one), waits at a barrier so the
writes really overlap, calls the service, and closes its connection.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.db import connection

from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.org import services
from kaoping.org.choices import AnnualGrade, Gender, PersonCategory
from kaoping.org.models import AnnualResult, Person
from tests.factories import id_number_for, make_person, make_unit

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 4
ROUNDS = 3


def race(work: Callable[[], object], threads: int = THREADS) -> tuple[list[object], list[BaseException]]:
    """Run ``work`` in ``threads`` threads released together; return (results, errors)."""
    barrier = threading.Barrier(threads)
    results: list[object] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            value = work()
            with lock:
                results.append(value)
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not any(worker.is_alive() for worker in workers), "a racing thread hung"
    return results, errors


def assert_refused_as_duplicate(errors: list[BaseException]) -> None:
    for exc in errors:
        assert isinstance(exc, DomainError), f"unexpected {type(exc).__name__}: {exc!r}"
        if isinstance(exc, ValidationFailed):
            # Lost before the insert: full_clean() already saw the winner's committed row.
            assert exc.errors, exc
        else:
            assert exc.code == "conflict", exc.code


def test_same_id_number_created_twice_in_parallel_one_wins():
    assert connection.vendor == "postgresql"
    unit = make_unit("并发测试单位")
    for round_no in range(ROUNDS):
        birth = dt.date(1980, 1, 1) + dt.timedelta(days=round_no)
        id_number = id_number_for(birth, 100 + round_no)

        def create(birth=birth, id_number=id_number):
            return services.person_create(
                actor=None,
                name="张三",
                gender=Gender.MALE,
                birth_date=birth,
                id_number=id_number,
                unit=unit,
                category=PersonCategory.CIVIL_SERVICE_LIKE,
            )

        results, errors = race(create)
        assert len(results) == 1, f"round {round_no}: {len(results)} winners, errors {errors!r}"
        assert len(errors) == THREADS - 1
        assert_refused_as_duplicate(errors)
        assert Person.objects.filter(id_number=id_number).count() == 1


def test_same_annual_result_added_twice_in_parallel_one_row():
    assert connection.vendor == "postgresql"
    person = make_person(make_unit("并发测试单位"), name="李四")
    for year in range(2020, 2020 + ROUNDS):

        def add(year=year):
            return services.history_add(
                actor=None, person=person, record_kind="result", year=year, grade=AnnualGrade.EXCELLENT
            )

        results, errors = race(add)
        assert len(results) == 1, f"{year}: {len(results)} winners, errors {errors!r}"
        assert len(errors) == THREADS - 1
        assert_refused_as_duplicate(errors)
        assert AnnualResult.objects.filter(person=person, year=year).count() == 1
    assert AnnualResult.objects.filter(person=person).count() == ROUNDS
