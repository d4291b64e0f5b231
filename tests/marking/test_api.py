"""The marking API: organiser lists and results, marker queue and submission, examiner panel and marks."""

from __future__ import annotations

import pytest

from kaoping.marking import services, services_close
from kaoping.marking import services_interview as si

pytestmark = pytest.mark.django_db


def test_organiser_exam_endpoints_and_sealed_results(client_for, hr_admin, exam_setup):
    c = client_for(hr_admin)
    page = c.get("/api/marking/exams?q=笔试").json()
    assert page["count"] == 1 and [i["key"] for i in page["items"][0]["items"]] == ["case", "essay"]
    exam = exam_setup.exam
    assert c.get(f"/api/marking/exams/{exam.pk}").json()["marking_mode"] == "1评"
    res = c.get(f"/api/marking/exams/{exam.pk}/results").json()
    assert res == {"is_final": False, "reasons": ["阅卷尚未结束。", "密号尚未拆封。"], "scores": []}
    services.exam_start_marking(actor=hr_admin, exam=exam)
    for cand in exam_setup.candidates:
        for it in exam_setup.items.values():
            for m in exam_setup.markers[:2]:
                services.mark_submit(actor=m, exam=exam, candidate=cand, item=it, value="20.5")
    services_close.exam_close(actor=hr_admin, exam=exam)
    services_close.exam_open_key(actor=hr_admin, exam=exam)
    res = c.get(f"/api/marking/exams/{exam.pk}/results").json()
    assert res["is_final"] and {s["score"] for s in res["scores"]} == {"41.00"}
    assert {s["external_ref"] for s in res["scores"]} == {"R0", "R1", "R2", "R3"}
    assert "案例分析 20.50" in res["scores"][0]["explanation"]


def test_marker_api_validates_in_chinese(client_for, hr_admin, exam_setup):
    exam = exam_setup.exam
    services.exam_start_marking(actor=hr_admin, exam=exam)
    c = client_for(exam_setup.markers[0])
    code = exam_setup.candidates[0].blind_code
    r = c.post(
        f"/api/marking/marker/exams/{exam.pk}/marks",
        {"code": code, "item_id": exam_setup.items["essay"].pk, "value": "40.5"},
        content_type="application/json",
    )
    assert r.status_code == 422 and "0 至 40.00" in r.json()["detail"][0]["message"]
    r = c.post(
        f"/api/marking/marker/exams/{exam.pk}/marks",
        {"code": code, "item_id": exam_setup.items["essay"].pk, "value": "35"},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json() == {
        "code": code,
        "item_key": "essay",
        "value": "35.00",
        "kind": "regular",
        "round": 1,
    }
    r = c.post(
        f"/api/marking/marker/exams/{exam.pk}/marks",
        {"code": "NOPE", "item_id": exam_setup.items["essay"].pk, "value": "35"},
        content_type="application/json",
    )
    assert r.status_code == 404
    queue = c.get(f"/api/marking/marker/exams/{exam.pk}/queue?todo=true").json()
    assert len(queue) == 2 * len(exam_setup.candidates) - 1
    assert set(queue[0]) == {
        "code",
        "item_id",
        "item_key",
        "item_label",
        "max_score",
        "my_value",
        "needs_me",
        "role",
    }


def test_examiner_and_organiser_interview_endpoints(client_for, hr_admin, interview_setup):
    setup = interview_setup
    si.interview_start(actor=hr_admin, interview=setup.interview)
    user = setup.members[0][2]
    c = client_for(user)
    [panel] = c.get("/api/marking/examiner/panels").json()
    assert panel["panel"] == "第1考官组" and panel["role"] == "regular"
    detail = c.get(f"/api/marking/examiner/panels/{panel['member_id']}").json()
    cand = detail["candidates"][0]
    r = c.post(
        f"/api/marking/examiner/panels/{panel['member_id']}/marks",
        {"candidate_id": cand["id"], "values": {"statement": "33.5", "answers": "50"}},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["total"] == "83.50"
    assert c.get("/api/marking/interviews").status_code == 403
    org = client_for(hr_admin)
    res = org.get(f"/api/marking/interviews/{setup.interview.pk}/results").json()
    assert not res["is_final"] and len(res["scores"]) == 4


def test_anonymous_gets_401_everywhere(client, exam_setup):
    for url in ("/api/marking/exams", "/api/marking/marker/exams", "/api/marking/examiner/panels"):
        assert client.get(url).status_code == 401
