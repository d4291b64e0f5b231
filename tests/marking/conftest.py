"""Fixtures of the marking tests: an exam ready for marking (seats and codes drawn, markers assigned) and
an interview with two panels of seven examiners."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from kaoping.accounts.roles import Role
from kaoping.marking import services, services_draws, services_interview
from kaoping.marking.models import Draw, PanelMember
from tests.factories import make_person, make_user

NAMES = ("欧阳明远", "司马静怡", "上官雨辰", "诸葛文博")
POSTS = ("宣传处处长", "人事处副处长", "综合处调研员", "维权处处长")


@dataclass
class ExamSetup:
    exam: object
    candidates: list
    people: list
    markers: list
    arbitrator: object
    items: dict = field(default_factory=dict)


def build_exam(hr_admin, tree, *, mode="1评", n=4, tolerance="3", per_item=False) -> ExamSetup:
    items = [
        {"key": "case", "label": "案例分析", "max": "60", "tolerance": tolerance},
        {"key": "essay", "label": "写作", "max": "40", "tolerance": tolerance},
    ]
    exam = services.exam_create(actor=hr_admin, title="2011年竞争上岗笔试", items=items, marking_mode=mode)
    people = [
        make_person(tree.office if i % 2 else tree.org_dept, name=NAMES[i % 4], current_post=POSTS[i % 4])
        for i in range(n)
    ]
    cands = [
        services.exam_candidate_add(actor=hr_admin, exam=exam, person=p, external_ref=f"R{i}")
        for i, p in enumerate(people)
    ]
    for kind in (Draw.Kind.EXAM_SEATS, Draw.Kind.EXAM_CODES):
        d = services_draws.draw_commit(actor=hr_admin, kind=kind, exam=exam)
        services_draws.draw_perform(actor=hr_admin, draw=d)
    markers = [make_user(f"marker{i}", Role.MARKER, display_name=f"阅卷人{i}") for i in range(1, 4)]
    arbitrator = make_user("arbiter", Role.MARKER, display_name="仲裁人")
    by_key = {i.key: i for i in exam.items.all()}
    if per_item:
        # markers 1, 2 (and 3) on the case item; marker 3 alone on essay is not enough for 2+1, so all on both
        for m in markers:
            services.marker_assign(actor=hr_admin, exam=exam, user=m, item=by_key["case"])
    else:
        for m in markers[: (2 if mode == "1评" else 3)]:
            services.marker_assign(actor=hr_admin, exam=exam, user=m)
    services.marker_assign(actor=hr_admin, exam=exam, user=arbitrator, role="arbitrator")
    for c in cands:
        c.refresh_from_db()
    return ExamSetup(exam, cands, people, markers, arbitrator, by_key)


@pytest.fixture
def exam_setup(hr_admin, tree) -> ExamSetup:
    return build_exam(hr_admin, tree)


@dataclass
class InterviewSetup:
    interview: object
    panels: list
    members: dict  # panel index → list of users (index 0 = chief, 1 = outside)
    candidates: list


def build_interview(hr_admin, tree, *, per_element=False, panels=2, per_panel=2, size=7) -> InterviewSetup:
    interview = services_interview.interview_create(
        actor=hr_admin, title="2011年竞争上岗面试", per_element=per_element
    )
    ps, members, cands = [], {}, []
    n = 0
    for p in range(panels):
        panel = services_interview.panel_create(actor=hr_admin, interview=interview, name=f"第{p + 1}考官组")
        ps.append(panel)
        users = []
        for j in range(size):
            u = make_user(f"examiner{p}_{j}", Role.EXAMINER, display_name=f"考官{p}{j}")
            role = (
                PanelMember.Role.CHIEF
                if j == 0
                else PanelMember.Role.OUTSIDE
                if j == 1
                else PanelMember.Role.REGULAR
            )
            services_interview.panel_member_add(actor=hr_admin, panel=panel, user=u, role=role)
            users.append(u)
        members[p] = users
        for _k in range(per_panel):
            person = make_person(tree.office, name=NAMES[n % 4] + str(n), current_post=POSTS[n % 4])
            cands.append(
                services_interview.interview_candidate_add(
                    actor=hr_admin, interview=interview, panel=panel, person=person, external_ref=f"I{n}"
                )
            )
            n += 1
        d = services_draws.draw_commit(actor=hr_admin, kind=Draw.Kind.INTERVIEW_ORDER, panel=panel)
        services_draws.draw_perform(actor=hr_admin, draw=d)
    for c in cands:
        c.refresh_from_db()
    return InterviewSetup(interview, ps, members, cands)


@pytest.fixture
def interview_setup(hr_admin, tree) -> InterviewSetup:
    return build_interview(hr_admin, tree)
