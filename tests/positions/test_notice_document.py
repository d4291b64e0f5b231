"""The appointment notice (聘用结果公示) lists exactly the appointed people with their posts and the notice
period, and is served only to those who may see the round."""

import datetime as dt
import io

import docx
from django.urls import reverse

from kaoping.org import services as org_services
from kaoping.positions import services
from kaoping.positions import services_appointment as svc
from tests.factories import make_person, make_user, rank


def _round_in_notice(plan, tree, hr_admin):
    services.plan_submit(actor=hr_admin, plan=plan)
    services.plan_approve(actor=hr_admin, plan=plan)
    rnd = svc.round_create(actor=hr_admin, plan=plan, title="2012年岗位聘用", as_of=dt.date(2012, 5, 1))
    clerk = plan.lines.get(name="科员")
    people = []
    for name in ("周一", "吴二", "郑三"):
        person = make_person(
            tree.institute, name, rank=rank("zhiyuan_9"), rank_start_date=dt.date(2005, 1, 1)
        )
        for year in (2009, 2010, 2011):
            org_services.history_add(
                actor=None, person=person, record_kind="result", year=year, grade="qualified"
            )
        people.append(svc.application_create(actor=hr_admin, round=rnd, person=person, line=clerk))
    svc.round_advance(actor=hr_admin, round=rnd, today=dt.date(2012, 5, 1))
    for a in people:
        svc.application_review(actor=hr_admin, application=a, qualified=True)
    svc.round_advance(actor=hr_admin, round=rnd, today=dt.date(2012, 5, 1))
    svc.application_decide(actor=hr_admin, application=people[0], appoint=True)
    svc.application_decide(actor=hr_admin, application=people[1], appoint=True)
    svc.application_decide(actor=hr_admin, application=people[2], appoint=False)
    svc.round_advance(actor=hr_admin, round=rnd, today=dt.date(2012, 5, 21))
    return rnd


def test_notice_lists_the_appointed_and_the_period(client_for, plan, tree, hr_admin):
    rnd = _round_in_notice(plan, tree, hr_admin)
    response = client_for(hr_admin).get(reverse("positions:notice_docx", args=[rnd.pk]))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["序号", "姓名", "现所在部门", "拟聘岗位", "岗位类别", "岗位等级"]
    assert rows[1:] == [
        ["1", "周一", "中国工运研究所", "科员", "管理岗位", "9级"],
        ["2", "吴二", "中国工运研究所", "科员", "管理岗位", "9级"],
    ]
    assert "中国工运研究所岗位聘用结果公示" in text
    assert "公示时间：2012-05-21 至 2012-05-27（7 个自然日）" in text


def test_notice_is_404_outside_the_users_scope(client_for, plan, tree, hr_admin):
    rnd = _round_in_notice(plan, tree, hr_admin)
    other = make_user("other-liaison", "liaison", unit=tree.office)
    url = reverse("positions:notice_docx", args=[rnd.pk])
    assert client_for(other).get(url).status_code == 404
