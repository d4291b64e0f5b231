"""Registration rules through the services (R000-02 … R000-06): one active registration per person
(service check and database constraint), unit sign-off, the deadline, publishing counts and the single
written change, withdrawal, and the move away from a position that did not open."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kaoping.common.errors import DomainError
from kaoping.common.models import AuditEntry
from kaoping.selection import services_registration as regsvc
from kaoping.selection.models import Campaign, Registration
from tests.selection.factories_campaign import (
    add_position,
    at_stage,
    eligible_person,
    new_campaign,
    past_deadline,
    register,
)

Stage = Campaign.Stage
Status = Registration.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(tree):
    campaign = new_campaign()
    a = add_position(campaign, tree.office, "甲职位")
    b = add_position(campaign, tree.office, "乙职位")
    return at_stage(campaign, Stage.REGISTRATION), a, b


def test_r000_02_second_registration_refused(setup, tree):
    """R000-02."""
    campaign, a, b = setup
    person = eligible_person(tree.office, "张三")
    register(campaign, a, person)
    with pytest.raises(DomainError) as exc:
        regsvc.registration_create(actor=None, campaign=campaign, person=person, position=b)
    assert exc.value.code == "already_registered" and "每人限报1个职位" in exc.value.message


def test_r000_02_database_constraint_holds(setup, tree):
    """R000-02."""
    campaign, a, b = setup
    person = eligible_person(tree.office)
    Registration.objects.create(campaign=campaign, person=person, position=a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(campaign=campaign, person=person, position=b)


def test_r000_02_constraint_violation_becomes_chinese_error(setup, tree, monkeypatch):
    """A race past the service check still ends in the Chinese message, not a 500."""
    campaign, a, b = setup
    person = eligible_person(tree.office)
    register(campaign, a, person)
    from kaoping.scoring.registration import RegistrationCheck

    monkeypatch.setattr(regsvc, "check_single_position", lambda held: RegistrationCheck(True, "R000-02", ""))
    with pytest.raises(DomainError) as exc:
        regsvc.registration_create(actor=None, campaign=campaign, person=person, position=b)
    assert exc.value.code == "conflict" and "每人限报一个职位" in exc.value.message


def test_withdrawn_person_may_register_again(setup, tree):
    campaign, a, b = setup
    person = eligible_person(tree.office)
    first = register(campaign, a, person)
    regsvc.registration_withdraw(actor=None, registration=first, reason="本人申请")
    again = register(campaign, b, person)
    assert again.is_active and not Registration.objects.get(pk=first.pk).is_active


def test_r000_04_after_deadline_refused(setup, tree):
    """R000-04."""
    campaign, a, _b = setup
    person = eligible_person(tree.office)
    pending = regsvc.registration_create(
        actor=None, campaign=campaign, person=eligible_person(tree.office), position=a
    )
    past_deadline(campaign)
    with pytest.raises(DomainError) as exc:
        regsvc.registration_create(actor=None, campaign=campaign, person=person, position=a)
    assert exc.value.code == "deadline_passed"
    with pytest.raises(DomainError):
        regsvc.registration_sign(actor=None, registration=pending, opinion="同意", signed_by="王")


def test_r000_04_exactly_at_deadline_accepted(setup, tree):
    """R000-04."""
    campaign, a, _b = setup
    person = eligible_person(tree.office)
    reg = regsvc.registration_create(
        actor=None, campaign=campaign, person=person, position=a, now=campaign.registration_deadline
    )
    assert reg.pk
    with pytest.raises(DomainError):
        regsvc.registration_create(
            actor=None,
            campaign=campaign,
            person=eligible_person(tree.office),
            position=a,
            now=campaign.registration_deadline + dt.timedelta(seconds=1),
        )


def test_r000_06_unit_signoff_moves_to_submitted(setup, tree, liaison):
    """R000-06."""
    campaign, a, _b = setup
    reg = register(campaign, a, eligible_person(tree.office), sign=False)
    assert reg.status == Status.UNIT_REVIEW
    with pytest.raises(DomainError):
        regsvc.registration_sign(actor=liaison, registration=reg, opinion="  ", signed_by="王主任")
    reg = regsvc.registration_sign(actor=liaison, registration=reg, opinion="同意报名", signed_by="王主任")
    assert reg.status == Status.SUBMITTED and reg.unit_signed_by == "王主任" and reg.unit_signed_at
    assert AuditEntry.objects.filter(object_type="selection.registration", object_id=str(reg.pk)).count() == 2


def test_r000_03_change_only_after_counts_published(setup, tree):
    """R000-03."""
    campaign, a, b = setup
    reg = register(campaign, a, eligible_person(tree.office))
    with pytest.raises(DomainError) as exc:
        regsvc.registration_change(actor=None, registration=reg, to_position=b, request_note="书面申请")
    assert "尚未发布" in exc.value.message
    regsvc.counts_publish(actor=None, campaign=campaign)
    with pytest.raises(DomainError):
        regsvc.counts_publish(actor=None, campaign=campaign)


def test_r000_03_second_change_refused(setup, tree):
    """R000-03."""
    campaign, a, b = setup
    reg = register(campaign, a, eligible_person(tree.office))
    regsvc.counts_publish(actor=None, campaign=campaign)
    with pytest.raises(DomainError):
        regsvc.registration_change(actor=None, registration=reg, to_position=b, request_note="  ")
    reg = regsvc.registration_change(
        actor=None, registration=reg, to_position=b, request_note="书面申请改报乙职位"
    )
    assert reg.position == b and reg.changes_made == 1
    assert reg.changes.get().from_position == a
    with pytest.raises(DomainError) as exc:
        regsvc.registration_change(actor=None, registration=reg, to_position=a, request_note="再次申请")
    assert "最多书面申请调整1次" in exc.value.message


def test_r000_03_change_after_deadline_refused(setup, tree):
    """R000-03."""
    campaign, a, b = setup
    reg = register(campaign, a, eligible_person(tree.office))
    regsvc.counts_publish(actor=None, campaign=campaign)
    late = timezone.now() + dt.timedelta(days=30)
    with pytest.raises(DomainError) as exc:
        regsvc.registration_change(actor=None, registration=reg, to_position=b, request_note="申请", now=late)
    assert "截止" in exc.value.message


def test_registration_outside_stage_refused(tree):
    campaign = new_campaign()
    position = add_position(campaign, tree.office)
    with pytest.raises(DomainError) as exc:
        regsvc.registration_create(
            actor=None, campaign=campaign, person=eligible_person(tree.office), position=position
        )
    assert exc.value.code == "wrong_stage"


def test_r000_05_fewer_than_three_not_opened_and_move(setup, tree):
    """R000-05: at the deadline 乙职位 (2 registrants) is not opened; a registrant moves on written request,
    registration on it is refused, and a move needs a written note."""
    from kaoping.selection import services

    campaign, a, b = setup
    for _ in range(3):
        register(campaign, a, eligible_person(tree.office))
    movers = [register(campaign, b, eligible_person(tree.office)) for _ in range(2)]
    past_deadline(campaign)
    services.campaign_advance(actor=None, campaign=campaign, confirm=True)
    b.refresh_from_db()
    assert b.get_status_display() == "报名不足未开考"
    movers = [Registration.objects.select_related("campaign", "position").get(pk=m.pk) for m in movers]
    with pytest.raises(DomainError):
        regsvc.registration_move(actor=None, registration=movers[0], to_position=a, request_note="")
    moved = regsvc.registration_move(
        actor=None, registration=movers[0], to_position=a, request_note="书面申请改报"
    )
    assert moved.position == a and moved.changes_made == 0
    assert a.registrations.filter(is_active=True).count() == 4
