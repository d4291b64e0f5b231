"""Roster imports as jobs: small files run inline, large ones in the background — a thread in the
embedded mode, a Celery task when a broker is configured (``CELERY_TASK_ALWAYS_EAGER`` is False).

The job row carries progress (``done``/``total``, updated by the import's progress callback while rows
are read and checked) and, at the end, the :class:`~kaoping.org.importing.ImportResult` as JSON.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import zipfile

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import scope_for
from kaoping.common.errors import NotFound
from kaoping.org.importing import ImportResult, import_people
from kaoping.org.models import ImportJob

log = logging.getLogger(__name__)
PROGRESS_INTERVAL = 0.5  # seconds between progress writes


def inline_max_rows() -> int:
    """Files up to this many rows are imported during the upload request."""
    return getattr(settings, "KAOPING_IMPORT_INLINE_ROWS", 2000)


ESTIMATE_MAX_BYTES = 1_000_000


def estimate_rows(file) -> int:
    """Rows the first sheet announces (its dimension). openpyxl scans the whole sheet when a file has
    no dimension record, so files over ESTIMATE_MAX_BYTES are simply taken as large."""
    size = getattr(file, "size", None)
    if size is not None and size > ESTIMATE_MAX_BYTES:
        return max(inline_max_rows() + 1, size // 100)
    try:
        wb = load_workbook(file, read_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return 0
    try:
        return max(ws.max_row or 0 for ws in wb.worksheets[:1]) if wb.worksheets else 0
    finally:
        wb.close()
        if hasattr(file, "seek"):
            file.seek(0)


def import_job_create(*, actor, upload) -> ImportJob:
    """Store the uploaded file and create a pending job for ``actor``."""
    name = os.path.basename(getattr(upload, "name", "") or "roster.xlsx")[:200]
    job = ImportJob(created_by=actor, file_name=name)
    job.file.save(f"{timezone.now():%Y%m%d%H%M%S}.xlsx", upload, save=False)
    job.save()
    return job


def import_job_start(job: ImportJob, *, rows: int) -> None:
    """Run ``job`` now (small files) or hand it to the background."""
    if rows <= inline_max_rows():
        run_import_job(job.pk)
        return
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True):
        thread = threading.Thread(target=_run_in_thread, args=(job.pk,), name=f"import-{job.pk}", daemon=True)
        transaction.on_commit(thread.start)
    else:
        from kaoping.celery import app  # configured from settings (broker), also in the web process

        transaction.on_commit(lambda: app.send_task("kaoping.org.run_import_job", args=[str(job.pk)]))


def _run_in_thread(job_id) -> None:
    close_old_connections()
    try:
        run_import_job(job_id)
    finally:
        connection.close()


def access_import_job(user, job_id) -> ImportJob:
    """The job, if ``user`` started it (others get the same NotFound as a missing job)."""
    job = ImportJob.objects.filter(pk=job_id, created_by=user).first() if job_id else None
    if job is None or scope_for(user, Cap.ORG_IMPORT) is None:
        raise NotFound(_("未找到该导入任务，或您无权访问。"))
    return job


def run_import_job(job_id) -> None:
    """Process a pending job once (a second call, e.g. a retried task, does nothing)."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PENDING).update(
        status=ImportJob.Status.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_INTERVAL or done >= total:
            last[0] = now
            ImportJob.objects.filter(pk=job_id).update(done=done, total=total)

    try:
        user = job.created_by
        with job.file.open("rb") as fh:
            result = import_people(
                actor=user,
                file=fh,
                scope=scope_for(user, Cap.ORG_IMPORT),
                progress=progress,
                file_name=job.file_name,
            )
        status = ImportJob.Status.SAVED if result.is_saved else ImportJob.Status.REJECTED
        _finish(job, status=status, result=result)
    except Exception:
        log.exception("roster import job %s failed", job_id)
        _finish(job, status=ImportJob.Status.FAILED, message=_("处理失败：服务器内部错误，未保存任何数据。"))


def _finish(job: ImportJob, *, status: str, result: ImportResult | None = None, message: str = "") -> None:
    fields = {
        "status": status,
        "finished_at": timezone.now(),
        "updated_at": timezone.now(),
        "message": message,
    }
    if result is not None:
        fields["result"] = result.as_dict()
    ImportJob.objects.filter(pk=job.pk).update(**fields)
    if job.file:
        try:
            job.file.delete(save=False)  # the upload holds personal data: keep it no longer than needed
        except OSError:
            log.warning("could not delete the upload of import job %s", job.pk)
        ImportJob.objects.filter(pk=job.pk).update(file="")
