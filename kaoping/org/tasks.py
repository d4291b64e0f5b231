"""Celery tasks of the cadre registry (discovered by ``app.autodiscover_tasks``)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="kaoping.org.run_import_job", ignore_result=True)
def run_import_job_task(job_id: str) -> None:
    from kaoping.org.importing_jobs import run_import_job

    run_import_job(job_id)
