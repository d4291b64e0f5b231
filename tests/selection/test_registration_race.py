"""R000-02 under concurrency (PostgreSQL): several connections register the same person for different
positions at the same moment; the database's partial unique constraint lets exactly one through and the
others get the Chinese "每人限报一个职位" refusal, never a 500."""

from __future__ import annotations

import pytest

from kaoping.common.errors import DomainError
from kaoping.selection import services_registration as regsvc
from kaoping.selection.models import Campaign, Registration
from tests.db.test_concurrency import race
from tests.selection.factories_campaign import add_position, at_stage, eligible_person, new_campaign

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_r000_02_one_active_registration_under_race(tree):
    """R000-02."""
    campaign = new_campaign()
    positions = [add_position(campaign, tree.office, f"职位{i}") for i in range(4)]
    at_stage(campaign, Campaign.Stage.REGISTRATION)
    person = eligible_person(tree.office)
    slots = iter(positions)

    def work():
        position = next(slots)
        return regsvc.registration_create(
            actor=None, campaign=Campaign.objects.get(pk=campaign.pk), person=person, position=position
        )

    results, errors = race(work, threads=4)
    assert len(results) == 1
    assert len(errors) == 3
    for exc in errors:
        assert isinstance(exc, DomainError), repr(exc)
        assert "每人限报" in exc.message
    assert Registration.objects.filter(person=person, is_active=True).count() == 1
