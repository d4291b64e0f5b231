"""Demo history records (see ``demo_people``): rank history, annual results 2008–2010, secondments,
trainings, sanctions and resume lines for the generated people. Fictional data; the draw order of the
random generator is part of the demo's determinism, so keep it unchanged."""

from __future__ import annotations

import datetime as dt
import random

from kaoping.org import choices as c
from kaoping.org.models import (
    AnnualResult,
    Person,
    Rank,
    RankHistory,
    ResumeLine,
    Sanction,
    Secondment,
    Training,
)

CUTOFF = dt.date(2011, 9, 30)

TRAININGS = (
    ("中央党校中青年干部培训班", "中共中央党校", 480),
    ("国家行政学院任职培训班", "国家行政学院", 160),
    ("全总处级干部任职培训班", "中国工运学院", 120),
    ("全总机关干部理论进修班", "全总机关党委", 80),
    ("工会法律实务研修班", "全总法律工作部", 40),
)
SECONDMENT_PLACES = {
    c.SecondmentKind.XINJIANG: "新疆维吾尔自治区总工会",
    c.SecondmentKind.TIBET: "西藏自治区总工会",
    c.SecondmentKind.ATTACHMENT: "地方工会挂职",
    c.SecondmentKind.POVERTY: "定点扶贫县",
    c.SecondmentKind.TEACHING: "中西部高校",
}

PREVIOUS = {
    "zheng_ju": "fu_ju",
    "fu_ju": "chuzhang",
    "fu_xunshiyuan": "diaoyanyuan",
    "chuzhang": "fu_chuzhang",
    "diaoyanyuan": "zhuli_diaoyanyuan",
    "fu_chuzhang": "zhuren_keyuan",
    "zhuli_diaoyanyuan": "zhuren_keyuan",
    "zhuren_keyuan": "keyuan",
    "keyuan": "banshiyuan",
}


class DemoHistory:
    """Mixin of :class:`~kaoping.org.demo_people.DemoPeople`: builds the history of ``self.extra``."""

    rng: random.Random
    ranks: dict[str, Rank]
    extra: list[tuple[Person, dict]]

    def date_in(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, max((last - first).days, 0)))

    def history(self) -> dict[str, list]:
        rng = self.rng
        out: dict[str, list] = {
            k: [] for k in ("rank", "result", "secondment", "training", "sanction", "resume")
        }
        sanction_budget = 6
        investigation_budget = 2
        for person, extra in self.extra:
            code = extra["rank_code"]
            out["rank"].append(
                RankHistory(
                    person=person,
                    rank=person.rank,
                    post_title=person.current_post,
                    unit_name=person.unit.name,
                    start_date=person.rank_start_date,
                )
            )
            previous = PREVIOUS.get(code)
            prev_start = None
            if previous and previous in self.ranks:
                prev_start = self.date_in(
                    person.work_start_date + dt.timedelta(days=365),
                    person.rank_start_date - dt.timedelta(days=200),
                )
                if prev_start < person.rank_start_date:
                    out["rank"].append(
                        RankHistory(
                            person=person,
                            rank=self.ranks[previous],
                            unit_name=person.unit.name,
                            start_date=prev_start,
                            end_date=person.rank_start_date - dt.timedelta(days=1),
                        )
                    )
            # annual results 2008–2010: mostly 称职, some 优秀, a few 基本称职 or a missing year
            missing = rng.random() < 0.04
            skip_year = rng.choice((2008, 2009, 2010)) if missing else None
            for year in (2008, 2009, 2010):
                if year == skip_year or person.work_start_date.year > year:
                    continue
                roll = rng.random()
                grade = (
                    c.AnnualGrade.EXCELLENT
                    if roll < 0.2
                    else c.AnnualGrade.BASIC_COMPETENT
                    if roll > 0.975
                    else c.AnnualGrade.COMPETENT
                )
                out["result"].append(AnnualResult(person=person, year=year, grade=grade))
            # secondments: some inside the current rank (they count for 挂职分), some before it
            if rng.random() < 0.14:
                kind = rng.choice(tuple(SECONDMENT_PLACES))
                inside = rng.random() < 0.7
                lo = person.rank_start_date if inside else person.work_start_date
                hi = (
                    CUTOFF - dt.timedelta(days=200)
                    if inside
                    else person.rank_start_date - dt.timedelta(days=200)
                )
                if hi > lo:
                    start = self.date_in(lo, hi)
                    months = rng.choice((6, 6, 12, 12, 18, 24, 36))
                    end = min(start + dt.timedelta(days=int(months * 30.44)) - dt.timedelta(days=1), CUTOFF)
                    out["secondment"].append(
                        Secondment(
                            person=person,
                            kind=kind,
                            start_date=start,
                            end_date=end,
                            place=SECONDMENT_PLACES[kind],
                        )
                    )
            if rng.random() < 0.4:
                name, organizer, hours = rng.choice(TRAININGS)
                start = self.date_in(dt.date(2005, 3, 1), dt.date(2011, 6, 30))
                out["training"].append(
                    Training(
                        person=person,
                        name=name,
                        organizer=organizer,
                        start_date=start,
                        end_date=start + dt.timedelta(days=max(hours // 8, 3)),
                        hours=hours,
                    )
                )
            if sanction_budget and rng.random() < 0.025:
                sanction_budget -= 1
                kind = rng.choice(
                    (c.SanctionKind.WARNING, c.SanctionKind.ADMONITION, c.SanctionKind.PARTY_WARNING)
                )
                start = self.date_in(dt.date(2009, 1, 1), dt.date(2011, 3, 31))
                out["sanction"].append(
                    Sanction(
                        person=person,
                        kind=kind,
                        start_date=start,
                        end_date=start + dt.timedelta(days=365 if kind != c.SanctionKind.ADMONITION else 180),
                        authority="全总机关纪委",
                    )
                )
            elif investigation_budget and rng.random() < 0.01:
                investigation_budget -= 1
                out["sanction"].append(
                    Sanction(
                        person=person,
                        kind=c.SanctionKind.INVESTIGATION,
                        start_date=dt.date(2011, rng.randint(3, 8), 1),
                        authority="中央纪委驻全总纪检组",
                        note="立案审查调查中",
                    )
                )
            # resume (简历)
            study_start = dt.date(person.work_start_date.year - 4, 9, 1)
            out["resume"].append(
                ResumeLine(
                    person=person,
                    start_date=study_start,
                    end_date=person.work_start_date - dt.timedelta(days=31),
                    text=f"{extra['school']}学习",
                )
            )
            out["resume"].append(
                ResumeLine(
                    person=person,
                    start_date=person.work_start_date,
                    end_date=(prev_start or person.rank_start_date) - dt.timedelta(days=1),
                    text=f"{person.unit.name}工作",
                )
            )
            if prev_start and prev_start < person.rank_start_date:
                out["resume"].append(
                    ResumeLine(
                        person=person,
                        start_date=prev_start,
                        end_date=person.rank_start_date - dt.timedelta(days=1),
                        text=f"{person.unit.name}{self.ranks[previous].name}",
                    )
                )
            out["resume"].append(
                ResumeLine(
                    person=person,
                    start_date=person.rank_start_date,
                    text=f"{person.unit.name}{person.current_post}",
                )
            )
        return out
