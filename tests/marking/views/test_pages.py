"""Pages: anonymous → login, wrong role → 404, right role → 200; examiner RBAC; query counts pinned."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from kaoping.marking import services_interview as si
from kaoping.marking.models import Draw, InterviewMark

pytestmark = pytest.mark.django_db

ORGANISER_PAGES = ["exam_list", "interview_list", "draw_verify"]


def test_anonymous_is_sent_to_login(client, exam_setup):
    for url in (
        reverse("marking:index"),
        reverse("marking:exam_list"),
        reverse("marking:exam_detail", args=[exam_setup.exam.pk]),
        reverse("marking:marker_exam", args=[exam_setup.exam.pk]),
        reverse("marking:examiner_home"),
    ):
        r = client.get(url)
        assert r.status_code == 302 and "login" in r["Location"], url


def test_organiser_pages(client_for, hr_admin, exam_setup, interview_setup):
    c = client_for(hr_admin)
    assert c.get(reverse("marking:index")).status_code == 302
    exam, interview = exam_setup.exam, interview_setup.interview
    for url in (
        reverse("marking:exam_list") + "?q=笔试",
        reverse("marking:exam_detail", args=[exam.pk]),
        reverse("marking:exam_marks", args=[exam.pk]),
        reverse("marking:exam_results", args=[exam.pk]),
        reverse("marking:interview_list"),
        reverse("marking:interview_detail", args=[interview.pk]),
        reverse("marking:interview_results", args=[interview.pk]),
        reverse("marking:draw_verify"),
        *[reverse("marking:draw_detail", args=[d.pk]) for d in Draw.objects.all()],
    ):
        r = c.get(url)
        assert r.status_code == 200, url
    detail = c.get(reverse("marking:exam_detail", args=[exam.pk])).content.decode()
    assert exam_setup.people[0].name in detail  # the organiser sees who sits the exam …
    for cand in exam_setup.candidates:
        assert cand.blind_code not in detail  # … but not the sealed codes
    labels = c.get(reverse("marking:exam_code_labels", args=[exam.pk]))
    assert labels.status_code == 200
    rows = Document(io.BytesIO(labels.content)).tables[0].rows
    assert len(rows) == 1 + len(exam_setup.candidates)


def test_exam_list_query_count_pinned(client_for, hr_admin, tree, django_assert_max_num_queries):
    from kaoping.marking import services

    for n in range(12):
        services.exam_create(actor=hr_admin, title=f"笔试{n}")
    c = client_for(hr_admin)
    with django_assert_max_num_queries(12):
        assert c.get(reverse("marking:exam_list")).status_code == 200


def test_wrong_roles_get_404(client_for, liaison, leader, marker, exam_setup, interview_setup):
    exam = exam_setup.exam
    for user in (liaison, leader, marker):
        c = client_for(user)
        for url in (
            reverse("marking:exam_list"),
            reverse("marking:exam_detail", args=[exam.pk]),
            reverse("marking:interview_detail", args=[interview_setup.interview.pk]),
            reverse("marking:examiner_home"),
        ):
            assert c.get(url).status_code == 404, (user, url)
    # a marker not assigned to this exam cannot open it
    assert client_for(marker).get(reverse("marking:marker_exam", args=[exam.pk])).status_code == 404
    assert client_for(marker).get(f"/api/marking/marker/exams/{exam.pk}/queue").status_code == 404


def test_marker_does_not_see_unassigned_items(client_for, hr_admin, tree):
    from tests.marking.conftest import build_exam

    setup = build_exam(hr_admin, tree, per_item=True)
    from kaoping.marking import services

    services.marker_assign(actor=hr_admin, exam=setup.exam, user=setup.markers[2], item=setup.items["essay"])
    services.exam_start_marking(actor=hr_admin, exam=setup.exam)
    c = client_for(setup.markers[0])
    rows = c.get(f"/api/marking/marker/exams/{setup.exam.pk}/queue").json()
    assert {r["item_key"] for r in rows} == {"case"}
    r = c.post(
        f"/api/marking/marker/exams/{setup.exam.pk}/marks",
        {"code": setup.candidates[0].blind_code, "item_id": setup.items["essay"].pk, "value": "20"},
        content_type="application/json",
    )
    assert r.status_code == 403


def test_examiner_sees_only_their_panel(client_for, hr_admin, interview_setup):
    setup = interview_setup
    si.interview_start(actor=hr_admin, interview=setup.interview)
    ex = setup.members[0][3]
    member = ex_member = setup.panels[0].members.get(user=ex)
    other_panel_cand = next(c for c in setup.candidates if c.panel_id == setup.panels[1].pk)
    own_cand = next(c for c in setup.candidates if c.panel_id == setup.panels[0].pk)
    c = client_for(ex)
    page = c.get(reverse("marking:examiner_panel", args=[member.pk])).content.decode()
    assert own_cand.person.name in page
    assert other_panel_cand.person.name not in page
    assert c.get(reverse("marking:examiner_entry", args=[member.pk, other_panel_cand.pk])).status_code == 404
    other_member = setup.panels[1].members.first()
    assert c.get(reverse("marking:examiner_panel", args=[other_member.pk])).status_code == 404
    api = c.get(f"/api/marking/examiner/panels/{ex_member.pk}").json()
    assert {x["id"] for x in api["candidates"]} == {
        x.pk for x in setup.candidates if x.panel_id == setup.panels[0].pk
    }
    r = c.post(
        f"/api/marking/examiner/panels/{member.pk}/marks",
        {"candidate_id": other_panel_cand.pk, "values": {"statement": "30", "answers": "50"}},
        content_type="application/json",
    )
    assert r.status_code == 404
    # entry through the page, then the score sheet shows exactly the stored values
    r = c.post(
        reverse("marking:examiner_entry", args=[member.pk, own_cand.pk]),
        {"statement": "35.5", "answers": "61"},
    )
    assert "0 至 60.00" in r.content.decode()
    assert not InterviewMark.objects.exists()
    r = c.post(
        reverse("marking:examiner_entry", args=[member.pk, own_cand.pk]),
        {"statement": "35.5", "answers": "49.5"},
    )
    assert r.status_code == 302
    sheet = c.get(reverse("marking:examiner_score_sheet", args=[member.pk]))
    rows = [[cell.text for cell in row.cells] for row in Document(io.BytesIO(sheet.content)).tables[0].rows]
    row = next(r for r in rows if r[1] == own_cand.person.name)
    assert row[2:5] == ["35.50", "49.50", "85.00"]
    pdf = c.get(reverse("marking:examiner_score_sheet_pdf", args=[member.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_chief_confirms_on_the_panel_page(client_for, hr_admin, interview_setup):
    setup = interview_setup
    si.interview_start(actor=hr_admin, interview=setup.interview)
    cand = next(c for c in setup.candidates if c.panel_id == setup.panels[0].pk)
    for u in setup.members[0][1:]:
        si.interview_mark_submit(actor=u, candidate=cand, values={"statement": "30", "answers": "50"})
    chief = setup.members[0][0]
    member = setup.panels[0].members.get(user=chief)
    c = client_for(chief)
    page = c.get(reverse("marking:examiner_panel", args=[member.pk])).content.decode()
    assert "80.00" in page and "R000-20" in page
    r = c.post(reverse("marking:examiner_confirm", args=[member.pk, cand.pk]))
    assert r.status_code == 302
    cand.refresh_from_db()
    assert cand.confirmed_by == chief


def test_interview_list_query_count_pinned(client_for, hr_admin, django_assert_max_num_queries):
    for n in range(12):
        si.interview_create(actor=hr_admin, title=f"面试{n}")
    c = client_for(hr_admin)
    with django_assert_max_num_queries(12):
        r = c.get(reverse("marking:interview_list") + "?q=面试")
    assert r.status_code == 200 and "面试11" in r.content.decode()


@pytest.mark.parametrize("papers", [2, 8])
def test_marker_page_query_count_does_not_grow_with_papers(
    client_for, hr_admin, tree, papers, django_assert_max_num_queries
):
    from kaoping.marking import services
    from tests.marking.conftest import build_exam

    setup = build_exam(hr_admin, tree, n=papers)
    services.exam_start_marking(actor=hr_admin, exam=setup.exam)
    c = client_for(setup.markers[0])
    with django_assert_max_num_queries(16):
        r = c.get(reverse("marking:marker_exam", args=[setup.exam.pk]) + "?show=all")
    assert r.status_code == 200
