"""Fast bulk inserts for large imports: ``executemany`` of pre-adapted rows.

Django's ``bulk_create`` prepares every value through the field API (several calls per value) and, on
SQLite, splits batches at 999 parameters; for a 100 000-row roster that costs more than reading the
file. Here each column gets one cheap adapter chosen from its field type, and primary keys for new
people are reserved up front so their history and audit rows can refer to them without a RETURNING
round trip. Used inside the import's transaction only; on a backend without ``reserve_ids`` support
the caller falls back to ``bulk_create``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models

BATCH = 5000


def reserve_ids(model: type[models.Model], count: int) -> list[int] | None:
    """``count`` fresh primary keys for ``model``, or None when this backend is not supported.

    SQLite: above both the AUTOINCREMENT sequence and the current maximum (the import's transaction is
    BEGIN IMMEDIATE, so no other writer can take them meanwhile). PostgreSQL: ``nextval`` of the
    identity sequence."""
    if count == 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT COALESCE(MAX({qn(pk)}), 0) FROM {qn(table)}")
            start = cursor.fetchone()[0]
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
            if cursor.fetchone():
                cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                seq = cursor.fetchone()
                start = max(start, seq[0] if seq else 0)
            return list(range(start + 1, start + count + 1))
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
    return None


def _adapter(field: models.Field) -> Callable[[Any], Any] | None:
    """A cheap value → database value function for ``field`` (None: pass the value through)."""
    ops = connection.ops
    internal = field.get_internal_type()
    if internal == "DateField":
        return lambda v: None if v is None else ops.adapt_datefield_value(v)
    if internal == "DateTimeField":
        memo: dict[Any, Any] = {}  # rows of one import share the same timestamp

        def adapt_datetime(v):
            if v is None:
                return None
            if v not in memo:
                memo[v] = ops.adapt_datetimefield_value(v)
            return memo[v]

        return adapt_datetime
    if internal == "JSONField":
        encoder = field.encoder
        return lambda v: ops.adapt_json_value(v, encoder)
    if internal in ("UUIDField", "DecimalField", "TimeField", "DurationField", "BinaryField"):
        return lambda v: field.get_db_prep_save(v, connection)
    return None


def insert_rows(model: type[models.Model], attnames: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """INSERT ``rows`` (values in ``attnames`` order, Python values) into ``model``'s table."""
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_attname[name] for name in attnames]
    columns = [f.column for f in fields]
    adapters = [(i, a) for i, a in enumerate(_adapter(f) for f in fields) if a is not None]
    qn = connection.ops.quote_name
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    count = 0
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            values = list(row)
            for i, adapt in adapters:
                values[i] = adapt(values[i])
            batch.append(values)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def concrete_attnames(model: type[models.Model], *, with_pk: bool = True) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if with_pk or not f.primary_key]


def defaults_of(model: type[models.Model]) -> dict[str, Any]:
    """Each concrete field's default value (what ``Model()`` would set)."""
    return {f.attname: f.get_default() for f in model._meta.concrete_fields if not f.primary_key}
