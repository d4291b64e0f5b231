"""The organiser's flows through the pages: exam (create → candidates → draws → markers → marking →
correction → close → key → results) and interview (create → panels → candidates → draw → scoring → results)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaoping.accounts.roles import Role
from kaoping.common.models import AuditEntry
from kaoping.marking.models import Draw, Interview, Mark, PanelMember, WrittenExam
from tests.factories import make_person, make_user

pytestmark = pytest.mark.django_db


def _post(c, name, *args, data=None, follow=False):
    return c.post(reverse(f"marking:{name}", args=args), data or {}, follow=follow)


def test_exam_flow_through_the_pages(client, hr_admin, tree):
    c = client
    c.force_login(hr_admin)
    r = _post(c, "exam_list", data={"title": "处长竞岗笔试", "marking_mode": "1评", "external_ref": ""})
    exam = WrittenExam.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("marking:exam_detail", args=[exam.pk])
    bad = _post(c, "exam_list", data={"title": "", "marking_mode": "9评"})
    assert bad.status_code == 200 and WrittenExam.objects.count() == 1
    people = [make_person(tree.office, name=n) for n in ("甲一", "乙二", "丙三")]
    for p in people:
        _post(c, "exam_candidate_add", exam.pk, data={"person": p.pk})
    item = exam.items.get(key="case")
    _post(
        c,
        "exam_item_update",
        exam.pk,
        item.pk,
        data={
            f"i{item.pk}-max_score": "60",
            f"i{item.pk}-tolerance": "5",
            f"i{item.pk}-tolerance_kind": "percent",
        },
    )
    item.refresh_from_db()
    assert (item.tolerance, item.tolerance_kind) == (5, "percent")
    for kind in ("exam_seats", "exam_codes"):
        r = _post(c, "exam_draw", exam.pk, kind)
        draw = Draw.objects.get(kind=kind)
        assert r["Location"] == reverse("marking:draw_detail", args=[draw.pk])
        page = c.get(r["Location"]).content.decode()
        assert draw.commitment in page and draw.secret_seed not in page
        _post(c, "exam_draw", exam.pk, kind, data={"step": "perform"})
    code_page = c.get(
        reverse("marking:draw_detail", args=[Draw.objects.get(kind="exam_codes").pk])
    ).content.decode()
    assert "M0001" not in code_page  # the code draw stays sealed
    marker = make_user("m1", Role.MARKER)
    _post(c, "exam_assign", exam.pk, data={"user": marker.pk, "item": "", "role": "marker"})
    r = _post(c, "exam_transition", exam.pk, "start", follow=True)
    exam.refresh_from_db()
    assert exam.status == "marking"
    # the marker marks through the tablet page
    m = client.__class__()
    m.force_login(marker)
    codes = list(exam.candidates.values_list("blind_code", flat=True))
    for code in codes:
        for it in exam.items.all():
            _post(m, "marker_submit", exam.pk, data={"code": code, "item": it.pk, "value": "30"})
    assert Mark.objects.count() == 6
    # a wrong value keeps nothing and says why
    mark = Mark.objects.first()
    r = _post(c, "mark_unlock", mark.pk, data={"reason": "笔误"})
    assert Mark.objects.get(pk=mark.pk).is_superseded
    r = _post(
        m,
        "marker_submit",
        exam.pk,
        data={"code": mark.candidate.blind_code, "item": mark.item_id, "value": "99"},
        follow=True,
    )
    assert "0 至" in r.content.decode()
    _post(
        m,
        "marker_submit",
        exam.pk,
        data={"code": mark.candidate.blind_code, "item": mark.item_id, "value": "31"},
    )
    _post(c, "exam_transition", exam.pk, "close")
    _post(c, "exam_transition", exam.pk, "open_key")
    exam.refresh_from_db()
    assert exam.status == "key_opened"
    page = c.get(reverse("marking:exam_results", args=[exam.pk])).content.decode()
    assert all(p.name in page for p in people) and "61.00" in page and "60.00" in page
    assert AuditEntry.objects.filter(note__contains="拆封密号").exists()


def test_interview_flow_through_the_pages(client, hr_admin, tree):
    c = client
    c.force_login(hr_admin)
    _post(c, "interview_list", data={"title": "处长竞岗面试", "trim_k": "1"})
    interview = Interview.objects.get()
    _post(c, "panel_add", interview.pk, data={"name": "第一组"})
    panel = interview.panels.get()
    roles = ["chief", "outside"] + ["regular"] * 5
    examiners = []
    for i, role in enumerate(roles):
        u = make_user(f"ex{i}", Role.EXAMINER)
        examiners.append(u)
        _post(c, "member_add", panel.pk, data={"user": u.pk, "role": role})
    assert panel.members.count() == 7
    person = make_person(tree.office, name="丁四")
    _post(
        c, "interview_candidate_add", interview.pk, data={"panel": panel.pk, "person": person.pk, "group": ""}
    )
    _post(c, "panel_draw", panel.pk)
    _post(c, "panel_draw", panel.pk, data={"step": "perform"})
    _post(c, "interview_transition", interview.pk, "start")
    interview.refresh_from_db()
    assert interview.status == "scoring"
    cand = interview.candidates.get()
    e = client.__class__()
    for u in examiners:
        e.force_login(u)
        member = PanelMember.objects.get(user=u)
        assert e.get(reverse("marking:examiner_home")).status_code == 200
        _post(e, "examiner_entry", member.pk, cand.pk, data={"statement": "32", "answers": "48"})
    chief = PanelMember.objects.get(role="chief")
    e.force_login(examiners[0])
    _post(e, "examiner_confirm", chief.pk, cand.pk)
    _post(c, "interview_transition", interview.pk, "close")
    interview.refresh_from_db()
    assert interview.status == "closed"
    page = c.get(reverse("marking:interview_results", args=[interview.pk])).content.decode()
    assert "80.00" in page and "丁四" in page


def test_custom_items_and_elements_from_the_create_forms(client, hr_admin):
    """RP-04 per-item tolerances and RP-01 elements are data the organiser types in."""
    client.force_login(hr_admin)
    r = _post(
        client, "exam_list", data={"title": "笔试", "marking_mode": "2+1", "items": "案例一,30,3\n写作,40"}
    )
    exam = WrittenExam.objects.get()
    assert [(i.label, i.max_score, i.tolerance) for i in exam.items.all()] == [
        ("案例一", 30, 3),
        ("写作", 40, 0),
    ]
    r = _post(client, "exam_list", data={"title": "笔试2", "marking_mode": "1评", "items": "案例一"})
    assert "第1行格式应为" in r.content.decode() and WrittenExam.objects.count() == 1
    r = _post(client, "exam_list", data={"title": "笔试3", "marking_mode": "1评", "items": "案例一,-5"})
    assert WrittenExam.objects.count() == 1 and r.status_code == 200
    _post(
        client,
        "interview_list",
        data={
            "title": "面试",
            "trim_k": "1",
            "per_element": "on",
            "parts": "综合分析能力,20\n语言表达能力,20",
        },
    )
    interview = Interview.objects.get()
    assert interview.per_element
    assert [(p.label, p.max_score) for p in interview.parts.all()] == [
        ("综合分析能力", 20),
        ("语言表达能力", 20),
    ]


def test_interview_candidate_removed_through_the_page_before_the_draw(client, hr_admin, tree):
    from kaoping.marking import services_interview as si

    client.force_login(hr_admin)
    interview = si.interview_create(actor=hr_admin, title="面试")
    panel = si.panel_create(actor=hr_admin, interview=interview, name="一组")
    cand = si.interview_candidate_add(
        actor=hr_admin, interview=interview, panel=panel, person=make_person(tree.office, name="误加")
    )
    _post(client, "interview_candidate_remove", interview.pk, cand.pk)
    assert not interview.candidates.exists()
