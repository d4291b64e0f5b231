"""Demo of the selection app: the 2011 campaign of seed 000 (工组字[2011]369号) with its 20 positions and their
职位说明书, fictional candidates from the org demo registered, signed off by their units, reviewed against
the eligibility rules, with democratic-evaluation counts, written-exam and interview marks entered and every
stage's results computed — the campaign stands at 面试 with the results ready, so a newcomer can open the
rankings and walk on through 考察, 研究决定 and 任前公示. Also the 2011 National Day holiday calendar.

Everything goes through the services (campaign, registration, review, entry, results, inspection), so the
audit log reads like a real campaign. The 2011 timeline is replayed with explicit times; the one step the
stage machine cannot replay after the fact (opening registration in 2011) is set directly and audited.

Idempotent: nothing happens when a campaign with the seed's document number exists. Deterministic."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kaoping.common.audit import audit_record
from kaoping.common.models import AuditEntry, CalendarDay
from kaoping.org.adapters import person_record, with_history
from kaoping.org.models import Person, Unit
from kaoping.scoring.eligibility import evaluate, rule_from_dict
from kaoping.selection.demo_data import AGENCY_POSITIONS, CALENDAR_2011, CAMPAIGN_TITLE, DOC_NUMBER
from kaoping.selection.demo_data_institutions import INSTITUTION_POSITIONS
from kaoping.selection.models import Campaign, OfferedPosition, Registration

SEED = 20111017
Stage = Campaign.Stage
AFFILIATED = ("affiliated", "institution")
MARKERS = ("阅卷人甲", "阅卷人乙")
CHIEF = "主考官"
EXAMINERS = (CHIEF, "考官一", "考官二", "考官三", "考官四", "考官五", "考官六", "考官七")


def _at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, hh, mm))


def load_calendar_2011() -> int:
    """The 2011 National Day holidays and make-up workdays (idempotent; existing days are left alone)."""
    existing = set(
        CalendarDay.objects.filter(day__in=[d for d, _w, _n in CALENDAR_2011]).values_list("day", flat=True)
    )
    rows = [CalendarDay(day=d, is_workday=w, note=n) for d, w, n in CALENDAR_2011 if d not in existing]
    CalendarDay.objects.bulk_create(rows)
    return len(rows)


def load_selection_demo() -> Campaign | None:
    """Load the demo unless it is already there (idempotent). Returns the new campaign, or None."""
    load_calendar_2011()
    if Campaign.objects.filter(doc_number=DOC_NUMBER, title=CAMPAIGN_TITLE).exists():
        return None
    from kaoping.org.demo import DEMO_ROOT_CODE, load_demo

    load_demo()
    root = Unit.objects.filter(code=DEMO_ROOT_CODE).first()
    if root is None:
        return None
    with transaction.atomic():
        return _Builder(root, random.Random(SEED)).build()


class _Builder:
    def __init__(self, root: Unit, rng: random.Random):
        self.root, self.rng, self.actor = root, rng, None
        self.ability: dict[int, float] = {}
        self.records: dict[int, object] = {}
        self.rejections: dict[int, str] = {}  # person id → the engine's reasons
        self.rejected: set[int] = set()  # registrations the review rejects

    # ------------------------------------------------------------------------------------------ steps

    def build(self) -> Campaign:
        from kaoping.selection import services as csvc

        campaign = csvc.campaign_create(
            actor=self.actor,
            title=CAMPAIGN_TITLE,
            doc_number=DOC_NUMBER,
            tenure_cutoff=dt.date(2011, 9, 30),
            registration_opens=_at(2011, 9, 28, 14),
            registration_deadline=_at(2011, 10, 9, 17),
        )
        positions = self._positions(campaign)
        campaign = csvc.campaign_advance(actor=self.actor, campaign=campaign, confirm=True)  # 已发布
        self._open_registration(campaign)
        regs = self._register(campaign, positions)
        campaign = csvc.campaign_advance(actor=self.actor, campaign=campaign, confirm=True)  # 资格审查
        self._review(regs)
        campaign = csvc.campaign_advance(actor=self.actor, campaign=campaign, confirm=True)  # 民主测评
        self._evaluation(campaign)
        campaign = csvc.campaign_advance(actor=self.actor, campaign=campaign, confirm=True)  # 笔试
        self._exam(campaign)
        campaign = csvc.campaign_advance(actor=self.actor, campaign=campaign, confirm=True)  # 面试
        self._interview(campaign)
        self._teams(campaign)
        return campaign

    def _positions(self, campaign: Campaign) -> list[OfferedPosition]:
        from kaoping.org import services as org_services
        from kaoping.selection.services_positions import position_create

        units = {u.name: u for u in Unit.objects.filter(path__startswith=self.root.path)}
        created = []
        for order, (title, unit_name, level, kind, extra, duties, standards) in enumerate(
            (*AGENCY_POSITIONS, *INSTITUTION_POSITIONS), start=1
        ):
            unit = units.get(unit_name)
            if unit is None:  # a renamed demo tree: put the unit back under the root
                unit = org_services.unit_create(
                    actor=self.actor, parent=self.root, name=unit_name, code=f"SEL{order:02d}"
                )
                units[unit_name] = unit
            created.append(
                position_create(
                    actor=self.actor,
                    campaign=campaign,
                    order=order,
                    title=title,
                    unit=unit,
                    level=level,
                    kind=kind,
                    extra_rule_lists=list(extra),
                    duties=list(duties),
                    standards=list(standards),
                )
            )
        return created

    def _open_registration(self, campaign: Campaign) -> None:
        """Replay 2011-09-28 (报名开始): the stage machine refuses to open a window that has closed."""
        campaign.stage = Stage.REGISTRATION
        campaign.save(update_fields=["stage", "updated_at"])
        audit_record(
            actor=self.actor,
            action=AuditEntry.Action.UPDATE,
            obj=campaign,
            changes={"stage": [Stage.PUBLISHED, Stage.REGISTRATION]},
            note="演示数据：按2011年9月28日的日程进入报名阶段",
        )

    # ---------------------------------------------------------------------------------- registration

    def _rules(self, campaign: Campaign, position: OfferedPosition):
        lists = campaign.scheme["eligibility"]
        names = [position.level, *position.extra_rule_lists]
        return [rule_from_dict(d, f"eligibility.{n}[{i}]") for n in names for i, d in enumerate(lists[n])]

    def _eligible(self, campaign, position, people) -> tuple[list[Person], list[Person]]:
        rules = self._rules(campaign, position)
        passed, failed = [], []
        for person in people:
            # 直属单位 people applying to a 副局级 agency post need the 调任 judgement (R000-11): not in the demo.
            if (
                position.kind == "agency"
                and position.level == "副局级"
                and person.unit.category in AFFILIATED
            ):
                continue
            if person.pk not in self.records:
                self.records[person.pk] = person_record(person)
            report = evaluate(self.records[person.pk], rules, campaign.tenure_cutoff)
            (passed if report.passed else failed).append(person)
            if not report.passed:
                self.rejections[person.pk] = "；".join(r.reason for r in report.results if not r.passed)
        return passed, failed

    def _register(self, campaign: Campaign, positions: list[OfferedPosition]) -> list[Registration]:
        from kaoping.selection import services_registration as rsvc

        people = list(
            with_history(
                Person.objects.filter(unit__path__startswith=self.root.path, is_active=True).exclude(
                    rank__code__in=("zheng_ju", "xunshiyuan")
                )
            ).order_by("id")
        )
        self.rng.shuffle(people)
        taken: set[int] = set()
        regs: list[Registration] = []
        for i, position in enumerate(positions):
            free = [p for p in people if p.pk not in taken and p.unit.path != position.unit.path]
            passed, failed = self._eligible(campaign, position, free)
            # Deputies already at 副局级 seldom compete; prefer 处长 / 调研员 of three years and more.
            passed.sort(key=lambda p: (p.rank.level != "division", self.rng.random()))
            chosen = passed[: 3 + i % 4]  # 3 … 6 candidates
            rejected = failed[0] if i % 5 == 2 and failed else None
            if rejected is not None:
                chosen.append(rejected)  # one registrant the review will reject, with the engine's reasons
            for person in chosen:
                taken.add(person.pk)
                when = _at(2011, 10, 1 + self.rng.randint(2, 7), 9 + self.rng.randint(0, 7))
                reg = rsvc.registration_create(
                    actor=self.actor, campaign=campaign, person=person, position=position, now=when
                )
                head = Person.objects.filter(
                    unit=person.unit.parent or person.unit, rank__code="zheng_ju"
                ).first()
                rsvc.registration_sign(
                    actor=self.actor,
                    registration=reg,
                    opinion="同意报名。该同志政治素质好，工作认真负责，具备竞争该职位的条件。",
                    signed_by=head.name if head else "单位负责人",
                    now=when + dt.timedelta(hours=3),
                )
                regs.append(reg)
                if person is rejected:
                    self.rejected.add(reg.pk)
                self.ability[reg.pk] = self.rng.uniform(0.62, 0.93)
        rsvc.counts_publish(actor=self.actor, campaign=campaign, now=_at(2011, 10, 9, 9))
        return regs

    def _review(self, regs: list[Registration]) -> None:
        """The organiser's review: the engine's checks decide (the demo registers eligible people, and a few
        who are not, whose rejection carries the engine's reasons)."""
        from kaoping.selection import services_review as vsvc

        for reg in regs:
            reg.refresh_from_db()
            if reg.position.status != OfferedPosition.Status.OPEN:
                continue
            reasons = self.rejections.get(reg.person_id, "")
            if reg.pk in self.rejected:
                vsvc.review_decide(
                    actor=self.actor, registration=reg, qualified=False, reasons=reasons or "不符合报名条件"
                )
            else:
                vsvc.review_decide(actor=self.actor, registration=reg, qualified=True)

    # ---------------------------------------------------------------------------------------- stages

    def _qualified(self, campaign: Campaign, stage: str, position=None):
        from kaoping.selection.selectors_results import stage_participants

        return list(stage_participants(campaign, stage, position).order_by("id"))

    def _evaluation(self, campaign: Campaign) -> None:
        from kaoping.selection.services_entry_evaluation import EvaluationInput, evaluation_entries_save
        from kaoping.selection.services_results import results_compute

        rows = []
        for reg in self._qualified(campaign, Stage.EVALUATION):
            a = self.ability[reg.pk]
            rows.append(
                EvaluationInput(
                    registration_id=reg.pk,
                    eligible=52,
                    returned=47,
                    counts={"A": self._votes(11, a), "B": self._votes(36, a - 0.05)},
                    issued={"A": 12, "B": 40},
                    returned_by_group={"A": 11, "B": 36},
                )
            )
        evaluation_entries_save(actor=self.actor, campaign=campaign, rows=rows)
        results_compute(campaign=campaign, stage=Stage.EVALUATION, actor=self.actor)

    def _votes(self, n: int, share: float) -> dict[str, int]:
        fit = max(0, min(n, round(n * (share + self.rng.uniform(-0.05, 0.08)))))
        basic = max(0, min(n - fit, round((n - fit) * self.rng.uniform(0.5, 0.9))))
        return {"胜任": fit, "基本胜任": basic, "不胜任": n - fit - basic}

    def _mark(self, maximum: int, a: float, spread: float = 0.06) -> Decimal:
        value = maximum * min(0.98, max(0.4, a + self.rng.uniform(-spread, spread)))
        return (Decimal(str(value)) * 2).quantize(Decimal("1")) / 2  # half points, as markers give them

    def _exam(self, campaign: Campaign) -> None:
        from kaoping.selection.services_entry import exam_marks_save
        from kaoping.selection.services_results import results_compute

        for position in campaign.positions.filter(status=OfferedPosition.Status.OPEN):
            marks = {}
            for reg in self._qualified(campaign, Stage.EXAM, position):
                a = self.ability[reg.pk]
                for marker in MARKERS:
                    marks[(reg.pk, marker, "case")] = self._mark(60, a)
                    marks[(reg.pk, marker, "essay")] = self._mark(40, a)
            if marks:
                exam_marks_save(actor=self.actor, position=position, markers=list(MARKERS), marks=marks)
        results_compute(campaign=campaign, stage=Stage.EXAM, actor=self.actor)

    def _interview(self, campaign: Campaign) -> None:
        from kaoping.selection.services_entry import interview_marks_save
        from kaoping.selection.services_results import results_compute

        for position in campaign.positions.filter(status=OfferedPosition.Status.OPEN):
            marks = {}
            for reg in self._qualified(campaign, Stage.INTERVIEW, position):
                a = self.ability[reg.pk] + self.rng.uniform(-0.04, 0.04)
                for examiner in EXAMINERS:
                    marks[(reg.pk, examiner, "statement")] = self._mark(40, a, 0.05)
                    marks[(reg.pk, examiner, "answers")] = self._mark(60, a, 0.05)
            if marks:
                interview_marks_save(
                    actor=self.actor, position=position, examiners=list(EXAMINERS), chief=CHIEF, marks=marks
                )
        results_compute(campaign=campaign, stage=Stage.INTERVIEW, actor=self.actor)

    # ------------------------------------------------------------------------------ inspection teams

    def _teams(self, campaign: Campaign) -> None:
        """Four inspection teams (R000-23), each led by a 正局级 department head, five positions each; members
        come from departments with no candidate of those positions."""
        from kaoping.selection import services_inspection as isvc

        registered = set(campaign.registrations.values_list("person_id", flat=True))
        heads = list(
            Person.objects.filter(
                unit__path__startswith=self.root.path, rank__code="zheng_ju", is_active=True
            )
            .exclude(pk__in=registered)
            .select_related("unit")
            .order_by("unit__path", "id")
        )
        pool = list(
            Person.objects.filter(
                unit__path__startswith=self.root.path,
                rank__code__in=("fu_chuzhang", "chuzhang"),
                is_active=True,
            )
            .exclude(pk__in=registered)
            .select_related("unit")
            .order_by("unit__path", "id")
        )
        positions = list(campaign.positions.filter(status=OfferedPosition.Status.OPEN).order_by("order"))
        names = ("第一考察组", "第二考察组", "第三考察组", "第四考察组")
        used: set[int] = set()
        for t, name in enumerate(names):
            mine = positions[t::4]
            if not mine or not heads:
                continue
            cand_units = {r.person.unit_id for p in mine for r in isvc.inspection_candidates(p)}
            team = isvc.team_create(actor=self.actor, campaign=campaign, name=name)
            leader = next((h for h in heads if h.pk not in used and h.unit_id not in cand_units), None)
            if leader is None:
                continue
            used.add(leader.pk)
            isvc.team_member_add(actor=self.actor, team=team, person=leader, is_leader=True)
            members = [p for p in pool if p.pk not in used and p.unit_id not in cand_units][:4]
            for m in members:
                used.add(m.pk)
                isvc.team_member_add(actor=self.actor, team=team, person=m)
            for position in mine:
                isvc.team_assign(actor=self.actor, position=position, team=team)
