"""The embedded SQLite database runs in WAL mode with IMMEDIATE transactions and a busy timeout (issue 2).

Checked on a throwaway SQLite file opened with the settings' options, so it runs in the PostgreSQL pass too.
"""

import threading
import time

import pytest
from django.conf import settings
from django.db.utils import ConnectionHandler


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    handlers = []

    def connect():
        handler = ConnectionHandler(
            {
                "default": {
                    "ENGINE": "django.db.backends.sqlite3",
                    "NAME": str(tmp_path / "k.sqlite3"),
                    "OPTIONS": settings.SQLITE_OPTIONS,
                }
            }
        )
        handlers.append(handler)
        return handler["default"]

    with django_db_blocker.unblock():
        yield connect
        for handler in handlers:
            handler.close_all()


def test_sqlite_connection_uses_wal_foreign_keys_and_busy_timeout(sqlite_file):
    conn = sqlite_file()
    with conn.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


def test_a_second_writer_waits_for_the_first_instead_of_failing(sqlite_file):
    """IMMEDIATE + busy timeout: a writer that starts while another holds the write lock waits, then succeeds."""
    first = sqlite_file()
    with first.cursor() as c:
        c.execute("CREATE TABLE t (n INTEGER)")
    outcome = {}

    def second_writer():
        conn = sqlite_file()
        started = time.perf_counter()
        try:
            with conn.cursor() as c:
                c.execute("BEGIN IMMEDIATE")
                c.execute("INSERT INTO t VALUES (2)")
                c.execute("COMMIT")
            outcome["waited"] = time.perf_counter() - started
        except Exception as exc:
            outcome["error"] = exc
        finally:
            conn.close()

    with first.cursor() as c:
        c.execute("BEGIN IMMEDIATE")
        c.execute("INSERT INTO t VALUES (1)")
        thread = threading.Thread(target=second_writer)
        thread.start()
        time.sleep(0.5)
        c.execute("COMMIT")
    thread.join(timeout=30)
    assert "error" not in outcome, outcome
    assert outcome["waited"] >= 0.4
    with first.cursor() as c:
        c.execute("SELECT n FROM t ORDER BY n")
        assert [row[0] for row in c.fetchall()] == [1, 2]


def test_django_uses_immediate_transactions_for_sqlite(sqlite_file):
    conn = sqlite_file()
    conn.ensure_connection()
    assert conn.transaction_mode == "IMMEDIATE"
