"""Turn registry rows into the rules engine's frozen records (kaoping.scoring.records).

The engine speaks in the labels users see (职级 "处长", level "正处级", grade "优秀", secondment "援疆"),
so schemes written as data read naturally; the adapter passes those labels.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from kaoping.org.choices import UnitCategory
from kaoping.org.models import Person, RankHistory
from kaoping.scoring import records as r

# How a unit's management category reads in eligibility rules (R000-11: 机关 vs 直属单位).
UNIT_KIND_LABELS = {
    UnitCategory.AGENCY: "机关",
    UnitCategory.CIVIL_SERVICE_LIKE: "机关",
    UnitCategory.AFFILIATED: "直属单位",
    UnitCategory.INSTITUTION: "直属单位",
    UnitCategory.ENTERPRISE: "企业",
    UnitCategory.FARM: "团场",
    UnitCategory.OTHER: "其他",
}


def with_history(qs: QuerySet[Person]) -> QuerySet[Person]:
    """``qs`` with everything :func:`person_record` reads, in a fixed number of queries."""
    return qs.select_related("unit", "rank").prefetch_related(
        Prefetch("rankhistorys", queryset=RankHistory.objects.select_related("rank")),
        "annualresults",
        "secondments",
        "trainings",
        "sanctions",
    )


def _period(kind: str, start, end, note: str = "") -> r.Period:
    return r.Period(kind=kind, start=start, end=end, note=note)


def _flags(person: Person) -> frozenset[str]:
    flags = set()
    if person.has_grassroots_experience:
        flags.add("has_grassroots_experience")
    if person.meets_training_requirement:
        flags.add("has_required_training")
    return frozenset(flags)


def person_record(person: Person) -> r.PersonRecord:
    """One person as a :class:`kaoping.scoring.records.PersonRecord` (use :func:`with_history` first)."""
    rank = person.rank
    return r.PersonRecord(
        person_id=str(person.pk),
        name=person.name,
        birth_date=person.birth_date,
        unit_kind=UNIT_KIND_LABELS.get(person.unit.category, "其他"),
        rank_code=rank.name if rank else "",
        rank_level=str(rank.get_level_display()) if rank else "",
        rank_start=person.post_start_date or person.rank_start_date,
        level_start=person.rank_start_date,
        rank_history=tuple(
            r.RankSpell(
                rank_code=h.rank.name,
                level=str(h.rank.get_level_display()),
                start=h.start_date,
                end=h.end_date,
            )
            for h in person.rankhistorys.all()
        ),
        annual_results=tuple(
            r.AnnualResult(year=a.year, grade=str(a.get_grade_display())) for a in person.annualresults.all()
        ),
        secondments=tuple(
            _period(str(s.get_kind_display()), s.start_date, s.end_date, s.place)
            for s in person.secondments.all()
        ),
        trainings=tuple(_period(t.name, t.start_date, t.end_date) for t in person.trainings.all()),
        sanctions=tuple(
            _period(str(s.get_kind_display()), s.start_date, s.end_date, s.note)
            for s in person.sanctions.all()
        ),
        flags=_flags(person),
    )


def person_records(people: Iterable[Person]) -> list[r.PersonRecord]:
    return [person_record(p) for p in people]
