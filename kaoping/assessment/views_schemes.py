"""Scheme pages: list (the app's index), create from a preset, the scheme page with the template checker
and its units, rules editing while a draft, opening and publishing, results (ranking, breakdown, chart)
and the results workbook."""

from __future__ import annotations

import hashlib
import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap, require_cap
from kaoping.assessment import documents, engine, selectors, services
from kaoping.assessment.forms import SchemeCreateForm, SchemeEditForm, UnitAddForm
from kaoping.assessment.models import AssessmentScheme, SchemeKind
from kaoping.common.access import not_found
from kaoping.common.errors import DomainError, TransitionBlocked
from kaoping.org.forms import apply_service_error
from kaoping.org.selectors import units_visible

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def scheme_list(request):
    require_cap(request.user, Cap.ASSESSMENT_VIEW)
    qs = selectors.scheme_list(request.user)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(title__icontains=q)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/scheme_list.html",
        {"page": page, "q": q, "can_manage": has_cap(request.user, Cap.ASSESSMENT_MANAGE)},
    )


def scheme_create(request):
    require_cap(request.user, Cap.ASSESSMENT_MANAGE)
    presets = [(k, title) for k, (_kind, title, _d) in services.scheme_presets().items()]
    form = SchemeCreateForm(
        request.POST or None, presets=presets, initial={"year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        try:
            scheme = services.scheme_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("已创建考核方案，请添加被考核单位。"))
            return redirect("assessment:scheme_detail", scheme.pk)
    return render(request, "assessment/scheme_create.html", {"form": form})


def _scheme_context(request, scheme: AssessmentScheme) -> dict:
    user = request.user
    can_manage = has_cap(user, Cap.ASSESSMENT_MANAGE)
    parsed = engine.parse(scheme.kind, scheme.scheme)
    warnings = engine.warnings(scheme.kind, scheme.scheme)
    results = selectors.scheme_results(user, scheme)
    taken = {r.assessment.key for r in results}
    ctx = {
        "scheme": scheme,
        "parsed": parsed,
        "warnings": warnings,
        "results": results,
        "can_manage": can_manage,
        "show_ranking": selectors.may_see_ranking(user, scheme),
        "open_ids": _open_ids(user, scheme),
        "is_targets": scheme.kind == SchemeKind.TARGETS,
        "open_issues": services.scheme_open_blocking_issues(scheme) if scheme.is_editable else [],
        "publish_issues": services.scheme_publish_blocking_issues(scheme)
        if scheme.status == AssessmentScheme.Status.OPEN
        else [],
    }
    if can_manage and scheme.is_editable:
        keys = [k for k in engine.unit_keys(scheme.kind, scheme.scheme) if k not in taken]
        ctx["unit_form"] = UnitAddForm(keys=keys, units=units_visible(user, Cap.ASSESSMENT_MANAGE))
    return ctx


def _open_ids(user, scheme) -> set[int] | None:
    """Units whose sheet ``user`` may open (None = all), so the ranking links only to those."""
    if selectors.sees_all(user):
        return None
    return set(selectors.assessments_visible(user).filter(scheme=scheme).values_list("pk", flat=True))


def scheme_detail(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_VIEW)
    scheme = selectors.access_scheme(request.user, pk)
    return render(request, "assessment/scheme_detail.html", _scheme_context(request, scheme))


def scheme_edit(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_MANAGE)
    scheme = selectors.access_scheme(request.user, pk)
    initial = {
        "title": scheme.title,
        "year": scheme.year,
        "scheme": json.dumps(scheme.scheme, ensure_ascii=False, indent=2),
    }
    form = SchemeEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.scheme_update(
                actor=request.user, scheme=scheme, data=data["scheme"], title=data["title"], year=data["year"]
            )
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("考核细则已保存。"))
            return redirect("assessment:scheme_detail", scheme.pk)
    return render(request, "assessment/scheme_edit.html", {"scheme": scheme, "form": form})


@require_POST
def scheme_unit_add(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_MANAGE)
    scheme = selectors.access_scheme(request.user, pk)
    form = UnitAddForm(
        request.POST,
        keys=engine.unit_keys(scheme.kind, scheme.scheme),
        units=units_visible(request.user, Cap.ASSESSMENT_MANAGE),
    )
    if form.is_valid():
        try:
            services.scheme_unit_add(actor=request.user, scheme=scheme, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已添加被考核单位。"))
    else:
        messages.error(request, _("请选择细则中的单位和被考核单位。"))
    return redirect("assessment:scheme_detail", scheme.pk)


@require_POST
def scheme_unit_remove(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_MANAGE)
    assessment = selectors.access_assessment(request.user, pk)
    try:
        services.scheme_unit_remove(actor=request.user, assessment=assessment)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("assessment:scheme_detail", assessment.scheme_id)


@require_POST
def scheme_status(request, pk: int, action: str):
    require_cap(request.user, Cap.ASSESSMENT_MANAGE)
    scheme = selectors.access_scheme(request.user, pk)
    service = {"open": services.scheme_open, "publish": services.scheme_publish}.get(action)
    if service is None:
        return redirect("assessment:scheme_detail", scheme.pk)
    try:
        service(actor=request.user, scheme=scheme)
    except TransitionBlocked as exc:
        for issue in exc.issues:
            messages.error(request, issue)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已启动考核。") if action == "open" else _("考核结果已公布。"))
    return redirect("assessment:scheme_detail", scheme.pk)


def _results_for(request, pk: int):
    require_cap(request.user, Cap.ASSESSMENT_VIEW)
    scheme = selectors.access_scheme(request.user, pk)
    if not selectors.may_see_ranking(request.user, scheme):
        # A department sees only its own sheet until the results are published.
        raise not_found()
    return scheme, selectors.scheme_results(request.user, scheme)


def _chart_version(rows) -> str:
    """Changes whenever a number the chart draws changes (so the browser never shows a stale chart)."""
    text = "|".join(f"{r.assessment.key}:{r.self_total.value}:{r.total.value}" for r in rows)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:12]


def results(request, pk: int):
    scheme, rows = _results_for(request, pk)
    return render(
        request,
        "assessment/results.html",
        {
            "scheme": scheme,
            "results": rows,
            # The chart is its own request (drawing it is the slow part); the version follows the data.
            "chart_version": _chart_version(rows),
            "open_ids": _open_ids(request.user, scheme),
            "is_targets": scheme.kind == SchemeKind.TARGETS,
            "bonus_texts": {c: t for c, t, _p in engine.bonus_catalogue(scheme.scheme)}
            if scheme.kind == SchemeKind.TARGETS
            else {},
        },
    )


def results_xlsx(request, pk: int):
    scheme, rows = _results_for(request, pk)
    return download(documents.results_xlsx(scheme, rows), f"{scheme.title}-考核结果.xlsx", XLSX)


def results_chart(request, pk: int):
    scheme, rows = _results_for(request, pk)
    fmt = "png" if request.GET.get("format") == "png" else "svg"
    data = documents.ranking_chart(scheme, rows, fmt)
    return HttpResponse(data, content_type="image/png" if fmt == "png" else "image/svg+xml")
