"""The pages' forms call the services: set-up, counts, cadre inputs, flags (with evidence), notice and
confirmation, related assessments; bad input comes back in Chinese and saves nothing. The list page's
query count is pinned."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kaoping.annual import services_grading as gsvc
from kaoping.annual.models import AnnualRound, Cadre, DemocraticTally, Flag, Probation
from tests.annual import builders as b
from tests.factories import make_person


def test_create_round_and_set_it_up(client_for, hr_admin, tree):
    client = client_for(hr_admin)
    response = client.post(
        reverse("annual:round_create"),
        {"year": 2011, "title": "2011年度考核", "unit": tree.root.pk, "grade_set": "civil_servant"},
    )
    rnd = AnnualRound.objects.get(title="2011年度考核")
    assert response.status_code == 302 and rnd.team_types.count() == 3
    farm = rnd.team_types.get(kind="farm")
    client.post(
        reverse("annual:setup_add", args=[rnd.pk, "team"]), {"unit": tree.office.pk, "team_type": farm.pk}
    )
    team = rnd.teams.get()
    client.post(
        reverse("annual:setup_add", args=[rnd.pk, "item"]),
        {
            "team_type": farm.pk,
            "name": "组织建设",
            "points": "70",
            "responsible_unit": tree.org_dept.pk,
            "order": 0,
        },
    )
    person = make_person(tree.office)
    client.post(
        reverse("annual:setup_add", args=[rnd.pk, "cadre"]),
        {"person": person.pk, "role": "head", "team": team.pk},
    )
    assert Cadre.objects.get(round=rnd).team == team
    page = client.get(reverse("annual:setup", args=[rnd.pk])).content.decode()
    assert "组织建设" in page and person.name in page
    assert "团场 70.00" in page


def test_counts_form_validates_and_saves(client_for, hr_admin, scored_round):
    client = client_for(hr_admin)
    team = scored_round.teams.get(unit__name="研究院")
    url = reverse("annual:counts_save", args=[scored_round.pk])
    response = client.post(url, {"subject": f"team:{team.pk}", "tally": "main", "opt-好": "x"}, follow=True)
    assert "非负整数" in response.content.decode()
    client.post(url, {"subject": f"team:{team.pk}", "tally": "main", "opt-好": "12", "opt-较好": "3"})
    assert DemocraticTally.objects.get(team=team, tally="main").counts == {
        "好": 12,
        "较好": 3,
        "一般": 0,
        "差": 0,
    }


def test_flag_with_evidence_and_wrong_subject_kind(client_for, hr_admin, liaison, scored_round):
    client = client_for(hr_admin)
    team = scored_round.teams.first()
    url = reverse("annual:flag_add", args=[scored_round.pk])
    evidence = SimpleUploadedFile("通报.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    client.post(
        url, {"subject": f"team:{team.pk}", "name": "一票否决", "note": "安全事故", "evidence": evidence}
    )
    flag = Flag.objects.get(team=team)
    assert flag.evidence.name.endswith(".pdf")
    download = client.get(reverse("annual:flag_evidence", args=[flag.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 demo"
    assert (
        reverse("annual:flag_evidence", args=[flag.pk])
        in client.get(reverse("annual:flags", args=[scored_round.pk])).content.decode()
    )
    response = client.post(
        url, {"subject": f"team:{team.pk}", "name": "违反政治纪律", "note": "x"}, follow=True
    )
    assert "考核规则中没有" in response.content.decode()
    assert client_for(liaison).get(reverse("annual:flag_evidence", args=[flag.pk])).status_code == 404
    client = client_for(hr_admin)
    client.post(reverse("annual:flag_remove", args=[flag.pk]), {"reason": "复核撤销"})
    assert not Flag.objects.filter(pk=flag.pk).exists()


def test_cadre_inputs_form(client_for, hr_admin, scored_round):
    deputy = scored_round.cadres.filter(role="deputy").first()
    client_for(hr_admin).post(reverse("annual:cadre_input_save", args=[deputy.pk]), {"leader_score": "28.5"})
    deputy.refresh_from_db()
    assert str(deputy.leader_score) == "28.50"


def test_notice_and_confirm_through_the_pages(client_for, hr_admin, leader, scored_round, monkeypatch):
    gsvc.round_advance(actor=hr_admin, round=scored_round)
    gsvc.proposals_accept(actor=leader, round=scored_round)
    hr = client_for(hr_admin)
    hr.post(reverse("annual:notice_publish", args=[scored_round.pk]), {"start_date": "2011-12-01"})
    page = hr.get(reverse("annual:notice", args=[scored_round.pk])).content.decode()
    assert "2011-12-01 至 2011-12-07（5 个工作日" in page
    docx = hr.get(reverse("annual:notice_docx", args=[scored_round.pk]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2011, 12, 8))
    response = client_for(leader).post(reverse("annual:round_confirm", args=[scored_round.pk]))
    assert response.status_code == 302
    scored_round.refresh_from_db()
    assert scored_round.stage == AnnualRound.Stage.CONFIRMED
    results = client_for(leader).get(reverse("annual:results", args=[scored_round.pk])).content.decode()
    assert "已写入" in results


def test_related_page_forms(client_for, hr_admin, scored_round, tree):
    client = client_for(hr_admin)
    person = make_person(tree.office)
    client.post(
        reverse("annual:related_add", args=[scored_round.pk, "probation"]),
        {"person": person.pk, "post_title": "副处长", "start_date": "2010-12-01"},
    )
    probation = Probation.objects.get(person=person)
    client.post(reverse("annual:related_decide", args=["probation", probation.pk]), {"result": "合格"})
    probation.refresh_from_db()
    assert "正式任职" in probation.outcome
    page = client.get(reverse("annual:related", args=[scored_round.pk])).content.decode()
    assert "正式任职" in page


def test_round_list_query_count_is_pinned(client_for, hr_admin, tree):
    for year in range(2001, 2016):
        b.make_round(tree.root, year=year)
    client = client_for(hr_admin)
    client.get(reverse("annual:index"))  # warm caches (session, grants)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("annual:index"), {"q": "20"})
    assert response.status_code == 200
    assert len(ctx.captured_queries) <= 10, [q["sql"] for q in ctx.captured_queries]
    assert response.content.decode().count("年度综合考核</a></td>") == 15


def test_proposals_page_query_count_does_not_grow(client_for, hr_admin, tree):
    rnd = b.single_item_round(tree)

    def grow(n):
        AnnualRound.objects.filter(pk=rnd.pk).update(stage="setup")
        rnd.refresh_from_db()
        for _ in range(n):
            team = b.scored_team(rnd, tree.root, "affiliated", "60")
            b.voted_cadre(rnd, role="deputy", team=team, leader_score=20)
        AnnualRound.objects.filter(pk=rnd.pk).update(stage="grading")
        rnd.refresh_from_db()
        gsvc.proposals_compute(actor=hr_admin, round=rnd)

    client = client_for(hr_admin)
    url = reverse("annual:proposals", args=[rnd.pk])
    grow(1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(3)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_RP_06_commended_unit_gets_the_higher_quota(client_for, hr_admin, tree):
    """RP-06: 事业单位 优秀 20 % by default, 25 % for a commended unit (chosen on the settings form)."""
    from kaoping.annual import adapters as ad
    from kaoping.annual import services as svc
    from kaoping.annual.services_grading import compute

    rnd = b.single_item_round(tree, grade_set="institution")
    team = b.scored_team(rnd, tree.root, "affiliated", "60")
    cadres = [
        b.voted_cadre(rnd, role="deputy", team=team, leader_score=30 - i, votes={"优秀": 10})
        for i in range(8)
    ]
    for c in cadres:
        svc.flag_add(actor=None, round=rnd, cadre=c, name="推荐优秀", note="单位推荐")

    def excellent():
        computed, _ = compute(rnd)
        return sum(computed[ad.cadre_key(c)][1].grade == "优秀" for c in cadres)

    assert excellent() == 1  # 20 % × 8 = 1.6 → 1
    response = client_for(hr_admin).post(
        reverse("annual:round_settings", args=[rnd.pk]),
        {"title": rnd.title, "notice_working_days": 5, "commended": [team.unit_id]},
    )
    assert response.status_code == 302
    rnd.refresh_from_db()
    assert rnd.quota_variants == {str(team.unit_id): "commended"}
    assert excellent() == 2  # 25 % × 8 = 2


def test_setup_remove_only_while_preparing(client_for, hr_admin, tree):
    rnd = b.make_round(tree.root)
    team = b.add_team(rnd, tree.root, "farm")
    cadre = b.add_cadre(rnd, role="head", team=team)
    client = client_for(hr_admin)
    response = client.post(reverse("annual:setup_remove", args=[rnd.pk, "team", team.pk]), follow=True)
    assert "请先移除该班子的干部" in response.content.decode()
    client.post(reverse("annual:setup_remove", args=[rnd.pk, "cadre", cadre.pk]))
    client.post(reverse("annual:setup_remove", args=[rnd.pk, "team", team.pk]))
    assert not rnd.teams.exists() and not rnd.cadres.exists()


def test_leader_reads_every_sub_item_without_inputs(client_for, leader, scored_round):
    page = client_for(leader).get(reverse("annual:sub_items", args=[scored_round.pk])).content.decode()
    assert "组织建设考核" in page and "履行职责" in page
    assert "保存本项得分" not in page


def test_proposals_filter_open_and_search(client_for, hr_admin, leader, scored_round):
    gsvc.round_advance(actor=hr_admin, round=scored_round)
    from kaoping.annual.models import Proposal

    decided = Proposal.objects.filter(cadre__isnull=False).first()
    gsvc.proposal_decide(actor=leader, proposal=decided, grade="基本称职", reason="研究确定")
    client = client_for(leader)
    url = reverse("annual:proposals", args=[scored_round.pk])
    open_page = client.get(url, {"show": "open"}).content.decode()
    assert f'id="p{decided.pk}"' not in open_page
    changed = client.get(url, {"show": "changed"}).content.decode()
    assert f'id="p{decided.pk}"' in changed and changed.count('<tr id="p') == 1
    found = client.get(url, {"q": "研究院"}).content.decode()
    assert found.count('<tr id="p') == 1


def test_round_page_summarises_the_proposals(client_for, hr_admin, scored_round):
    gsvc.round_advance(actor=hr_admin, round=scored_round)
    page = client_for(hr_admin).get(reverse("annual:round_detail", args=[scored_round.pk])).content.decode()
    assert "建议等次：" in page and "尚未确定 6" in page
