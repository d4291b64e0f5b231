"""Reading a stage's inputs for the whole campaign in a few queries (plain values, no model instances) and
writing the computed StageResult rows with one ``executemany``; used by services_results_compute."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from kaoping.scoring.trace import Derivation, incomplete
from kaoping.selection.models import Campaign
from kaoping.selection.models_stages import ExamMarkEntry, InterviewMarkEntry, StageResult
from kaoping.selection.selectors_results import stage_participants

RESULT_COLUMNS = (
    "campaign_id",
    "position_id",
    "registration_id",
    "stage",
    "value",
    "weighted",
    "rank",
    "is_tied",
    "advances",
    "note",
    "derivation",
    "scheme_digest",
    "computed_at",
)


@dataclass(frozen=True)
class Person:
    """A participant of a stage: registration pk, position, name (for messages)."""

    pk: int
    position_id: int
    name: str


def insert_results(rows: list[tuple]) -> None:
    """INSERT the StageResult rows with one ``executemany`` (values are already what the columns hold:
    Decimals, ints, bools; only the derivation JSON and the timestamp need adapting)."""
    from django.db import connection

    ops = connection.ops
    meta = StageResult._meta
    columns = [meta.get_field(name.removesuffix("_id")).column for name in RESULT_COLUMNS]
    json_field = meta.get_field("derivation")
    qn = ops.quote_name
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    if connection.vendor == "sqlite":  # JSON text as is (readable Chinese, a third of the size)

        def to_json(v):
            return json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    else:

        def to_json(v):
            return ops.adapt_json_value(v, json_field.encoder)

    stamp = {}
    batch = []
    for row in rows:
        values = list(row)
        values[10] = to_json(values[10])
        if values[12] not in stamp:
            stamp[values[12]] = ops.adapt_datetimefield_value(values[12])
        values[12] = stamp[values[12]]
        batch.append(values)
    with connection.cursor() as cursor:
        for i in range(0, len(batch), 5000):
            cursor.executemany(sql, batch[i : i + 5000])


def participants(campaign: Campaign, stage: str) -> dict[int, list[Person]]:
    by_position: dict[int, list[Person]] = defaultdict(list)
    for pk, position_id, name in stage_participants(campaign, stage).values_list(
        "pk", "position_id", "person__name"
    ):
        by_position[position_id].append(Person(pk, position_id, name))
    return by_position


def stored(campaign: Campaign, stages, stage: str) -> dict[int, dict[str, Decimal | None]]:
    """Stored values of earlier stages (base, evaluation, exam) of the participants of ``stage``. Values,
    not their derivations: each stage's own derivation stays on its row, the totals show the weighted
    parts."""
    out: dict[int, dict[str, Decimal | None]] = defaultdict(dict)
    takers = stage_participants(campaign, stage).values("pk")
    rows = StageResult.objects.filter(registration__in=takers, stage__in=stages).values_list(
        "registration_id", "stage", "value"
    )
    for reg, stage, value in rows:
        out[reg][stage] = value
    return out


def marks(model, campaign: Campaign, stage: str) -> tuple[dict, dict]:
    """The marks of the stage's participants only (an interview panel's marks of people outside the cut
    are not read)."""
    rater = "marker" if model is ExamMarkEntry else "examiner"
    key = "item" if model is ExamMarkEntry else "part"
    fields = ["registration_id", rater, key, "value"] + (["role"] if model is InterviewMarkEntry else [])
    out: dict[int, dict[str, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    roles: dict[int, dict[str, str]] = defaultdict(dict)
    takers = stage_participants(campaign, stage).values("pk")
    for row in model.objects.filter(registration__in=takers).values_list(*fields):
        out[row[0]][row[1]][row[2]] = row[3]
        if len(row) > 4:
            roles[row[0]][row[1]] = row[4]
    return out, roles


def linked_scores(campaign: Campaign, rstage: str, label: str, rule: str):
    """Scores imported from the marking app (services_linked.linked_import) by registration."""
    rows = StageResult.objects.filter(campaign=campaign, stage=rstage).values_list(
        "registration_id", "derivation"
    )
    found = {reg: Derivation.from_dict(d) for reg, d in rows if d}

    def score(pk: int) -> Derivation:
        return found.get(pk) or incomplete(label, _("尚未导入阅卷评分系统的成绩"), rule=rule)

    return score
