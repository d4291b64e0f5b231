"""Blindness (DESIGN.md "Anonymity and blindness", R000-18): log in as each marker, fetch every page, API
endpoint and export they can reach, and assert no candidate name, unit or position title appears."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaoping.marking import services, services_close
from kaoping.marking.models import Draw
from tests.marking.conftest import NAMES, POSTS, build_exam

pytestmark = pytest.mark.django_db

UNITS = ("办公厅", "组织部")


def _identifying(setup) -> list[str]:
    found = list(NAMES) + list(POSTS) + list(UNITS)
    for p in setup.people:
        found += [p.name, p.unit.name, p.current_post, p.id_number or "§"]
    return [f for f in found if f]


def _assert_blind(text: str, forbidden: list[str], where: str) -> None:
    for word in forbidden:
        assert word not in text, f"{word!r} leaked on {where}"


def _reachable(client, setup) -> list[tuple[str, object]]:
    exam = setup.exam
    urls = [
        reverse("marking:index"),
        reverse("marking:marker_home"),
        reverse("marking:draw_verify"),
    ]
    for show in ("todo", "done", "all"):
        urls.append(reverse("marking:marker_exam", args=[exam.pk]) + f"?show={show}")
    urls += [reverse("marking:draw_detail", args=[d.pk]) for d in Draw.objects.all()]
    urls += [
        "/api/marking/marker/exams",
        f"/api/marking/marker/exams/{exam.pk}/queue",
        f"/api/marking/marker/exams/{exam.pk}/queue?todo=true",
    ]
    out = []
    for url in urls:
        r = client.get(url, follow=True)
        out.append((url, r))
    return out


@pytest.mark.parametrize("mode", ["1评", "2+1"])
def test_every_marker_sees_codes_only(client, hr_admin, tree, mode):
    setup = build_exam(hr_admin, tree, mode=mode)
    forbidden = _identifying(setup)
    exam = setup.exam
    services.exam_start_marking(actor=hr_admin, exam=exam)
    # some marks in, one disagreement, so every kind of row exists
    c0, c1 = setup.candidates[:2]
    services.mark_submit(
        actor=setup.markers[0], exam=exam, candidate=c0, item=setup.items["case"], value="10"
    )
    services.mark_submit(
        actor=setup.markers[1], exam=exam, candidate=c0, item=setup.items["case"], value="50"
    )
    assigned = set(exam.assignments.values_list("user_id", flat=True))
    for user in [u for u in [*setup.markers, setup.arbitrator] if u.pk in assigned]:
        client.force_login(user)
        pages = _reachable(client, setup)
        for url, r in pages:
            assert r.status_code == 200, url
            _assert_blind(r.content.decode(), forbidden, f"{user.username} {url}")
        # the codes are there
        q = client.get(f"/api/marking/marker/exams/{exam.pk}/queue").json()
        if user != setup.arbitrator:
            assert {row["code"] for row in q} >= {c0.blind_code, c1.blind_code}
        # submitting through the page and the API answers with codes only
        r = client.post(
            reverse("marking:marker_submit", args=[exam.pk]),
            {"code": c1.blind_code, "item": setup.items["essay"].pk, "value": "30"},
            follow=True,
        )
        _assert_blind(r.content.decode(), forbidden, f"{user.username} submit page")
        r = client.post(
            f"/api/marking/marker/exams/{exam.pk}/marks",
            {"code": c1.blind_code, "item_id": setup.items["case"].pk, "value": "31"},
            content_type="application/json",
        )
        _assert_blind(r.content.decode(), forbidden, f"{user.username} submit api")
        # organiser pages, results and exports are out of reach
        for name in ("exam_detail", "exam_marks", "exam_results", "exam_code_labels"):
            assert client.get(reverse(f"marking:{name}", args=[exam.pk])).status_code == 404
        assert client.get(f"/api/marking/exams/{exam.pk}/results").status_code == 403
        assert client.get("/api/marking/exams").status_code == 403
    # after the key is opened, the revealed code draw still names no one for a marker
    for c in setup.candidates:
        for it in setup.items.values():
            from kaoping.marking.resolution import paper_outcomes

            while True:
                o = next(x for x in paper_outcomes(exam)[c.pk].items if x.item == it.key)
                if o.state.value == "final":
                    break
                if o.state.value == "needs_arbitrator":
                    services.arbitration_submit(
                        actor=setup.arbitrator, exam=exam, candidate=c, item=it, value="20"
                    )
                    continue
                done = set(c.marks.filter(item=it, is_superseded=False).values_list("marker_id", flat=True))
                m = next(m for m in setup.markers if m.pk not in done)
                services.mark_submit(actor=m, exam=exam, candidate=c, item=it, value="20")
    services_close.exam_close(actor=hr_admin, exam=exam)
    services_close.exam_open_key(actor=hr_admin, exam=exam)
    client.force_login(setup.markers[0])
    for url, r in _reachable(client, setup):
        assert r.status_code == 200, url
        _assert_blind(r.content.decode(), forbidden, f"after key {url}")
