"""Test data for the results part, built directly with the models (no dependency on the core part's
services): a campaign on the seed-000 scheme, positions, qualified registrations with a stored base
score, and helpers that type in evaluation counts, exam marks and interview marks through the services."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

from django.utils import timezone

from kaoping.scoring.presets.selection import SEED000_SELECTION
from kaoping.scoring.trace import Derivation
from kaoping.selection import services_entry, services_entry_evaluation
from kaoping.selection.models import Campaign, OfferedPosition, Registration
from kaoping.selection.models_stages import StageResult
from tests.factories import make_person, make_unit

D = Decimal


def make_campaign(stage: str = Campaign.Stage.EVALUATION, scheme: dict | None = None, **fields) -> Campaign:
    data = copy.deepcopy(SEED000_SELECTION)
    for key, value in (scheme or {}).items():
        if isinstance(value, dict):
            data[key] = {**data.get(key, {}), **value}
        else:
            data[key] = value
    fields.setdefault("title", "2011年竞争上岗")
    fields.setdefault("tenure_cutoff", dt.date(2011, 9, 30))
    fields.setdefault("registration_deadline", timezone.make_aware(dt.datetime(2011, 10, 9, 17, 0)))
    return Campaign.objects.create(stage=stage, scheme=data, preset_key="selection.seed000", **fields)


def make_position(campaign: Campaign, title: str = "办公厅副主任", unit=None, **fields) -> OfferedPosition:
    unit = unit or make_unit(f"{title}所在单位")
    fields.setdefault("order", campaign.positions.count() + 1)
    return OfferedPosition.objects.create(campaign=campaign, title=title, unit=unit, level="副局级", **fields)


def make_candidate(position: OfferedPosition, name: str, base: str | Decimal | None = "80", unit=None):
    """A qualified registration of a new person, with a stored base score (R000-14) when ``base``."""
    person = make_person(unit or position.unit, name)
    reg = Registration.objects.create(
        campaign=position.campaign, person=person, position=position, status=Registration.Status.QUALIFIED
    )
    if base is not None:
        value = D(str(base))
        d = Derivation(label="基础分数", value=value, formula=f"职务分等合计 {value}", rule="R000-14")
        StageResult.objects.create(
            campaign=position.campaign,
            position=position,
            registration=reg,
            stage=StageResult.Stage.BASE,
            value=value,
            weighted=(value * D("0.2")).quantize(D("0.01")),
            derivation=d.to_dict(),
            computed_at=timezone.now(),
        )
    return reg


def evaluation_row(reg, a=(8, 2, 0), b=(40, 10, 0), eligible=None, returned=None, issued=None):
    """A tally row: A table (胜任, 基本胜任, 不胜任), B table likewise; everyone returned by default."""
    ret = returned if returned is not None else sum(a) + sum(b)
    return services_entry_evaluation.EvaluationInput(
        registration_id=reg.pk,
        eligible=eligible if eligible is not None else ret,
        returned=ret,
        counts={
            "A": dict(zip(("胜任", "基本胜任", "不胜任"), a, strict=True)),
            "B": dict(zip(("胜任", "基本胜任", "不胜任"), b, strict=True)),
        },
        issued=issued or {},
    )


def enter_evaluation(actor, campaign, rows):
    return services_entry_evaluation.evaluation_entries_save(actor=actor, campaign=campaign, rows=rows)


def enter_exam(actor, position, marks: dict, markers=("甲", "乙")):
    """``marks``: reg → list of (case, essay) per marker."""
    cells = {}
    for reg, per_marker in marks.items():
        for marker, (case, essay) in zip(markers, per_marker, strict=True):
            cells[(reg.pk, marker, "case")] = case
            cells[(reg.pk, marker, "essay")] = essay
    return services_entry.exam_marks_save(actor=actor, position=position, markers=list(markers), marks=cells)


EXAMINERS = ("主考", "考官1", "考官2", "考官3", "考官4", "考官5", "考官6")


def enter_interview(actor, position, marks: dict, examiners=EXAMINERS, chief="主考"):
    """``marks``: reg → list of (statement, answers) per examiner (chief first)."""
    cells = {}
    for reg, per in marks.items():
        for examiner, (st, an) in zip(examiners, per, strict=True):
            cells[(reg.pk, examiner, "statement")] = st
            cells[(reg.pk, examiner, "answers")] = an
    return services_entry.interview_marks_save(
        actor=actor, position=position, examiners=list(examiners), chief=chief, marks=cells
    )


def move(campaign: Campaign, stage: str, actor=None) -> Campaign:
    """Move the campaign to ``stage`` the way the stage machine does (then freeze the closed stage)."""
    from kaoping.selection import services_results

    campaign.stage = stage
    campaign.save(update_fields=["stage"])
    services_results.on_stage_entered(campaign, stage, actor)
    campaign.refresh_from_db()
    return campaign
