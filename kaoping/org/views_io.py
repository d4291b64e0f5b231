"""Roster import (upload → job page with progress → result or every problem) and export."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import require_cap
from kaoping.org import selectors
from kaoping.org.exporting import export_people, roster_template_bytes
from kaoping.org.forms import PersonFilterForm
from kaoping.org.importing import ImportResult
from kaoping.org.importing_jobs import (
    access_import_job,
    estimate_rows,
    import_job_create,
    import_job_start,
    inline_max_rows,
)
from kaoping.org.models import ImportJob

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_MB = 50
ERRORS_PER_PAGE = 100
FILTER_PARAMS = ("q", "unit", "rank", "category", "status", "sort")


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("干部名册文件（.xlsx）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）。"))
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(_("文件不能超过 %(mb)d MB，请分批导入。") % {"mb": MAX_UPLOAD_MB})
        return upload


def import_page(request):
    """Upload form, template download and the user's recent import jobs."""
    require_cap(request.user, Cap.ORG_IMPORT)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        rows = estimate_rows(upload)
        job = import_job_create(actor=request.user, upload=upload)
        import_job_start(job, rows=rows)
        return redirect("org:import_job", job.pk)
    jobs = ImportJob.objects.filter(created_by=request.user)[:10]
    return render(
        request, "org/import.html", {"form": form, "jobs": jobs, "inline_max_rows": inline_max_rows()}
    )


def import_template(request):
    require_cap(request.user, Cap.ORG_IMPORT)
    response = HttpResponse(roster_template_bytes(request.user), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, _("干部名册导入模板.xlsx"))
    return response


def import_job(request, id):
    """The job page; htmx polls the status fragment every second until the job has finished."""
    job = access_import_job(request.user, id)
    result = ImportResult.from_dict(job.result) if job.result else None
    page = None
    if result and result.errors:
        page = Paginator(result.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"job": job, "result": result, "page": page}
    if request.htmx:
        return render(request, "org/import_job_status.html", context)
    return render(request, "org/import_job.html", context)


def export(request):
    """The person list as .xlsx — same filters (GET) as the list page, same columns as the template."""
    require_cap(request.user, Cap.ORG_EXPORT)
    form = PersonFilterForm(
        request.GET or None,
        units=selectors.units_visible(request.user, Cap.ORG_EXPORT).order_by("path"),
        ranks=selectors.ranks_active(),
    )
    flt = selectors.PersonFilter(**form.cleaned())
    exported = export_people(
        actor=request.user, flt=flt, filters={k: request.GET.get(k, "") for k in FILTER_PARAMS}
    )
    response = HttpResponse(exported.content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, exported.file_name)
    return response


# Included by kaoping/org/urls.py (inside the "org" namespace): org:import, org:import_template,
# org:import_job, org:export.
urlpatterns = [
    path("import/", import_page, name="import"),
    path("import/template/", import_template, name="import_template"),
    path("import/<uuid:id>/", import_job, name="import_job"),
    path("people/export/", export, name="export"),
]
