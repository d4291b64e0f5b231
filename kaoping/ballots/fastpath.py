"""The hot path of casting a ballot, in plain SQL (a meeting of 2 000 voters casts within minutes).

Same guarantees as the ORM version it replaces: the credential is looked up by its keyed hash, the round
row is share-locked (PostgreSQL) so closing waits for ballots in flight, ``UPDATE … WHERE NOT is_used``
must touch exactly one row, and the ballot rows are inserted in the same transaction. Tables and columns
come from the models' metadata, values are always bound parameters.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import connection

from kaoping.ballots import codes
from kaoping.ballots.models import Ballot, BallotChoice, Credential, EvaluationRound
from kaoping.ballots.selectors import _voting_salts

_C = Credential._meta.db_table
_R = EvaluationRound._meta.db_table
_B = Ballot._meta.db_table
_BC = BallotChoice._meta.db_table


@dataclass(frozen=True)
class Found:
    credential_id: int
    group_id: int
    is_used: bool
    round_id: int
    status: str
    opened_at: object  # as the driver returns it: only a cache key


def find(code: str) -> Found | None:
    """The credential of ``code`` with its round's status (one query; a cache miss refreshes the salts)."""
    if not codes.looks_valid(code):
        return None
    for refresh in (False, True):
        salts = _voting_salts(refresh)
        if not salts:
            continue
        hashes = [codes.code_hash(salt, code) for salt in salts]
        marks = ", ".join(["%s"] * len(hashes))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT c.id, c.group_id, c.is_used, r.id, r.status, r.opened_at FROM {_C} c "
                f"JOIN {_R} r ON r.id = c.round_id WHERE c.code_hash IN ({marks})",
                hashes,
            )
            row = cursor.fetchone()
        if row:
            return Found(row[0], row[1], bool(row[2]), row[3], row[4], row[5])
    return None


def spend(credential_id: int, *, burn: bool) -> bool:
    """Mark used only if not yet used; True when this call did it."""
    sets = "is_used = %s, is_burned_on_paper = %s" if burn else "is_used = %s"
    params = [True, True, credential_id, False] if burn else [True, credential_id, False]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_C} SET {sets} WHERE id = %s AND is_used = %s", params)
        return cursor.rowcount == 1


def insert_ballot(round_id: int, group_id: int, clean: dict[tuple[int, str], str], is_paper: bool) -> None:
    pk = Ballot._meta.pk
    choice_pk = BallotChoice._meta.pk
    ballot_id = pk.get_db_prep_value(uuid.uuid4(), connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_B} (id, round_id, group_id, is_paper) VALUES (%s, %s, %s, %s)",
            [ballot_id, round_id, group_id, is_paper],
        )
        cursor.executemany(
            f"INSERT INTO {_BC} (id, ballot_id, subject_id, item, option) VALUES (%s, %s, %s, %s, %s)",
            [
                [choice_pk.get_db_prep_value(uuid.uuid4(), connection), ballot_id, sid, item, opt]
                for (sid, item), opt in clean.items()
            ],
        )
