"""Downloads of an establishment plan: the 岗位设置分布表 (.xlsx, .docx), the plan (.docx), a post line's
岗位说明书 (.docx) and the structure chart (SVG, for pages). Included in the "positions" namespace by
``kaoping/positions/urls.py``."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import path
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from kaoping.accounts.roles import Cap
from kaoping.positions import chart_data, documents, documents_notice, selectors
from kaoping.positions.selectors_appointment import access_round

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SVG = "image/svg+xml"


def _download(data: bytes, content_type: str, file_name: str, *, as_attachment: bool = True) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment, file_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def distribution_xlsx(request, pk: int):
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_VIEW)
    return _download(documents.distribution_xlsx(plan), XLSX, documents.distribution_file_name(plan, "xlsx"))


@require_GET
def distribution_docx(request, pk: int):
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_VIEW)
    return _download(documents.distribution_docx(plan), DOCX, documents.distribution_file_name(plan, "docx"))


@require_GET
def plan_docx(request, pk: int):
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_VIEW)
    return _download(documents.plan_docx(plan), DOCX, documents.plan_file_name(plan))


@require_GET
def description_docx(request, pk: int):
    line = selectors.access_line(request.user, pk, Cap.POSITIONS_VIEW)
    return _download(documents.description_docx(line), DOCX, documents.description_file_name(line))


@require_GET
def notice_docx(request, pk: int):
    rnd = access_round(request.user, pk, Cap.POSITIONS_VIEW)
    return _download(documents_notice.notice_docx(rnd), DOCX, documents_notice.notice_title(rnd) + ".docx")


@require_GET
def chart_svg(request, pk: int):
    plan = selectors.access_plan(request.user, pk, Cap.POSITIONS_VIEW)
    response = _download(chart_data.plan_chart(plan, "svg"), SVG, f"chart-{plan.pk}.svg", as_attachment=False)
    # An SVG opened directly is a document: no scripts, no outside resources.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


urlpatterns = [
    path("plans/<int:pk>/distribution.xlsx", distribution_xlsx, name="distribution_xlsx"),
    path("plans/<int:pk>/distribution.docx", distribution_docx, name="distribution_docx"),
    path("plans/<int:pk>/plan.docx", plan_docx, name="plan_docx"),
    path("lines/<int:pk>/description.docx", description_docx, name="description_docx"),
    path("plans/<int:pk>/chart.svg", chart_svg, name="chart_svg"),
    path("rounds/<int:pk>/notice.docx", notice_docx, name="notice_docx"),
]
