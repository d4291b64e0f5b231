"""Inline (htmx) add / edit / delete of a person's history records."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kaoping.common.models import AuditEntry
from kaoping.org import services
from kaoping.org.models import AnnualResult, RankHistory
from tests.factories import rank

HX = {"HTTP_HX_REQUEST": "true"}


def test_add_form_is_a_fragment(client_for, liaison, people):
    url = reverse("org:history_create", args=[people.secretary.pk, "result"])
    response = client_for(liaison).get(url, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<div") and "<html" not in html
    assert 'id="hist-result"' in html and f'hx-post="{url}"' in html


def test_add_record(client_for, liaison, people):
    url = reverse("org:history_create", args=[people.secretary.pk, "result"])
    response = client_for(liaison).post(url, {"year": "2023", "grade": "excellent", "note": ""}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "优秀" in html and "已保存。" in html and '<form method="post" novalidate' not in html
    record = AnnualResult.objects.get(person=people.secretary)
    assert record.year == 2023
    assert AuditEntry.objects.filter(object_type="org.annualresult", action="create", actor=liaison).exists()


def test_add_with_errors_rerenders_form_with_chinese_messages(client_for, hr_admin, people):
    url = reverse("org:history_create", args=[people.secretary.pk, "secondment"])
    data = {"kind": "xinjiang", "start_date": "2020-05-01", "end_date": "2019-01-01", "place": "喀什"}
    response = client_for(hr_admin).post(url, data, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "结束日期不能早于开始日期。" in html
    assert f'hx-post="{url}"' in html  # the form is still there to correct
    assert not people.secretary.secondments.exists()


def test_duplicate_year_is_refused(client_for, hr_admin, people):
    services.history_add(
        actor=None, person=people.secretary, record_kind="result", year=2022, grade="competent"
    )
    url = reverse("org:history_create", args=[people.secretary.pk, "result"])
    response = client_for(hr_admin).post(url, {"year": "2022", "grade": "excellent"}, **HX)
    assert response.context["section"].form.errors
    assert AnnualResult.objects.filter(person=people.secretary).count() == 1
    assert AnnualResult.objects.get(person=people.secretary).grade == "competent"


def test_edit_record(client_for, liaison, people):
    record = services.history_add(
        actor=None,
        person=people.secretary,
        record_kind="rank",
        rank=rank("fu_chuzhang"),
        post_title="副处长",
        start_date=dt.date(2010, 1, 1),
    )
    client = client_for(liaison)
    url = reverse("org:history_edit", args=["rank", record.pk])
    form_html = client.get(url, **HX).content.decode()
    assert 'value="副处长"' in form_html and 'value="2010-01-01"' in form_html
    data = {"rank": rank("fu_chuzhang").pk, "post_title": "副处长", "unit_name": "秘书处"}
    data.update(start_date="2010-01-01", end_date="2015-06-30")
    response = client.post(url, data, **HX)
    assert "2015-06-30" in response.content.decode()
    record.refresh_from_db()
    assert record.end_date == dt.date(2015, 6, 30) and record.unit_name == "秘书处"
    entry = AuditEntry.objects.get(object_type="org.rankhistory", action="update")
    assert entry.changes["end_date"] == [None, "2015-06-30"]


def test_delete_record(client_for, liaison, people):
    record = services.history_add(
        actor=None,
        person=people.secretary,
        record_kind="resume",
        start_date=dt.date(2000, 9, 1),
        text="某大学学习",
    )
    client = client_for(liaison)
    detail = client.get(reverse("org:person_detail", args=[people.secretary.pk])).content.decode()
    assert "hx-confirm=" in detail
    response = client.post(reverse("org:history_delete", args=["resume", record.pk]), **HX)
    assert response.status_code == 200 and "某大学学习" not in response.content.decode()
    assert not people.secretary.resumelines.exists()
    assert AuditEntry.objects.filter(object_type="org.resumeline", action="delete").exists()


def test_delete_needs_post(client_for, hr_admin, people):
    record = services.history_add(
        actor=None,
        person=people.secretary,
        record_kind="training",
        name="党校培训",
        start_date=dt.date(2019, 3, 1),
    )
    assert (
        client_for(hr_admin).get(reverse("org:history_delete", args=["training", record.pk])).status_code
        == 405
    )
    assert people.secretary.trainings.exists()


def test_leader_cannot_edit_history(client_for, leader, people):
    record = services.history_add(
        actor=None, person=people.secretary, record_kind="result", year=2020, grade="competent"
    )
    client = client_for(leader)
    assert (
        client.post(
            reverse("org:history_edit", args=["result", record.pk]), {"year": "2020", "grade": "excellent"}
        ).status_code
        == 404
    )
    assert client.post(reverse("org:history_delete", args=["result", record.pk])).status_code == 404
    record.refresh_from_db()
    assert record.grade == "competent"


def test_without_htmx_the_urls_work_as_pages(client_for, hr_admin, people):
    client = client_for(hr_admin)
    url = reverse("org:history_create", args=[people.secretary.pk, "training"])
    page = client.get(url)
    assert "<html" in page.content.decode() and "秘书甲" in page.content.decode()
    response = client.post(url, {"name": "干部网络学院", "start_date": "2021-04-01"})
    assert response.status_code == 302
    assert response.url == reverse("org:person_detail", args=[people.secretary.pk]) + "#hist-training"
    assert people.secretary.trainings.get().name == "干部网络学院"


def test_cancel_returns_plain_section(client_for, hr_admin, people):
    services.history_add(
        actor=None,
        person=people.secretary,
        record_kind="rank",
        rank=rank("keyuan"),
        start_date=dt.date(2001, 1, 1),
    )
    response = client_for(hr_admin).get(
        reverse("org:history_section", args=[people.secretary.pk, "rank"]), **HX
    )
    html = response.content.decode()
    assert response.context["section"].editing is None
    assert (
        "科员" in html
        and 'hx-post="' + reverse("org:history_create", args=[people.secretary.pk, "rank"]) not in html
    )
    assert RankHistory.objects.count() == 1


def test_add_secondment_whose_model_has_a_kind_field(client_for, hr_admin, people):
    url = reverse("org:history_create", args=[people.secretary.pk, "secondment"])
    data = {"kind": "xinjiang", "start_date": "2019-03-01", "end_date": "2022-03-01", "place": "喀什"}
    response = client_for(hr_admin).post(url, data, **HX)
    assert response.status_code == 200 and "援疆" in response.content.decode()
    assert people.secretary.secondments.get().place == "喀什"


def test_edit_secondment_kind(client_for, hr_admin, people):
    from kaoping.org.models import Secondment

    record = Secondment.objects.create(
        person=people.secretary, kind="attachment", start_date=dt.date(2018, 1, 1), place="某县"
    )
    url = reverse("org:history_edit", args=["secondment", record.pk])
    data = {"kind": "tibet", "start_date": "2018-01-01", "end_date": "", "place": "拉萨"}
    response = client_for(hr_admin).post(url, data, **HX)
    assert "援藏" in response.content.decode()
    record.refresh_from_db()
    assert record.kind == "tibet" and record.place == "拉萨"
