"""Ballots under real parallel connections on PostgreSQL: a credential counts once under any concurrency."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from kaoping.ballots import services
from kaoping.ballots.models import Ballot, BallotChoice, Credential
from kaoping.ballots.services_voting import cast_ballot, credentials_issue
from kaoping.common.errors import DomainError
from tests.db.test_concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _round(eligible: int):
    rnd = services.round_create(
        actor=None, title="并发测评", preset_key="seed002.team", eligible={"全体": eligible}
    )
    subject = services.subject_add(actor=None, round=rnd, label="某领导班子")
    services.round_open(actor=None, round=rnd)
    return rnd, {(subject.pk, "overall"): "好"}


def test_100_rounds_of_8_threads_racing_on_one_credential_make_one_ballot_each():
    assert connection.vendor == "postgresql"
    rnd, choices = _round(200)
    codes = [c for _, c in credentials_issue(actor=None, round=rnd, counts={"全体": 100})]
    for n, code in enumerate(codes):
        results, errors = race(lambda code=code: cast_ballot(code=code, choices=choices), threads=8)
        assert len(results) == 1, f"round {n}: {len(results)} winners, errors {errors!r}"
        assert len(errors) == 7
        for exc in errors:
            assert isinstance(exc, DomainError) and exc.code == "used", repr(exc)
        assert Ballot.objects.filter(round=rnd).count() == n + 1
    assert Credential.objects.filter(round=rnd, is_used=True).count() == 100
    assert BallotChoice.objects.filter(ballot__round=rnd).count() == 100


def test_2000_credentials_each_submitted_twice_from_50_threads():
    assert connection.vendor == "postgresql"
    rnd, choices = _round(2000)
    codes = [c for _, c in credentials_issue(actor=None, round=rnd, counts={"全体": 2000})]
    work = codes + codes[::-1]  # each code twice, the duplicates far apart and close together
    accepted = 0
    refused = 0
    unexpected: list[BaseException] = []
    lock = threading.Lock()

    def submit(code: str) -> None:
        nonlocal accepted, refused
        try:
            cast_ballot(code=code, choices=choices)
            with lock:
                accepted += 1
        except DomainError as exc:
            with lock:
                if exc.code == "used":
                    refused += 1
                else:
                    unexpected.append(exc)
        except BaseException as exc:
            with lock:
                unexpected.append(exc)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=50) as pool:
        list(pool.map(submit, work))
    assert not unexpected, unexpected[:3]
    assert accepted == 2000 and refused == 2000
    assert Ballot.objects.filter(round=rnd).count() == 2000
    assert Credential.objects.filter(round=rnd, is_used=True).count() == 2000
    assert BallotChoice.objects.filter(ballot__round=rnd).count() == 2000


def test_close_waits_for_ballots_in_flight_and_refuses_later_ones():
    rnd, choices = _round(20)
    codes = [c for _, c in credentials_issue(actor=None, round=rnd, counts={"全体": 20})]
    tasks = [lambda c=c: cast_ballot(code=c, choices=choices) for c in codes[:10]]
    tasks.append(lambda: services.round_close(actor=None, round=rnd))
    barrier = threading.Barrier(len(tasks))
    outcomes: list[object] = []

    def run(task):
        try:
            barrier.wait(timeout=30)
            task()
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in tasks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    cast_ok = outcomes.count("ok") - 1  # minus the close
    assert Ballot.objects.filter(round=rnd).count() == cast_ok
    assert Credential.objects.filter(round=rnd, is_used=True).count() == cast_ok
    assert set(outcomes) <= {"ok", "not_open"}
