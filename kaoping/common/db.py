"""Database housekeeping shared by setup, imports and benchmarks."""

from __future__ import annotations

from django.db import connection


def refresh_statistics() -> None:
    """Refresh the query planner's statistics after a bulk change (first setup, a roster import).

    Without them SQLite cannot tell that units are few and people many, and sorts the whole person table
    for the list page's default order instead of walking the unit-path and (unit, name) indexes.
    PostgreSQL's autovacuum does this on its own schedule; running ANALYZE here just makes it immediate.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
