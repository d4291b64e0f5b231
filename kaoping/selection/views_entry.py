"""Entry pages for the hand-entered stage inputs (organiser, SELECTION_MANAGE): per stage a list of positions
with progress, the .xlsx template and its import; per position a grid that is quick to type into."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.selection import documents_results as doc
from kaoping.selection import services_entry as entry
from kaoping.selection import services_entry_evaluation as entry_eval
from kaoping.selection import services_linked as linked
from kaoping.selection.access import access_campaign, access_position
from kaoping.selection.models import Campaign
from kaoping.selection.models_stages import EvaluationEntry, ExamMarkEntry, InterviewMarkEntry
from kaoping.selection.selectors_results import (
    scheme_of,
    stage_closed,
    stage_participants,
    stage_positions,
)
from kaoping.selection.services_entry_import import entry_import

Stage = Campaign.Stage
ENTRY_STAGES = (Stage.EVALUATION, Stage.EXAM, Stage.INTERVIEW)
MODELS = {Stage.EVALUATION: EvaluationEntry, Stage.EXAM: ExamMarkEntry, Stage.INTERVIEW: InterviewMarkEntry}


def _stage(stage: str) -> str:
    if stage not in ENTRY_STAGES:
        raise Http404
    return stage


def _state(campaign: Campaign, stage: str) -> dict:
    return {
        "is_open": campaign.stage == stage,
        "is_locked": stage_closed(campaign, stage),
        "stage_label": Stage(stage).label,
    }


# ------------------------------------------------------------------------------------------ stage page


def entry_stage(request, pk: int, stage: str):
    stage = _stage(stage)
    campaign = access_campaign(request.user, pk, Cap.SELECTION_MANAGE)
    regs = list(stage_participants(campaign, stage))
    entered = set(
        MODELS[stage]
        .objects.filter(registration__in=regs)
        .values_list("registration_id", flat=True)
        .distinct()
    )
    counts: dict[int, list[int]] = {}
    for reg in regs:
        c = counts.setdefault(reg.position_id, [0, 0])
        c[0] += 1
        c[1] += reg.pk in entered
    positions = [
        {"position": p, "total": counts.get(p.pk, [0, 0])[0], "entered": counts.get(p.pk, [0, 0])[1]}
        for p in stage_positions(campaign).order_by("order", "id")
    ]
    mode = {Stage.EVALUATION: campaign.evaluation_mode, Stage.EXAM: campaign.exam_mode}.get(
        stage, campaign.interview_mode
    )
    return render(
        request,
        "selection/entry_stage.html",
        {
            "campaign": campaign,
            "stage": stage,
            "positions": positions,
            "mode": mode,
            "is_linked": mode == Campaign.InputMode.LINKED,
            "linked_target": linked.linked_target(campaign, stage)
            if mode == Campaign.InputMode.LINKED
            else None,
            **_state(campaign, stage),
        },
    )


def entry_evaluation(request, pk: int):
    return entry_stage(request, pk, Stage.EVALUATION)


def entry_exam(request, pk: int):
    return entry_stage(request, pk, Stage.EXAM)


def entry_interview(request, pk: int):
    return entry_stage(request, pk, Stage.INTERVIEW)


def entry_template(request, pk: int, stage: str):
    stage = _stage(stage)
    campaign = access_campaign(request.user, pk, Cap.SELECTION_MANAGE)
    response = HttpResponse(doc.entry_template_xlsx(campaign, stage), content_type=doc.XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, doc.entry_template_file_name(campaign, stage)
    )
    return response


@require_POST
def entry_import_view(request, pk: int, stage: str):
    stage = _stage(stage)
    campaign = access_campaign(request.user, pk, Cap.SELECTION_MANAGE)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("请选择要导入的 .xlsx 文件。"))
    else:
        try:
            n = entry_import(actor=request.user, campaign=campaign, stage=stage, file=upload)
        except ValidationFailed as exc:
            messages.error(request, _("文件有误，未导入任何数据："))
            for msgs in exc.errors.values():
                for m in msgs[:50]:
                    messages.error(request, m)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("导入完成（%(n)s 项）。") % {"n": n})
    return redirect(f"selection:entry_{stage}", pk=campaign.pk)


@require_POST
def entry_linked(request, pk: int, stage: str, action: str):
    """Create the linked round / exam / interview, or import its final results."""
    stage = _stage(stage)
    campaign = access_campaign(request.user, pk, Cap.SELECTION_MANAGE)
    try:
        if action == "create":
            target = linked.linked_create(actor=request.user, campaign=campaign, stage=stage)
            messages.success(request, _("已创建：%(t)s") % {"t": target})
        elif action == "import":
            n = linked.linked_import(actor=request.user, campaign=campaign, stage=stage)
            messages.success(request, _("已导入 %(n)s 人的结果，请重新计算成绩。") % {"n": n})
        else:
            raise Http404
    except ValidationFailed as exc:
        for msgs in exc.errors.values():
            for m in msgs:
                messages.error(request, m)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(f"selection:entry_{stage}", pk=campaign.pk)


# ------------------------------------------------------------------------------------------ grids


def _evaluation_grid(scheme, regs, data=None) -> tuple[list[dict], list[dict]]:
    entries = {e.registration_id: e for e in EvaluationEntry.objects.filter(registration__in=regs)}
    groups = [
        {"key": g.key, "label": g.label, "options": [o.name for o in scheme.evaluation.options]}
        for g in scheme.evaluation.groups
    ]
    rows = []
    for reg in regs:
        e = entries.get(reg.pk)
        cells = [
            (f"e-{reg.pk}-eligible", e.eligible if e else ""),
            (f"e-{reg.pk}-returned", e.returned if e else ""),
        ]
        for g in scheme.evaluation.groups:
            cells.append((f"e-{reg.pk}-{g.key}-issued", e.issued_by_group.get(g.key, "") if e else ""))
            cells.append((f"e-{reg.pk}-{g.key}-back", e.returned_by_group.get(g.key, "") if e else ""))
            for i, o in enumerate(scheme.evaluation.options):
                cells.append(
                    (f"e-{reg.pk}-{g.key}-{i}", e.counts.get(g.key, {}).get(o.name, "") if e else "")
                )
        if data is not None:
            cells = [(name, data.get(name, "")) for name, _v in cells]
        rows.append({"reg": reg, "cells": cells})
    return groups, rows


def _evaluation_inputs(scheme, regs, data) -> list[entry_eval.EvaluationInput]:
    out = []
    for reg in regs:
        row = entry_eval.EvaluationInput(
            registration_id=reg.pk,
            eligible=data.get(f"e-{reg.pk}-eligible"),
            returned=data.get(f"e-{reg.pk}-returned"),
        )
        for g in scheme.evaluation.groups:
            row.issued[g.key] = data.get(f"e-{reg.pk}-{g.key}-issued")
            row.returned_by_group[g.key] = data.get(f"e-{reg.pk}-{g.key}-back")
            row.counts[g.key] = {
                o.name: data.get(f"e-{reg.pk}-{g.key}-{i}") for i, o in enumerate(scheme.evaluation.options)
            }
        out.append(row)
    return out


def _slots(stage: str, scheme, raters: list[str]) -> int:
    if stage == Stage.INTERVIEW:
        return max(scheme.panel_max, len(raters))
    return max(3, len(raters) + 1)


def _marks_grid(stage, scheme, position, regs, data=None) -> dict:
    items = scheme.exam_items if stage == Stage.EXAM else scheme.interview_parts
    raters, chief, values = entry.marks_grid(position, stage)
    n = _slots(stage, scheme, raters)
    if data is not None:
        names = [data.get(f"rater-{i}", "").strip() for i in range(n)]
        chief_idx = data.get("chief", "")
    else:
        names = raters + [""] * (n - len(raters))
        chief_idx = str(raters.index(chief)) if chief in raters else ""
    rows = []
    for reg in regs:
        cells = []
        for i, name in enumerate(names):
            for item in items:
                field = f"m-{reg.pk}-{i}-{item.key}"
                if data is not None:
                    value = data.get(field, "")
                else:
                    v = values.get((reg.pk, name, item.key))
                    value = "" if v is None else v
                cells.append((field, value, item.max_score))
        rows.append({"reg": reg, "cells": cells})
    return {
        "items": items,
        "raters": list(enumerate(names)),
        "chief_idx": chief_idx,
        "rows": rows,
        "n_cols": len(names) * len(items),
    }


def _marks_from_post(stage, scheme, regs, data) -> tuple[list[str], str | None, dict]:
    items = scheme.exam_items if stage == Stage.EXAM else scheme.interview_parts
    n = int(data.get("slots", "0") or 0)
    names = [data.get(f"rater-{i}", "").strip() for i in range(min(n, 30))]
    chief = None
    if stage == Stage.INTERVIEW and data.get("chief", "").isdigit() and int(data["chief"]) < len(names):
        chief = names[int(data["chief"])] or None
    marks = {}
    for reg in regs:
        for i, name in enumerate(names):
            for item in items:
                value = data.get(f"m-{reg.pk}-{i}-{item.key}", "")
                if not name:
                    if value.strip():
                        marks[(reg.pk, f"#{i + 1}", item.key)] = value
                    continue
                marks[(reg.pk, name, item.key)] = value
    return [n for n in names if n], chief, marks


def entry_position(request, pk: int, stage: str):
    stage = _stage(stage)
    position = access_position(request.user, pk, Cap.SELECTION_MANAGE)
    campaign = position.campaign
    scheme = scheme_of(campaign)
    regs = list(stage_participants(campaign, stage, position))
    errors: list[str] = []
    data = None
    if request.method == "POST":
        data = request.POST
        try:
            if stage == Stage.EVALUATION:
                entry_eval.evaluation_entries_save(
                    actor=request.user, campaign=campaign, rows=_evaluation_inputs(scheme, regs, data)
                )
            else:
                raters, chief, marks = _marks_from_post(stage, scheme, regs, data)
                save = entry.exam_marks_save if stage == Stage.EXAM else entry.interview_marks_save
                kwargs = {"markers": raters} if stage == Stage.EXAM else {"examiners": raters, "chief": chief}
                save(actor=request.user, position=position, marks=marks, **kwargs)
        except ValidationFailed as exc:
            errors = [m for msgs in exc.errors.values() for m in msgs]
        except DomainError as exc:
            errors = [exc.message]
        else:
            messages.success(request, _("已保存。"))
            return redirect("selection:entry_position", pk=position.pk, stage=stage)
    context = {
        "campaign": campaign,
        "position": position,
        "stage": stage,
        "errors": errors,
        "regs": regs,
        **_state(campaign, stage),
    }
    if stage == Stage.EVALUATION:
        context["groups"], context["rows"] = _evaluation_grid(scheme, regs, data)
    else:
        context["grid"] = _marks_grid(stage, scheme, position, regs, data)
        context["scheme"] = scheme
    return render(request, "selection/entry_position.html", context, status=422 if errors else 200)
