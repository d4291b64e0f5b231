"""Import / export pages: who may use them, the upload flow, the job page with its htmx polling."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from kaoping.common.models import AuditEntry
from kaoping.org.importing import ImportProblem, ImportResult
from kaoping.org.models import ImportJob, Person
from tests.factories import make_person, rank
from tests.org.io.helpers import roster, row

URLS = ["org:import", "org:import_template", "org:export"]


@pytest.mark.parametrize("name", URLS)
def test_anonymous_is_sent_to_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


@pytest.mark.parametrize("name", URLS)
def test_marker_gets_404(client_for, marker, name):
    assert client_for(marker).get(reverse(name)).status_code == 404


def test_leader_may_export_but_not_import(client_for, leader, tree):
    client = client_for(leader)
    assert client.get(reverse("org:import")).status_code == 404
    assert client.get(reverse("org:export")).status_code == 200


def _upload(content: io.BytesIO, name="名册.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.getvalue(), content_type="application/octet-stream")


def test_upload_small_file_imports_inline_and_shows_the_result(client_for, hr_admin, tree):
    rank("chuzhang")
    client = client_for(hr_admin)
    page = client.get(reverse("org:import"))
    assert page.status_code == 200 and "下载导入模板" in page.content.decode()
    response = client.post(
        reverse("org:import"),
        {"file": _upload(roster([row(name="甲"), row(name="乙", birth=dt.date(1971, 1, 1))]))},
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("org:import_job", args=[job.pk])
    assert job.status == ImportJob.Status.SAVED and not job.file  # the upload is not kept
    page = client.get(response.url).content.decode()
    assert "导入成功：新增 2 人" in page and 'hx-trigger="every 1s"' not in page
    assert Person.objects.count() == 2


def test_upload_bad_file_lists_problems_and_saves_nothing(client_for, hr_admin, tree):
    rank("chuzhang")
    client = client_for(hr_admin)
    response = client.post(reverse("org:import"), {"file": _upload(roster([row(name=""), row(unit="NOPE")]))})
    page = client.get(response.url).content.decode()
    assert "发现 2 处问题，未保存任何数据" in page
    assert "“姓名”为必填项，不能为空。" in page and "未找到单位代码为“NOPE”的单位。" in page
    assert Person.objects.count() == 0
    assert ImportJob.objects.get().status == ImportJob.Status.REJECTED


def test_upload_rejects_other_file_types(client_for, hr_admin, tree):
    response = client_for(hr_admin).post(
        reverse("org:import"), {"file": SimpleUploadedFile("名册.xls", b"x")}
    )
    assert response.status_code == 200 and "请上传 .xlsx 格式" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_large_upload_goes_to_the_background(client_for, hr_admin, tree, settings, monkeypatch):
    rank("chuzhang")
    settings.KAOPING_IMPORT_INLINE_ROWS = 1
    started = []
    monkeypatch.setattr("kaoping.org.importing_jobs.transaction.on_commit", lambda fn: started.append(fn))
    client = client_for(hr_admin)
    response = client.post(
        reverse("org:import"),
        {"file": _upload(roster([row(name="甲"), row(name="乙", birth=dt.date(1971, 1, 1))]))},
    )
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.PENDING and len(started) == 1
    page = client.get(response.url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "progress-bar" in page
    # Run what the background thread would run (same code path, here in the test's transaction).
    from kaoping.org.importing_jobs import run_import_job

    run_import_job(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SAVED and job.total == 2 and job.done == 2
    assert ImportResult.from_dict(job.result).created == 2
    run_import_job(job.pk)  # a second run (e.g. a retried task) does nothing
    assert Person.objects.count() == 2


def test_job_page_shows_progress_and_polls_with_htmx(client_for, hr_admin, tree):
    job = ImportJob.objects.create(
        created_by=hr_admin,
        file_name="大名册.xlsx",
        status=ImportJob.Status.RUNNING,
        total=100_000,
        done=25_000,
    )
    client = client_for(hr_admin)
    page = client.get(reverse("org:import_job", args=[job.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'hx-trigger="every 1s"' in html and 'style="width: 25%"' in html and "25000 / 100000" in html
    fragment = client.get(reverse("org:import_job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="kp-import-job"') and "<html" not in fragment


def test_job_page_paginates_a_long_error_table(client_for, hr_admin, tree):
    errors = [ImportProblem(r, "姓名", "“姓名”为必填项，不能为空。") for r in range(2, 252)]
    job = ImportJob.objects.create(
        created_by=hr_admin,
        file_name="x.xlsx",
        status=ImportJob.Status.REJECTED,
        result=ImportResult(0, 0, errors, False).as_dict(),
    )
    html = client_for(hr_admin).get(reverse("org:import_job", args=[job.pk]), {"page": 3}).content.decode()
    assert "发现 250 处问题" in html and "第 3 / 3 页" in html
    assert "<td>251</td>" in html and "<td>2</td>" not in html


def test_job_of_another_user_is_404(client_for, hr_admin, liaison):
    job = ImportJob.objects.create(created_by=hr_admin, file_name="x.xlsx")
    assert client_for(liaison).get(reverse("org:import_job", args=[job.pk])).status_code == 404


def test_template_download(client_for, hr_admin, tree):
    response = client_for(hr_admin).get(reverse("org:import_template"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "干部名册" in load_workbook(io.BytesIO(response.content)).sheetnames


def test_export_view_uses_the_list_page_filters(client_for, hr_admin, tree):
    make_person(tree.office, "甲")
    make_person(tree.org_dept, "乙")
    gone = make_person(tree.org_dept, "丙")
    Person.objects.filter(pk=gone.pk).update(is_active=False)
    client = client_for(hr_admin)
    response = client.get(reverse("org:export"), {"unit": tree.org_dept.pk})
    ws = load_workbook(io.BytesIO(response.content))["干部名册"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == ["乙"]
    response = client.get(reverse("org:export"), {"unit": tree.org_dept.pk, "status": "all", "sort": "-name"})
    ws = load_workbook(io.BytesIO(response.content))["干部名册"]
    assert sorted(r[0] for r in ws.iter_rows(min_row=2, values_only=True)) == ["丙", "乙"]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).count() == 2


def test_liaison_export_view_contains_only_their_subtree(client_for, liaison, tree):
    make_person(tree.office_secretariat, "甲")
    make_person(tree.org_dept, "乙")
    response = client_for(liaison).get(reverse("org:export"))
    ws = load_workbook(io.BytesIO(response.content))["干部名册"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == ["甲"]
