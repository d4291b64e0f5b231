"""Demo data of the marking app, loaded by kaoping_setup on first start: one written exam in 双评 2+1 with
fictional marks (a few papers still waiting for a third marker or the arbitrator) and one interview with two
panels of seven examiners, all marks in, so 修正系数 shows. Demo markers (``marker1``–``marker3``,
``arbiter``) and examiners (``examiner01``–``examiner14``) get the demo password (random in production).

Idempotent (nothing happens when the demo exam exists) and deterministic. Prints nothing.
"""

from __future__ import annotations

import functools
import random
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.crypto import get_random_string

from kaoping.accounts.models import RoleAssignment, User
from kaoping.accounts.roles import Role
from kaoping.accounts.scoping import forget
from kaoping.marking import services, services_draws, services_interview
from kaoping.marking.models import Draw, PanelMember, WrittenExam
from kaoping.org.demo import DEMO_PASSWORD, DEMO_ROOT_CODE
from kaoping.org.models import Person

DEMO_REF = "demo-marking-2011"
SEED = 20111020


@functools.cache
def _demo_password_hash() -> str:
    # one PBKDF2 run for the eighteen demo accounts instead of eighteen (first start takes seconds less)
    return make_password(DEMO_PASSWORD)


def _account(username: str, role: str, label: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        if settings.PRODUCTION:
            user = User.objects.create_user(
                username=username, password=get_random_string(16), display_name=label
            )
        else:
            user = User.objects.create_user(username=username, password=None, display_name=label)
            user.password = _demo_password_hash()
            user.save(update_fields=["password"])
    if not user.roles.filter(role=role).exists():
        RoleAssignment.objects.create(user=user, role=role)
        forget(user)
    return user


def _organiser() -> User | None:
    user = User.objects.filter(username="hr").first()
    if user is not None:
        forget(user)
    return user


def load_marking_demo() -> None:
    """Load the demo unless it is already there (idempotent)."""
    if WrittenExam.objects.filter(external_ref=DEMO_REF).exists():
        return
    actor = _organiser()
    people = list(
        Person.objects.filter(unit__path__startswith=_root_path(), is_active=True).order_by("pk")[:30]
    )
    if actor is None or len(people) < 18:
        return
    rng = random.Random(SEED)
    with transaction.atomic():
        _exam(actor, people[:12], rng)
        _interview(actor, people[12:18], rng)


def _root_path() -> str:
    from kaoping.org.models import Unit

    root = Unit.objects.filter(code=DEMO_ROOT_CODE).first()
    return root.path if root else "/nonexistent/"


def _exam(actor, people, rng: random.Random) -> None:
    items = [
        {"key": "case", "label": "案例分析", "max": "60", "tolerance": "6", "tolerance_kind": "absolute"},
        {"key": "essay", "label": "写作", "max": "40", "tolerance": "10", "tolerance_kind": "percent"},
    ]
    exam = services.exam_create(
        actor=actor,
        title="2011年机关竞争上岗笔试（演示）",
        items=items,
        marking_mode="2+1",
        external_ref=DEMO_REF,
    )
    for p in people:
        services.exam_candidate_add(actor=actor, exam=exam, person=p)
    for kind in (Draw.Kind.EXAM_SEATS, Draw.Kind.EXAM_CODES):
        services_draws.draw_perform(
            actor=actor, draw=services_draws.draw_commit(actor=actor, kind=kind, exam=exam)
        )
    markers = [_account(f"marker{i}", Role.MARKER, f"演示阅卷人{i}") for i in (1, 2, 3)]
    arbiter = _account("arbiter", Role.MARKER, "演示仲裁人")
    for m in markers:
        services.marker_assign(actor=actor, exam=exam, user=m)
    services.marker_assign(actor=actor, exam=exam, user=arbiter, role="arbitrator")
    services.exam_start_marking(actor=actor, exam=exam)
    items_by_key = {i.key: i for i in exam.items.all()}
    candidates = list(exam.candidates.order_by("blind_code"))
    for n, cand in enumerate(candidates[:-2]):  # the last two papers wait for the demo markers
        for key, top in (("case", 60), ("essay", 40)):
            item = items_by_key[key]
            base = Decimal(rng.randint(top * 6 // 10, top * 8 // 10))
            first = base
            second = base + (Decimal(rng.choice([1, 2, 3])) if n % 5 else Decimal(12 if key == "case" else 8))
            for marker, value in ((markers[0], first), (markers[1], min(second, Decimal(top)))):
                services.mark_submit(actor=marker, exam=exam, candidate=cand, item=item, value=value)
            if n == 5 and key == "case":  # third marker also far off → arbitration waiting
                services.mark_submit(actor=markers[2], exam=exam, candidate=cand, item=item, value=base - 20)
            elif n == 0 and key == "case":  # third marker closer to the second → resolved
                services.mark_submit(actor=markers[2], exam=exam, candidate=cand, item=item, value=base + 11)


def _interview(actor, people, rng: random.Random) -> None:
    si = services_interview
    interview = si.interview_create(
        actor=actor, title="2011年机关竞争上岗面试（演示）", external_ref=DEMO_REF
    )
    n = 0
    for p_idx, strictness in ((0, 0), (1, -4)):
        panel = si.panel_create(actor=actor, interview=interview, name=f"第{p_idx + 1}考官组")
        examiners = []
        for j in range(7):
            n += 1
            user = _account(f"examiner{n:02d}", Role.EXAMINER, f"演示考官{n:02d}")
            role = (
                PanelMember.Role.CHIEF
                if j == 0
                else PanelMember.Role.OUTSIDE
                if j == 1
                else PanelMember.Role.REGULAR
            )
            si.panel_member_add(actor=actor, panel=panel, user=user, role=role)
            examiners.append(user)
        for person in people[p_idx * 3 : p_idx * 3 + 3]:
            si.interview_candidate_add(
                actor=actor, interview=interview, panel=panel, person=person, group="综合处处长"
            )
        services_draws.draw_perform(
            actor=actor,
            draw=services_draws.draw_commit(actor=actor, kind=Draw.Kind.INTERVIEW_ORDER, panel=panel),
        )
        panel.strictness = strictness
        panel.examiners = examiners
        setattr(interview, f"_panel{p_idx}", panel)
    si.interview_start(actor=actor, interview=interview)
    for p_idx in (0, 1):
        panel = getattr(interview, f"_panel{p_idx}")
        for cand in panel.candidates.order_by("order_no"):
            level = rng.randint(70, 88) + panel.strictness
            for user in panel.examiners:
                total = max(0, min(100, level + rng.randint(-5, 5)))
                statement = min(40, total * 4 // 10)
                si.interview_mark_submit(
                    actor=user, candidate=cand, values={"statement": statement, "answers": total - statement}
                )
            if p_idx == 0:
                si.interview_confirm(actor=panel.examiners[0], candidate=cand)
