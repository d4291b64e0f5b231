"""The appointment-round pages (岗位聘用, R004-05, RP-08): who may open what, and the whole walk as hr_admin on
the seed-004 plan — applications, pre-review, decision (a post never beyond its count), notice with an
objection that blocks contracts until resolved, contracts, done. The round page's query count is pinned."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kaoping.positions import services
from kaoping.positions import services_appointment as rsvc
from kaoping.positions.models import Application, AppointmentRound, Objection
from tests.factories import make_person, rank

Stage = AppointmentRound.Stage
# session, user, role grants, access, blocking issues, lines, applications, appointed counts
ROUND_DETAIL_QUERIES = 10  # constant in the number of applications (pinned below)


@pytest.fixture
def approved_plan(plan, hr_admin):
    services.plan_submit(actor=hr_admin, plan=plan)
    services.plan_approve(actor=hr_admin, plan=plan)
    return plan


@pytest.fixture
def rnd(approved_plan, hr_admin):
    return rsvc.round_create(
        actor=hr_admin, plan=approved_plan, title="2012年岗位聘用", as_of=dt.date(2012, 5, 1)
    )


def _person(tree, name, grade):
    return make_person(
        tree.institute, name, rank=rank(f"zhiyuan_{grade}"), rank_start_date=dt.date(2005, 7, 1)
    )


def _line(plan, name):
    return plan.lines.get(name=name)


def _detail(client, rnd):
    return client.get(reverse("positions:round_detail", args=[rnd.pk])).content.decode()


def _advance(client, rnd):
    return client.post(reverse("positions:round_advance", args=[rnd.pk]))


# ----------------------------------------------------------------------------------------------- access


def test_anonymous_is_sent_to_login(client, rnd):
    for url in (
        reverse("positions:round_list"),
        reverse("positions:round_detail", args=[rnd.pk]),
        reverse("positions:round_create", args=[rnd.plan.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"], url


def test_marker_gets_404(client_for, marker, rnd):
    client = client_for(marker)
    assert client.get(reverse("positions:round_list")).status_code == 404
    assert client.get(reverse("positions:round_detail", args=[rnd.pk])).status_code == 404
    assert client.post(reverse("positions:round_advance", args=[rnd.pk])).status_code == 404
    assert "岗位聘用" not in client.get(reverse("home")).content.decode()


def test_liaison_of_another_unit_gets_404(client_for, liaison, tree, rnd):
    client = client_for(liaison)
    assert rnd.title not in client.get(reverse("positions:round_list")).content.decode()
    assert client.get(reverse("positions:round_detail", args=[rnd.pk])).status_code == 404
    person = _person(tree, "张三", 9)
    response = client.post(
        reverse("positions:application_add", args=[rnd.pk]),
        {"person": person.pk, "line": _line(rnd.plan, "科员").pk},
    )
    assert response.status_code == 404
    assert not Application.objects.exists()


def test_leader_views_and_decides_but_cannot_add_applications(client_for, leader, hr_admin, tree, rnd):
    person = _person(tree, "张三", 9)
    client = client_for(leader)
    assert rnd.title in client.get(reverse("positions:round_list")).content.decode()
    page = _detail(client, rnd)
    assert "个人申请" in page and "登记申请" not in page and "进入下一阶段" not in page
    response = client.post(
        reverse("positions:application_add", args=[rnd.pk]),
        {"person": person.pk, "line": _line(rnd.plan, "科员").pk},
    )
    assert response.status_code == 404
    assert client.get(reverse("positions:round_create", args=[rnd.plan.pk])).status_code == 404
    # hr_admin brings the round to 竞聘与研究决定; the leader decides and opens the notice.
    application = rsvc.application_create(
        actor=hr_admin, round=rnd, person=person, line=_line(rnd.plan, "科员")
    )
    rsvc.round_advance(actor=hr_admin, round=rnd)
    rsvc.application_review(actor=hr_admin, application=application, qualified=True)
    rsvc.round_advance(actor=hr_admin, round=rnd)
    assert (
        client.post(reverse("positions:application_score", args=[application.pk]), {"score": 1}).status_code
        == 404
    )
    response = client.post(reverse("positions:application_decide", args=[application.pk]), {"appoint": "1"})
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).status == Application.Status.APPOINTED
    assert _advance(client, rnd).status_code == 302
    rnd.refresh_from_db()
    assert rnd.stage == Stage.NOTICE
    assert _advance(client, rnd).status_code == 404  # the notice → contracts step is the HR office's


# ------------------------------------------------------------------------------------------- full walk


def test_full_walk_as_hr_admin(client_for, hr_admin, tree, approved_plan):
    client = client_for(hr_admin)
    plan_page = client.get(reverse("positions:plan_detail", args=[approved_plan.pk])).content.decode()
    assert "新建聘用轮次" in plan_page and "尚未开展岗位聘用。" in plan_page
    assert reverse("positions:round_list") in client.get(reverse("home")).content.decode()

    # 新建聘用轮次
    response = client.post(
        reverse("positions:round_create", args=[approved_plan.pk]),
        {"title": "2012年岗位聘用", "as_of": "2012-05-01", "is_first_appointment": "on"},
    )
    rnd = AppointmentRound.objects.get(title="2012年岗位聘用")
    assert response.status_code == 302 and response["Location"] == reverse(
        "positions:round_detail", args=[rnd.pk]
    )
    assert rnd.is_first_appointment and rnd.notice_days == 7
    assert "2012年岗位聘用" in client.get(reverse("positions:round_list")).content.decode()

    # 个人申请: two 职员6级 for 主任 (1 post), one 职员9级 for 科员.
    page = _detail(client, rnd)
    assert 'aria-current="step">1. 个人申请' in page and "还没有任何申请。" in page
    wang, li, zhao = _person(tree, "王一", 6), _person(tree, "李二", 6), _person(tree, "赵三", 9)
    outsider = make_person(tree.org_dept, "外单位人员")
    assert "外单位人员" not in page.split('name="person"')[1].split("</select>")[0]
    director, clerk = _line(rnd.plan, "主任"), _line(rnd.plan, "科员")
    for person, line in ((wang, director), (li, director), (zhao, clerk)):
        response = client.post(
            reverse("positions:application_add", args=[rnd.pk]),
            {"person": person.pk, "line": line.pk, "achievements": "a", "commendation_years": "2010"},
        )
        assert response.status_code == 302
    response = client.post(
        reverse("positions:application_add", args=[rnd.pk]), {"person": wang.pk, "line": clerk.pk}
    )
    assert response.status_code == 422
    assert "此人在本轮已提交申请，每人限报一个岗位。" in response.content.decode()
    response = client.post(
        reverse("positions:application_add", args=[rnd.pk]), {"person": outsider.pk, "line": clerk.pk}
    )
    assert response.status_code == 422
    page = _detail(client, rnd)
    assert "王一" in page and "李二" in page and "赵三" in page
    assert "已聘 0 / 1" in page
    row = page.split(f'id="application-{Application.objects.get(person=zhao).pk}"')[1].split("</tr>")[0]
    # The live pre-review (R004-04/05): in a first appointment a grade-9 clerk enters the grade-9 post as is.
    assert "通过" in row and "首次聘用，现聘管理9级，按现聘等级聘用" in row

    # → 资格预审
    assert _advance(client, rnd).status_code == 302
    rnd.refresh_from_db()
    assert rnd.stage == Stage.REVIEWING
    response = _advance(client, rnd)
    assert response.status_code == 409
    assert "王一的申请尚未审查。" in response.content.decode()
    a_wang, a_li, a_zhao = (Application.objects.get(person=p) for p in (wang, li, zhao))
    response = client.post(
        reverse("positions:application_review", args=[a_zhao.pk]), {"qualified": "0"}, follow=True
    )
    assert "资格审查不通过时须填写理由。" in response.content.decode()
    for application in (a_wang, a_li, a_zhao):
        client.post(
            reverse("positions:application_review", args=[application.pk]), {"qualified": "1", "note": "符合"}
        )
    assert set(Application.objects.values_list("status", flat=True)) == {"qualified"}

    # → 竞聘与研究决定: two for one post need scores; the second appointment is refused.
    assert _advance(client, rnd).status_code == 302
    rnd.refresh_from_db()
    assert rnd.stage == Stage.DECIDING
    page = _detail(client, rnd)
    assert "请先录入全部竞聘成绩" in page
    for application, score in ((a_wang, "90.5"), (a_li, "85")):
        client.post(reverse("positions:application_score", args=[application.pk]), {"score": score})
    client.post(reverse("positions:application_decide", args=[a_wang.pk]), {"appoint": "1"})
    response = client.post(
        reverse("positions:application_decide", args=[a_li.pk]), {"appoint": "1"}, follow=True
    )
    assert "岗位“主任”已聘满（1 个）。" in response.content.decode()
    client.post(reverse("positions:application_decide", args=[a_li.pk]), {"appoint": "0"})
    client.post(reverse("positions:application_decide", args=[a_zhao.pk]), {"appoint": "1"})
    page = _detail(client, rnd)
    assert "已聘 1 / 1" in page and "90.50" in page

    # → 聘用公示: dates shown; an objection blocks contracts until resolved.
    assert _advance(client, rnd).status_code == 302
    rnd.refresh_from_db()
    assert rnd.stage == Stage.NOTICE
    today = timezone.localdate()
    assert rnd.notice_start == today and rnd.notice_end == today + dt.timedelta(days=6)
    page = _detail(client, rnd)
    assert f"公示期：{today:%Y-%m-%d} 至 {rnd.notice_end:%Y-%m-%d}" in page
    response = client.post(
        reverse("positions:objection_add", args=[rnd.pk]),
        {"application": a_zhao.pk, "received_on": today.isoformat(), "content": "年度考核情况不实"},
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    AppointmentRound.objects.filter(pk=rnd.pk).update(notice_end=today - dt.timedelta(days=1))  # notice over
    response = _advance(client, rnd)
    assert response.status_code == 409
    assert "赵三的公示异议尚未办结。" in response.content.decode()
    response = client.post(
        reverse("positions:objection_resolve", args=[rnd.pk, objection.pk]),
        {"resolution": "经核查不属实", "resolved_on": today.isoformat()},
    )
    assert response.status_code == 302
    assert "经核查不属实" in _detail(client, rnd)

    # → 签订聘用合同 → 已完成
    assert _advance(client, rnd).status_code == 302
    rnd.refresh_from_db()
    assert rnd.stage == Stage.CONTRACTS
    assert "尚未签订聘用合同" in _detail(client, rnd)
    for application in (a_wang, a_zhao):
        appointment = Application.objects.get(pk=application.pk).appointment
        response = client.post(
            reverse("positions:contract_sign", args=[rnd.pk, appointment.pk]),
            {"kind": "new", "signed_on": today.isoformat()},
        )
        assert response.status_code == 302
    assert _advance(client, rnd).status_code == 302
    rnd.refresh_from_db()
    assert rnd.stage == Stage.DONE
    page = _detail(client, rnd)
    assert 'aria-current="step">6. 已完成' in page and "进入下一阶段" not in page
    assert "签订聘用合同 " + today.strftime("%Y-%m-%d") in page


# ------------------------------------------------------------------------------------------ query count


def _deciding_round(actor, tree, plan, n: int) -> AppointmentRound:
    rnd = rsvc.round_create(actor=actor, plan=plan, title=f"轮次{n}", as_of=dt.date(2012, 5, 1))
    clerk = _line(plan, "科员")
    applications = [
        rsvc.application_create(actor=actor, round=rnd, person=_person(tree, f"人员{n}-{i}", 9), line=clerk)
        for i in range(n)
    ]
    rsvc.round_advance(actor=actor, round=rnd)
    for application in applications:
        rsvc.application_review(actor=actor, application=application, qualified=True)
    rsvc.round_advance(actor=actor, round=rnd)
    return rnd


def test_round_detail_query_count_is_constant(
    client_for, hr_admin, tree, approved_plan, django_assert_num_queries
):
    client = client_for(hr_admin)
    few = _deciding_round(hr_admin, tree, approved_plan, 2)
    many = _deciding_round(hr_admin, tree, approved_plan, 8)

    def count(rnd):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("positions:round_detail", args=[rnd.pk])).status_code == 200
        return len(ctx.captured_queries)

    assert count(few) == count(many)
    with django_assert_num_queries(ROUND_DETAIL_QUERIES):
        client.get(reverse("positions:round_detail", args=[many.pk]))


def test_round_detail_query_count_is_constant_while_pre_reviewing(client_for, hr_admin, tree, approved_plan):
    """Before review the page runs the live pre-review per applicant; its inputs are prefetched."""
    client = client_for(hr_admin)

    def applying_round(n):
        rnd = rsvc.round_create(
            actor=hr_admin, plan=approved_plan, title=f"申请{n}", as_of=dt.date(2012, 5, 1)
        )
        for i in range(n):
            rsvc.application_create(
                actor=hr_admin,
                round=rnd,
                person=_person(tree, f"申请人{n}-{i}", 9),
                line=_line(approved_plan, "科员"),
            )
        return rnd

    def count(rnd):
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(reverse("positions:round_detail", args=[rnd.pk])).content.decode()
        assert "首次聘用，现聘管理9级，按现聘等级聘用" in page
        return len(ctx.captured_queries)

    assert count(applying_round(2)) == count(applying_round(6))
