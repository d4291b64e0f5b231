"""Organiser and teller pages: who sees what, the whole round through the UI, list query count."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kaoping.ballots.models import Credential, EvaluationRound
from tests.ballots.conftest import issue, make_round, vote

pytestmark = pytest.mark.django_db


def _pages(rnd):
    return [
        reverse("ballots:index"),
        reverse("ballots:round_create"),
        reverse("ballots:round_detail", args=[rnd.pk]),
        reverse("ballots:round_progress", args=[rnd.pk]),
        reverse("ballots:credentials", args=[rnd.pk]),
        reverse("ballots:paper", args=[rnd.pk]),
    ]


def test_anonymous_is_sent_to_login(client):
    rnd = make_round()
    for url in [*_pages(rnd), reverse("ballots:results", args=[rnd.pk])]:
        r = client.get(url)
        assert r.status_code == 302 and "/login" in r["Location"], url


@pytest.mark.parametrize("who", ["no_role_user", "marker", "liaison"])
def test_users_without_a_ballots_role_get_404(request, client_for, who):
    rnd = make_round()
    client = client_for(request.getfixturevalue(who))
    for url in _pages(rnd):
        assert client.get(url).status_code == 404, url


def test_leader_views_but_cannot_manage(client_for, leader):
    rnd = make_round()
    client = client_for(leader)
    assert client.get(reverse("ballots:index")).status_code == 200
    assert client.get(reverse("ballots:round_detail", args=[rnd.pk])).status_code == 200
    assert client.get(reverse("ballots:round_create")).status_code == 404
    assert client.get(reverse("ballots:credentials", args=[rnd.pk])).status_code == 404
    assert client.post(reverse("ballots:round_close", args=[rnd.pk])).status_code == 404
    assert client.get(reverse("ballots:paper", args=[rnd.pk])).status_code == 404


def test_teller_enters_paper_only(client_for, teller):
    rnd = make_round()
    client = client_for(teller)
    assert client.get(reverse("ballots:paper", args=[rnd.pk])).status_code == 200
    assert client.get(reverse("ballots:index")).status_code == 200
    assert client.get(reverse("ballots:round_detail", args=[rnd.pk])).status_code == 404
    assert client.get(reverse("ballots:credentials", args=[rnd.pk])).status_code == 404


def test_results_exist_only_after_close(client_for, hr_admin):
    rnd = make_round()
    client = client_for(hr_admin)
    assert client.get(reverse("ballots:results", args=[rnd.pk])).status_code == 404
    assert client.get(reverse("ballots:results_export", args=[rnd.pk])).status_code == 404


def test_whole_round_through_the_ui(client_for, hr_admin, teller):
    client = client_for(hr_admin)
    r = client.post(
        reverse("ballots:round_create"),
        {
            "title": "处长竞岗民主测评",
            "preset_key": "seed000.ab",
            "participation_percent": "80",
            "min_group_size": "1",
        },
    )
    assert r.status_code == 302, r.content.decode()
    rnd = EvaluationRound.objects.get(title="处长竞岗民主测评")
    client.post(reverse("ballots:subject_add", args=[rnd.pk]), {"label": "张三"})
    client.post(reverse("ballots:subject_add", args=[rnd.pk]), {"label": "李四"})
    for g in rnd.groups.all():
        client.post(
            reverse("ballots:group_edit", args=[rnd.pk, g.pk]), {"eligible": "2", "paper_issued": "0"}
        )
    r = client.get(reverse("ballots:round_detail", args=[rnd.pk]))
    assert "张三" in r.content.decode() and "开始投票" in r.content.decode()
    client.post(reverse("ballots:round_open", args=[rnd.pk]))
    rnd.refresh_from_db()
    assert rnd.is_open
    r = client.post(reverse("ballots:credentials", args=[rnd.pk]), {"n_A": "2", "n_B": "2", "fmt": "docx"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")
    assert r["Cache-Control"] == "no-store"
    assert Credential.objects.filter(round=rnd).count() == 4
    r = client.post(reverse("ballots:credentials", args=[rnd.pk]), {"n_A": "1", "n_B": "0", "fmt": "pdf"})
    assert r.content[:4] == b"%PDF"
    codes = issue(rnd, {"A": 2, "B": 2})
    for code in codes["A"] + codes["B"]:
        vote(rnd, code, {"张三": "胜任", "李四": "基本胜任"})
    r = client.get(reverse("ballots:round_progress", args=[rnd.pk]))
    assert "hx-trigger" in r.content.decode()
    client.post(reverse("ballots:round_close", args=[rnd.pk]))
    rnd.refresh_from_db()
    assert rnd.is_closed
    r = client.get(reverse("ballots:results", args=[rnd.pk]))
    body = r.content.decode()
    assert r.status_code == 200 and "100.00" in body and "50.00" in body and "本次测评有效" in body
    r = client.get(reverse("ballots:results_export", args=[rnd.pk]))
    book = load_workbook(io.BytesIO(r.content))
    assert book.sheetnames[:2] == ["测评结果汇总表", "说明"]


def test_open_blocked_shows_the_issues(client_for, hr_admin):
    client = client_for(hr_admin)
    rnd = make_round(open_it=False, subjects=())
    r = client.post(reverse("ballots:round_open", args=[rnd.pk]), follow=True)
    assert "尚未添加测评对象" in r.content.decode()


def test_paper_counts_through_the_page(client_for, teller):
    rnd = make_round()
    g = rnd.groups.get(key="B")
    g.paper_issued = 5
    g.save()
    client = client_for(teller)
    s = {x.label: x.pk for x in rnd.subjects.all()}
    data = {"mode": "counts", "group": g.pk, "returned": "3", f"c{s['张三']}_overall_胜任": "3"}
    r = client.post(reverse("ballots:paper", args=[rnd.pk]), data)
    assert r.status_code == 302
    data[f"c{s['李四']}_overall_胜任"] = "4"
    r = client.post(reverse("ballots:paper", args=[rnd.pk]), data)
    assert r.status_code == 422 and "超过收回票数" in r.content.decode()


def test_list_search_and_pinned_query_count(client_for, hr_admin, django_assert_max_num_queries):
    for n in range(5):
        make_round(open_it=False, subjects=(f"对象{n}",))
    EvaluationRound.objects.filter(pk=EvaluationRound.objects.first().pk).update(title="年度班子测评")
    client = client_for(hr_admin)
    client.get(reverse("ballots:index"))
    with django_assert_max_num_queries(8):
        r = client.get(reverse("ballots:index"))
    assert r.content.decode().count("测试测评") == 4
    r = client.get(reverse("ballots:index"), {"q": "年度"})
    assert "年度班子测评" in r.content.decode() and "测试测评" not in r.content.decode()


def test_template_and_points_edited_while_draft(client_for, hr_admin):
    import json

    client = client_for(hr_admin)
    rnd = make_round(open_it=False)
    page = client.get(reverse("ballots:round_detail", args=[rnd.pk])).content.decode()
    assert "修改测评票模板" in page
    tpl = {
        "options": [{"name": "称职", "weight": "1"}, {"name": "不称职", "weight": "0"}],
        "items": [{"key": "overall", "label": "总体", "weight": "1"}],
    }
    client.post(reverse("ballots:round_template", args=[rnd.pk]), {"template": json.dumps(tpl)})
    rnd.refresh_from_db()
    assert [o["name"] for o in rnd.template["options"]] == ["称职", "不称职"]
    r = client.post(reverse("ballots:round_template", args=[rnd.pk]), {"template": "{bad"}, follow=True)
    assert "不是有效的 JSON" in r.content.decode()
    r = client.post(
        reverse("ballots:round_template", args=[rnd.pk]),
        {"template": json.dumps({"options": []})},
        follow=True,
    )
    assert "options" in r.content.decode()
    group = rnd.groups.get(key="A")
    client.post(reverse("ballots:group_edit", args=[rnd.pk, group.pk]), {"points": "30", "eligible": "8"})
    group.refresh_from_db()
    assert (str(group.points), group.eligible) == ("30.00", 8)


def test_paper_slip_through_the_page_burns_the_code(client_for, teller):
    rnd = make_round()
    code = issue(rnd, {"A": 1})["A"][0]
    s = {x.label: x.pk for x in rnd.subjects.all()}
    client = client_for(teller)
    data = {"mode": "slip", "code": code, f"s{s['张三']}_overall": "胜任", f"s{s['李四']}_overall": "不胜任"}
    r = client.post(reverse("ballots:paper", args=[rnd.pk]), data, follow=True)
    assert "其投票码已作废" in r.content.decode()
    r = client.post(reverse("ballots:paper", args=[rnd.pk]), data, follow=True)
    assert "已经使用过" in r.content.decode()
    cred = Credential.objects.get(round=rnd)
    assert cred.is_used and cred.is_burned_on_paper
