"""Results (after close) and paper entry (teller) pages."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from kaoping.accounts.roles import Cap
from kaoping.ballots import selectors as sel
from kaoping.ballots.results import results_workbook, subject_rows
from kaoping.ballots.services_voting import paper_counts_save, paper_slip_enter
from kaoping.common.access import get_or_not_found
from kaoping.common.audit import audit_record
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def results(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    sel.require_closed(rnd)
    res = sel.round_results(rnd)
    labels = {g.key: g.label for g in sel.groups_of(rnd)}
    order = {s.pk: s.order for s in sel.subjects_of(rnd)}
    ctx = {
        "round": rnd,
        "results": res,
        "rows": subject_rows(res, labels, order),
        "options": res.template.option_names,
        "group_rows": [
            (labels[g], res.eligible_by_group[g], res.issued_by_group[g], res.returned_by_group[g])
            for g in res.eligible_by_group
        ],
    }
    return render(request, "ballots/results.html", ctx)


def results_export(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    sel.require_closed(rnd)
    res = sel.round_results(rnd)
    labels = {g.key: g.label for g in sel.groups_of(rnd)}
    order = {s.pk: s.order for s in sel.subjects_of(rnd)}
    body = results_workbook(res, title=rnd.title, group_labels=labels, subject_order=order)
    audit_record(actor=request.user, action=AuditEntry.Action.EXPORT, obj=rnd, note=_("导出测评结果汇总表"))
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="ballot-results-{rnd.pk}.xlsx"'
    return response


# --------------------------------------------------------------------------------------------------- paper


def _grid(rnd, template, subjects, post=None, existing=None):
    """Rows of count inputs: per subject and item, one input per option."""
    rows = []
    for s in subjects:
        for i in template.items:
            cells = []
            for o in template.option_names:
                name = f"c{s.pk}_{i.key}_{o}"
                value = post.get(name, "") if post is not None else (existing or {}).get((s.pk, i.key, o), "")
                cells.append({"name": name, "value": value})
            rows.append({"subject": s, "item": i.label, "item_key": i.key, "cells": cells})
    return rows


@sensitive_post_parameters("code")
def paper(request, pk: int):
    """Paper ballots: counts per group (with optional second entry), or slip by slip with its code."""
    rnd = sel.access_round(request.user, pk, Cap.BALLOTS_TALLY)
    groups = sel.groups_of(rnd)
    template = sel.ballot_template(rnd, groups)
    subjects = sel.subjects_of(rnd)
    group = None
    entry_no = 1
    errors: dict[str, list[str]] = {}
    post = None
    if request.method == "POST" and request.POST.get("mode") == "slip":
        choices = {
            (s.pk, i.key): request.POST.get(f"s{s.pk}_{i.key}", "") for s in subjects for i in template.items
        }
        try:
            paper_slip_enter(
                actor=request.user, round=rnd, code=request.POST.get("code", ""), choices=choices
            )
        except DomainError as exc:
            for msgs in getattr(exc, "errors", {"": [exc.message]}).values():
                for m in msgs:
                    messages.error(request, m)
        else:
            messages.success(request, _("已录入 1 张纸质测评票，其投票码已作废。"))
        return redirect("ballots:paper", pk=rnd.pk)
    if request.method == "POST":
        group = get_or_not_found(rnd.groups.all(), request.POST.get("group"))
        entry_no = 2 if request.POST.get("entry_no") == "2" else 1
        post = request.POST
        counts = {}
        try:
            returned = int(request.POST.get("returned") or 0)
            for s in subjects:
                for i in template.items:
                    for o in template.option_names:
                        raw = request.POST.get(f"c{s.pk}_{i.key}_{o}", "").strip() or "0"
                        counts[(s.pk, i.key, o)] = int(raw)
        except ValueError:
            errors = {"__all__": [_("票数须为整数。")]}
        if not errors:
            try:
                paper_counts_save(
                    actor=request.user,
                    round=rnd,
                    group=group,
                    returned=returned,
                    counts=counts,
                    entry_no=entry_no,
                )
            except ValidationFailed as exc:
                errors = exc.errors
            except DomainError as exc:
                errors = {"__all__": [exc.message]}
            else:
                messages.success(request, _("纸质票统计已保存。"))
                return redirect("ballots:paper", pk=rnd.pk)
    ctx = {
        "round": rnd,
        "groups": groups,
        "group": group,
        "entry_no": entry_no,
        "options": template.option_names,
        "items": template.items,
        "subjects": subjects,
        "grid": _grid(rnd, template, subjects, post),
        "errors": errors,
        "diff": sel.paper_entry_diff(rnd),
        "progress": sel.progress(rnd),
        "returned": (post or {}).get("returned", ""),
    }
    return render(request, "ballots/paper.html", ctx, status=422 if errors else 200)
