"""The database half of the roster import: match rows to people, then write everything in bulk.

Both run inside the import's single ``transaction.atomic()`` (see ``importing.import_people``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaoping.accounts.scoping import Scope
from kaoping.common.audit import audit_record
from kaoping.common.models import AuditEntry
from kaoping.org import choices as c
from kaoping.org.importing import ImportProblem, ParsedRoster, RowData
from kaoping.org.importing_columns import ROSTER_COLUMNS, YEAR_HEADER
from kaoping.org.importing_sql import concrete_attnames, defaults_of, insert_rows, reserve_ids
from kaoping.org.models import AnnualResult, Person

CHUNK = 500  # ids per IN (…) lookup: well under every backend's parameter limit
WRITE_BATCH = 2000
_GRADE_LABELS = dict(c.AnnualGrade.choices)
_HEADER_OF = {col.key: col.header for col in ROSTER_COLUMNS}
_HEADER_OF["unit_id"] = gettext_lazy("单位")
_HEADER_OF["rank_id"] = gettext_lazy("职级")


def _headers() -> dict[str, str]:
    """Field → header text in the active language (audit keys and problem columns must be plain str)."""
    return {key: str(header) for key, header in _HEADER_OF.items()}


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --------------------------------------------------------------------------------------------- matching


def match_existing(parsed: ParsedRoster, scope: Scope) -> list[ImportProblem]:
    """Set ``row.person_id`` for rows that name an existing person; problems for rows that may not."""
    problems: list[ImportProblem] = []
    rows = parsed.rows
    headers = _headers()
    id_header = headers["id_number"]
    by_id: dict[str, tuple[int, str]] = {}
    ids = sorted({r.values["id_number"] for r in rows if r.values.get("id_number")})
    for chunk in _chunks(ids):
        for pk, id_number, path in Person.objects.filter(id_number__in=chunk).values_list(
            "pk", "id_number", "unit__path"
        ):
            by_id[id_number] = (pk, path)
    unmatched: list[RowData] = []
    for r in rows:
        hit = by_id.get(r.values.get("id_number") or "")
        if hit is None:
            unmatched.append(r)
        elif scope.covers_path(hit[1]):
            r.person_id = hit[0]
        else:
            problems.append(
                ImportProblem(
                    r.row, id_header, _("该身份证号已登记在您管辖范围以外的单位，不能通过导入修改。")
                )
            )
    if unmatched:
        _match_by_name(unmatched, problems, headers["name"])
    first_row: dict[int, int] = {}
    for r in rows:
        if r.person_id is not None:
            first = first_row.setdefault(r.person_id, r.row)
            if first != r.row:
                problems.append(
                    ImportProblem(
                        r.row, headers["name"], _("与第%(first)s行对应同一人员。") % {"first": first}
                    )
                )
    return problems


def _match_by_name(rows: list[RowData], problems: list[ImportProblem], name_header: str) -> None:
    """姓名 + 出生日期 + 单位; a row carrying a new 身份证号 only matches a person who has none."""
    candidates: dict[tuple, list[tuple[int, str]]] = defaultdict(list)
    names = sorted({r.values["name"] for r in rows})
    units = sorted({r.values["unit_id"] for r in rows})
    for chunk in _chunks(names):
        qs = Person.objects.filter(name__in=chunk)
        if len(units) <= CHUNK:
            qs = qs.filter(unit_id__in=units)
        for pk, name, birth, unit_id, id_number in qs.values_list(
            "pk", "name", "birth_date", "unit_id", "id_number"
        ):
            candidates[(name, birth, unit_id)].append((pk, id_number))
    for r in rows:
        found = candidates.get((r.values["name"], r.values["birth_date"], r.values["unit_id"]))
        if not found:
            continue
        if r.values.get("id_number"):
            found = [f for f in found if not f[1]]
        if len(found) == 1:
            r.person_id = found[0][0]
        elif len(found) > 1:
            problems.append(
                ImportProblem(
                    r.row, name_header, _("该单位有多名姓名、出生日期相同的人员，请填写身份证号以区分。")
                )
            )


# ---------------------------------------------------------------------------------------------- writing


def _plain(key: str, value: Any, parsed: ParsedRoster) -> Any:
    if value is None:
        return None
    if key == "unit_id":
        return parsed.units.get(value, str(value))
    if key == "rank_id":
        return parsed.ranks.get(value, str(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def save_rows(parsed: ParsedRoster, *, actor, file_name: str) -> tuple[int, int, int]:
    """Create and update people and their annual results; audit rows in bulk. Returns
    (created, updated, unchanged)."""
    now = timezone.now()
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    note = (_("导入：%(file)s") % {"file": file_name})[:500]
    audits: list[list] = []
    creates = [r for r in parsed.rows if r.person_id is None]
    updates = [r for r in parsed.rows if r.person_id is not None]

    _create_people(creates, now)
    result_changes = _save_results(parsed, matched={r.person_id for r in updates}, now=now)

    headers = _headers()
    updated_people = _apply_updates(parsed, updates, now, headers)
    updated = 0
    for r, _person, changes in updated_people:
        changes.update(result_changes.get(r.person_id, {}))
        if changes:
            updated += 1
            audits.append(_audit(actor_id, AuditEntry.Action.UPDATE, r, changes, note))
    for r in creates:
        changes = {headers.get(k, k): _plain(k, v, parsed) for k, v in r.values.items()}
        changes.update(result_changes.get(r.person_id, {}))
        audits.append(_audit(actor_id, AuditEntry.Action.CREATE, r, changes, note))
    insert_rows(AuditEntry, AUDIT_COLUMNS, ([now, *a] for a in audits))
    unchanged = len(updates) - updated
    audit_record(
        actor=actor,
        action=AuditEntry.Action.IMPORT,
        object_type="org.person",
        object_repr=_("干部名册导入：%(file)s") % {"file": file_name},
        changes={
            "file": file_name,
            "rows": len(parsed.rows),
            "created": len(creates),
            "updated": updated,
            "unchanged": unchanged,
        },
    )
    return len(creates), updated, unchanged


AUDIT_COLUMNS = (
    "created_at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "note",
)
RESULT_COLUMNS = ("person_id", "year", "grade", "note", "created_at", "updated_at")


def _audit(actor_id, action: str, r: RowData, changes: dict, note: str) -> list:
    """An audit row's values in AUDIT_COLUMNS order (without created_at)."""
    return [
        actor_id,
        action,
        "org.person",
        str(r.person_id),
        str(r.values.get("name", ""))[:200],
        changes,
        note,
    ]


def _create_people(creates: list[RowData], now) -> None:
    """Insert new people; sets ``row.person_id``. Fast path with reserved ids, else ``bulk_create``."""
    ids = reserve_ids(Person, len(creates))
    if ids is None:
        people = [Person(**r.values) for r in creates]
        Person.objects.bulk_create(people, batch_size=WRITE_BATCH)
        for r, person in zip(creates, people, strict=True):
            r.person_id = person.pk
        return
    attnames = concrete_attnames(Person)
    defaults = defaults_of(Person)
    defaults["created_at"] = defaults["updated_at"] = now

    def rows():
        for r, pk in zip(creates, ids, strict=True):
            r.person_id = pk
            values = r.values
            yield [pk, *(values.get(a, defaults[a]) if a in values else defaults[a] for a in attnames[1:])]

    assert attnames[0] == "id"
    insert_rows(Person, attnames, rows())


def _apply_updates(
    parsed: ParsedRoster, updates: list[RowData], now, headers: dict[str, str]
) -> list[tuple[RowData, Person, dict[str, list]]]:
    """Apply the file's values to matched people; bulk-update the changed ones."""
    out: list[tuple[RowData, Person, dict[str, list]]] = []
    if not updates:
        return out
    fields = list(parsed.present)
    to_save: list[Person] = []
    for chunk in _chunks(updates, CHUNK):
        existing = Person.objects.in_bulk([r.person_id for r in chunk])
        for r in chunk:
            person = existing[r.person_id]
            changes: dict[str, list] = {}
            for key, value in r.values.items():
                if key == "id_number" and not value:
                    continue  # a blank cell never clears a recorded 身份证号
                old = getattr(person, key)
                if old != value:
                    changes[headers.get(key, key)] = [_plain(key, old, parsed), _plain(key, value, parsed)]
                    setattr(person, key, value)
            if changes:
                person.updated_at = now
                to_save.append(person)
            out.append((r, person, changes))
    if to_save:
        Person.objects.bulk_update(to_save, [*fields, "updated_at"], batch_size=CHUNK)
    return out


def _save_results(parsed: ParsedRoster, *, matched: set[int], now) -> dict[int, dict]:
    """Upsert the annual results the file carries (only people matched to existing records can have
    some already). Returns, per person, the audit changes ({"2009年度考核": [old, new]})."""
    changes: dict[int, dict] = defaultdict(dict)
    if not parsed.years:
        return changes
    labels = {value: str(label) for value, label in _GRADE_LABELS.items()}
    year_header = str(YEAR_HEADER)
    wanted = [r for r in parsed.rows if r.results]
    existing: dict[tuple[int, int], AnnualResult] = {}
    ids = [r.person_id for r in wanted if r.person_id in matched]
    for chunk in _chunks(ids):
        for result in AnnualResult.objects.filter(person_id__in=chunk, year__in=parsed.years).only(
            "pk", "person_id", "year", "grade"
        ):
            existing[(result.person_id, result.year)] = result
    new: list[tuple] = []
    changed: list[AnnualResult] = []
    for r in wanted:
        for year, grade in r.results.items():
            header = year_header.format(year=year)
            old = existing.get((r.person_id, year))
            if old is None:
                new.append((r.person_id, year, grade, "", now, now))
                changes[r.person_id][header] = [None, labels[grade]]
            elif old.grade != grade:
                changes[r.person_id][header] = [labels[old.grade], labels[grade]]
                old.grade = grade
                old.updated_at = now
                changed.append(old)
    insert_rows(AnnualResult, RESULT_COLUMNS, new)
    if changed:
        AnnualResult.objects.bulk_update(changed, ["grade", "updated_at"], batch_size=CHUNK)
    return changes
