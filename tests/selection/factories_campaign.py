"""Builders for the campaign / registration / review tests (S1): a campaign from the seed-000 preset at a
chosen stage, positions, eligible people with their annual results, and registrations through the services."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from kaoping.org.models import AnnualResult, Secondment
from kaoping.selection import services, services_positions
from kaoping.selection.models import Campaign, OfferedPosition, Registration
from tests.factories import make_person, rank

_seq = itertools.count(1)
CUTOFF = dt.date(2011, 9, 30)


def aware(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def future(days: int = 10) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def new_campaign(actor=None, **fields) -> Campaign:
    """A draft campaign from the seed-000 preset whose registration deadline lies ahead."""
    fields.setdefault("title", f"竞争上岗{next(_seq)}")
    fields.setdefault("tenure_cutoff", CUTOFF)
    fields.setdefault("registration_deadline", future())
    return services.campaign_create(actor=actor, **fields)


def add_position(campaign: Campaign, unit, title: str | None = None, **fields) -> OfferedPosition:
    fields.setdefault("level", "正处级")
    fields.setdefault("kind", OfferedPosition.Kind.AGENCY)
    fields.setdefault("duties", ["协助主任工作", "领导分管处室"])
    fields.setdefault("standards", ["按时完成工作任务"])
    return services_positions.position_create(
        actor=None, campaign=campaign, title=title or f"职位{next(_seq)}", unit=unit, **fields
    )


def at_stage(campaign: Campaign, stage: str) -> Campaign:
    """Put the campaign at ``stage`` directly (for tests of one stage's rules)."""
    Campaign.objects.filter(pk=campaign.pk).update(stage=stage)
    campaign.refresh_from_db()
    return campaign


def eligible_person(
    unit, name: str | None = None, *, code: str = "chuzhang", since=dt.date(2005, 7, 1), **kw
):
    """A 处长 (正处级) since 2005 with 2008–2010 results 称职, 优秀, 优秀 (eligible for 正处级 and 副局级)."""
    grades = kw.pop("grades", {2008: "competent", 2009: "excellent", 2010: "excellent"})
    kw.setdefault("has_grassroots_experience", True)
    kw.setdefault("meets_training_requirement", True)
    person = make_person(unit, name, rank=rank(code), rank_start_date=since, **kw)
    for year, grade in grades.items():
        AnnualResult.objects.create(person=person, year=year, grade=grade)
    return person


def add_secondment(person, kind: str, start: dt.date, end: dt.date) -> Secondment:
    return Secondment.objects.create(person=person, kind=kind, start_date=start, end_date=end)


def register(campaign: Campaign, position: OfferedPosition, person, *, sign: bool = True) -> Registration:
    from kaoping.selection import services_registration as reg

    registration = reg.registration_create(actor=None, campaign=campaign, person=person, position=position)
    if sign:
        reg.registration_sign(actor=None, registration=registration, opinion="同意报名", signed_by="张主任")
    return registration


def past_deadline(campaign: Campaign) -> Campaign:
    Campaign.objects.filter(pk=campaign.pk).update(
        registration_deadline=timezone.now() - dt.timedelta(hours=1)
    )
    campaign.refresh_from_db()
    return campaign
