"""Campaign pages: list, create from the preset and by copy, detail with stepper and tabs, settings, the
scheme form (engine errors shown at the field, in Chinese), positions, counts and advancing (data-confirm).
RBAC for every page: anonymous → login, no role → 404, leader read-only, liaison sees but cannot manage."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kaoping.selection.models import Campaign, OfferedPosition
from tests.factories import make_user
from tests.selection.factories_campaign import add_position, at_stage, new_campaign

Stage = Campaign.Stage
pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(tree):
    c = new_campaign(doc_number="工组字[2011]369号")
    add_position(c, tree.office, "办公厅副主任", level="副局级")
    return c


def pages(c, position) -> list[str]:
    return [
        reverse("selection:index"),
        reverse("selection:campaign_detail", args=[c.pk]),
        reverse("selection:campaign_scheme", args=[c.pk]),
        reverse("selection:campaign_positions", args=[c.pk]),
        reverse("selection:campaign_counts", args=[c.pk]),
        reverse("selection:campaign_registrations", args=[c.pk]),
        reverse("selection:campaign_review", args=[c.pk]),
        reverse("selection:qualified_list", args=[c.pk]),
        reverse("selection:position_docx", args=[position.pk]),
        reverse("selection:qualified_docx", args=[c.pk]),
        reverse("selection:qualified_xlsx", args=[c.pk]),
    ]


MANAGE_PAGES = ("selection:campaign_create",)


def test_anonymous_redirected_to_login(client, campaign):
    for url in [*pages(campaign, campaign.positions.get()), reverse("selection:campaign_create")]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_no_role_gets_404(client_for, no_role_user, campaign):
    client = client_for(no_role_user)
    for url in [*pages(campaign, campaign.positions.get()), reverse("selection:campaign_create")]:
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("who", ["hr_admin", "leader", "liaison"])
def test_viewers_see_every_page(request, client_for, campaign, who):
    client = client_for(request.getfixturevalue(who))
    for url in pages(campaign, campaign.positions.get()):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["leader", "liaison"])
def test_only_organiser_manages(request, client_for, campaign, who):
    client = client_for(request.getfixturevalue(who))
    position = campaign.positions.get()
    assert client.get(reverse("selection:campaign_create")).status_code == 404
    assert client.get(reverse("selection:campaign_edit", args=[campaign.pk])).status_code == 404
    assert client.get(reverse("selection:position_create", args=[campaign.pk])).status_code == 404
    assert client.get(reverse("selection:position_edit", args=[position.pk])).status_code == 404
    assert (
        client.post(reverse("selection:campaign_advance", args=[campaign.pk]), {"confirm": "1"}).status_code
        == 404
    )
    response = client.post(
        reverse("selection:campaign_scheme", args=[campaign.pk]), {"mode": "json", "scheme_json": "{}"}
    )
    assert response.status_code == 404
    detail = client.get(reverse("selection:campaign_detail", args=[campaign.pk])).content.decode()
    assert "进入下一阶段</button>" not in detail


def test_detail_shows_stepper_tabs_and_confirm(client_for, hr_admin, campaign):
    html = client_for(hr_admin).get(reverse("selection:campaign_detail", args=[campaign.pk])).content.decode()
    assert 'id="campaign-stages"' in html and "资格审查" in html and "任前公示" in html
    assert 'id="campaign-tabs"' in html
    assert "data-confirm" in html and "进入“已发布”阶段" in html
    assert "工组字[2011]369号" in html


def test_list_search_and_pagination(client_for, hr_admin, tree, settings):
    settings.KAOPING_PAGE_SIZE = 2
    for i in range(3):
        new_campaign(title=f"甲{i}竞争上岗")
    new_campaign(title="乙竞争上岗")
    client = client_for(hr_admin)
    html = client.get(reverse("selection:index"), {"q": "乙"}).content.decode()
    assert "乙竞争上岗" in html and "甲0竞争上岗" not in html
    html = client.get(reverse("selection:index")).content.decode()
    assert "第 1 / 2 页" in html


def test_create_from_preset(client_for, hr_admin, tree):
    client = client_for(hr_admin)
    assert client.get(reverse("selection:campaign_create")).status_code == 200
    response = client.post(
        reverse("selection:campaign_create"),
        {
            "source": "selection.seed000",
            "title": "2012年竞争上岗",
            "doc_number": "工组字[2012]1号",
            "tenure_cutoff": "2012-09-30",
            "registration_opens": "2030-10-01T09:00",
            "registration_deadline": "2030-10-09T17:00",
            "evaluation_mode": "manual",
            "exam_mode": "manual",
            "interview_mode": "manual",
            "notice_working_days": "5",
        },
    )
    campaign = Campaign.objects.get(title="2012年竞争上岗")
    assert response.status_code == 302
    assert campaign.scheme["cutoffs"]["interview_top_n"] == 3
    assert campaign.tenure_cutoff == dt.date(2012, 9, 30)


def test_create_refuses_deadline_before_opening(client_for, hr_admin, tree):
    response = client_for(hr_admin).post(
        reverse("selection:campaign_create"),
        {
            "source": "selection.seed000",
            "title": "错误",
            "tenure_cutoff": "2012-09-30",
            "registration_opens": "2030-10-09T17:00",
            "registration_deadline": "2030-10-01T09:00",
            "evaluation_mode": "manual",
            "exam_mode": "manual",
            "interview_mode": "manual",
            "notice_working_days": "5",
        },
    )
    assert response.status_code == 422
    assert "报名截止时间应晚于报名开始时间" in response.content.decode()
    assert not Campaign.objects.filter(title="错误").exists()


def test_create_by_copy(client_for, hr_admin, campaign):
    response = client_for(hr_admin).post(
        reverse("selection:campaign_create"),
        {
            "source": "copy",
            "copy_from": campaign.pk,
            "title": "复制的竞争上岗",
            "tenure_cutoff": "2012-09-30",
            "registration_deadline": "2030-10-09T17:00",
            "evaluation_mode": "manual",
            "exam_mode": "manual",
            "interview_mode": "manual",
            "notice_working_days": "5",
        },
    )
    assert response.status_code == 302
    copy = Campaign.objects.get(title="复制的竞争上岗")
    assert copy.copied_from == campaign and copy.positions.count() == 1
    assert copy.tenure_cutoff == dt.date(2012, 9, 30)


def _scheme_post(form_overrides: dict) -> dict:
    data = {
        "mode": "numbers",
        "w_base": "20",
        "w_evaluation": "20",
        "w_exam": "30",
        "w_interview": "30",
        "ev_points_a": "40",
        "ev_points_b": "60",
        "participation_threshold": "80",
        "pass_mark": "60",
        "exam_max_0": "60",
        "exam_max_1": "40",
        "iv_max_0": "40",
        "iv_max_1": "60",
        "trim_k": "1",
        "min_registrants": "3",
        "max_changes": "1",
        "interview_top_n": "3",
        "inspection_top_n": "2",
        "tie_policy": "tie_break",
        "tie_break": "笔试、面试",
        "round_places": "2",
        "round_mode": "half_up",
    }
    data.update(form_overrides)
    return data


def test_scheme_numbers_saved(client_for, hr_admin, campaign):
    client = client_for(hr_admin)
    url = reverse("selection:campaign_scheme", args=[campaign.pk])
    response = client.post(url, _scheme_post({"w_base": "25", "w_interview": "25", "min_registrants": "4"}))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.scheme["weights"] == {
        "base": "0.25",
        "evaluation": "0.2",
        "exam": "0.3",
        "interview": "0.25",
    }
    assert campaign.scheme["registration"]["min_registrants"] == 4
    assert campaign.scheme["cutoffs"]["tie_policy"] == "tie_break"
    assert campaign.scheme["cutoffs"]["tie_break"] == ["exam", "interview"]
    assert campaign.scheme["eligibility"]["副局级"]  # the rest of the scheme is kept


def test_scheme_error_shown_at_field_in_chinese(client_for, hr_admin, campaign):
    client = client_for(hr_admin)
    url = reverse("selection:campaign_scheme", args=[campaign.pk])
    before = dict(campaign.scheme)
    response = client.post(url, _scheme_post({"w_base": "50"}))
    assert response.status_code == 422
    assert "各项权重之和应为 100%" in response.content.decode()
    response = client.post(url, _scheme_post({"inspection_top_n": "5"}))
    assert "考察人选数不能多于进入面试人数" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.scheme == before


def test_scheme_json_error_names_path(client_for, hr_admin, campaign):
    client = client_for(hr_admin)
    url = reverse("selection:campaign_scheme", args=[campaign.pk])
    bad = dict(campaign.scheme, eligibility={"副局级": [{"kind": "nonsense"}]})
    import json

    response = client.post(url, {"mode": "json", "scheme_json": json.dumps(bad, ensure_ascii=False)})
    assert response.status_code == 422
    html = response.content.decode()
    assert "eligibility.副局级[0].kind" in html and "未知的资格条件类型" in html
    response = client.post(url, {"mode": "json", "scheme_json": "{not json"})
    assert "JSON 格式错误" in response.content.decode()


def test_scheme_read_only_after_registration_opens(client_for, hr_admin, campaign):
    at_stage(campaign, Stage.REGISTRATION)
    client = client_for(hr_admin)
    url = reverse("selection:campaign_scheme", args=[campaign.pk])
    assert "报名开始后计分方案锁定" in client.get(url).content.decode()
    response = client.post(url, _scheme_post({}))
    assert response.status_code == 422 and "报名开始后计分方案不能再修改" in response.content.decode()


def test_position_create_and_text_only_edit(client_for, hr_admin, campaign, tree):
    client = client_for(hr_admin)
    response = client.post(
        reverse("selection:position_create", args=[campaign.pk]),
        {
            "order": "2",
            "title": "宣传教育部副部长",
            "unit": tree.office.pk,
            "level": "副局级",
            "kind": "agency",
            "extra_rule_lists": "",
            "duties": "协助部长工作\n\n组织实施分管工作",
            "standards": "工作积极主动",
            "requirements": "",
        },
    )
    assert response.status_code == 302
    position = OfferedPosition.objects.get(title="宣传教育部副部长")
    assert position.duties == ["协助部长工作", "组织实施分管工作"]
    at_stage(campaign, Stage.PUBLISHED)
    response = client.post(
        reverse("selection:position_edit", args=[position.pk]),
        {
            "title": "改名",
            "level": "正处级",
            "duties": "新职责",
            "standards": "新标准",
            "requirements": "本科以上",
        },
    )
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.title == "宣传教育部副部长" and position.level == "副局级"
    assert position.duties == ["新职责"] and position.requirements == "本科以上"


def test_advance_from_page_and_blocked(client_for, hr_admin, tree):
    client = client_for(hr_admin)
    empty = new_campaign()
    response = client.post(reverse("selection:campaign_advance", args=[empty.pk]), {"confirm": "1"})
    assert response.status_code == 409 and "尚未设置竞争职位" in response.content.decode()
    ok = new_campaign()
    add_position(ok, tree.office)
    client.post(reverse("selection:campaign_advance", args=[ok.pk]))  # no confirmation: refused
    ok.refresh_from_db()
    assert ok.stage == Stage.DRAFT
    client.post(reverse("selection:campaign_advance", args=[ok.pk]), {"confirm": "1"})
    ok.refresh_from_db()
    assert ok.stage == Stage.PUBLISHED


def test_counts_page_hidden_until_published(client_for, liaison, hr_admin, campaign):
    at_stage(campaign, Stage.REGISTRATION)
    url = reverse("selection:campaign_counts", args=[campaign.pk])
    assert "尚未发布" in client_for(liaison).get(url).content.decode()
    client = client_for(hr_admin)
    assert 'id="counts-publish"' in client.get(url).content.decode()
    client.post(reverse("selection:counts_publish", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.counts_published_at is not None
    assert 'id="counts-table"' in client_for(liaison).get(url).content.decode()


def test_campaign_list_query_count_pinned(client_for, hr_admin, tree, django_assert_max_num_queries):
    for i in range(12):
        c = new_campaign(title=f"竞争上岗{i}")
        add_position(c, tree.office)
    client = client_for(hr_admin)
    client.get(reverse("selection:index"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("selection:index"))
    assert response.status_code == 200


def test_leader_may_not_open_a_draft_scheme_editor(client_for, leader, campaign):
    html = client_for(leader).get(reverse("selection:campaign_scheme", args=[campaign.pk])).content.decode()
    assert "保存主要参数" not in html


def test_other_user_roles(client_for, tree):
    marker = make_user("m2", "marker")
    assert client_for(marker).get(reverse("selection:index")).status_code == 404


def test_organiser_edit_pages(client_for, hr_admin, campaign):
    client = client_for(hr_admin)
    position = campaign.positions.get()
    assert client.get(reverse("selection:campaign_edit", args=[campaign.pk])).status_code == 200
    assert client.get(reverse("selection:position_create", args=[campaign.pk])).status_code == 200
    assert client.get(reverse("selection:position_edit", args=[position.pk])).status_code == 200


def test_cutoff_frozen_once_registration_opens(client_for, hr_admin, campaign):
    at_stage(campaign, Stage.REGISTRATION)
    response = client_for(hr_admin).post(
        reverse("selection:campaign_edit", args=[campaign.pk]),
        {
            "title": campaign.title,
            "doc_number": "",
            "tenure_cutoff": "2012-09-30",
            "registration_deadline": "2031-10-09T17:00",
            "evaluation_mode": "manual",
            "exam_mode": "manual",
            "interview_mode": "manual",
            "notice_working_days": "5",
        },
    )
    assert response.status_code == 422 and "任职年限计算截止日期不能再修改" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.tenure_cutoff == dt.date(2011, 9, 30)
