"""The selection demo: the 2011 campaign loads through the services, twice without duplicates, and stands at
面试 with real rankings (R000-14 … R000-21) and the 2011 holiday calendar (RP-08)."""

from __future__ import annotations

import datetime as dt

import pytest

from kaoping.common.calendar import notice_end
from kaoping.common.models import CalendarDay
from kaoping.selection import services as csvc
from kaoping.selection import services_inspection as isvc
from kaoping.selection.demo import load_selection_demo
from kaoping.selection.demo_data import DOC_NUMBER
from kaoping.selection.models import Campaign, OfferedPosition, Registration, StageResult

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Loaded once for the module (it replays a whole campaign); removed afterwards."""
    with django_db_blocker.unblock():
        load_selection_demo()
        yield Campaign.objects.get(doc_number=DOC_NUMBER)
        _wipe()


def _wipe():
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def test_demo_loads_once_and_twice_without_duplicates(demo):
    counts = (
        Campaign.objects.count(),
        Registration.objects.count(),
        StageResult.objects.count(),
        CalendarDay.objects.count(),
    )
    assert load_selection_demo() is None
    assert counts == (
        Campaign.objects.count(),
        Registration.objects.count(),
        StageResult.objects.count(),
        CalendarDay.objects.count(),
    )


def test_demo_campaign_has_the_seed_positions(demo):
    assert demo.title == "2011年全总机关和直属单位领导职位竞争上岗"
    positions = list(demo.positions.order_by("order"))
    assert len(positions) == 20
    first = positions[0]
    assert (first.title, first.unit.name, first.level) == ("办公厅副主任", "办公厅", "副局级")
    assert first.duties[0] == "1、协助办公厅主任工作；" and len(first.standards) == 4
    assert positions[16].level == "正处级" and positions[16].kind == "institution"


def test_demo_stands_at_interview_with_rankings(demo):
    assert demo.stage == Campaign.Stage.INTERVIEW
    open_positions = demo.positions.filter(status=OfferedPosition.Status.OPEN)
    assert open_positions.count() >= 15
    totals = StageResult.objects.filter(campaign=demo, stage="total")
    assert totals.filter(value__isnull=False).count() >= 45
    for position in open_positions:
        ranks = sorted(totals.filter(position=position).values_list("rank", flat=True))
        assert ranks[:3] == [1, 2, 3], position.title
        assert len(isvc.inspection_candidates(position)) == 2, position.title
    assert Registration.objects.filter(campaign=demo, status="rejected").exists()
    # Ready for 考察: nothing blocks the next stage.
    assert csvc.campaign_blocking_issues(demo) == []


def test_demo_teams_are_valid_r000_23(demo):
    teams = list(demo.teams.all())
    assert len(teams) == 4
    for team in teams:
        assert isvc.team_issues(team) == [], team.name
    assert not demo.positions.filter(status="open", inspection_team__isnull=True).exists()


def test_demo_calendar_2011_rp_08(demo):
    assert CalendarDay.objects.filter(day__year=2011, is_workday=False).count() == 7
    assert notice_end(dt.date(2011, 9, 30), 5) == dt.date(2011, 10, 11)


def test_demo_pages_render(demo, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from kaoping.accounts.models import User

    hr_admin, leader = User.objects.get(username="hr"), User.objects.get(username="leader")  # demo accounts
    for user in (hr_admin, leader):
        client = client_for(user)
        for name in ("inspection", "decision", "notice"):
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(reverse(f"selection:{name}", args=[demo.pk]))
            assert response.status_code == 200, name
            print(name, len(ctx))
    body = client_for(hr_admin).get(reverse("selection:inspection", args=[demo.pk])).content.decode()
    assert "第一考察组" in body and "组成符合规定" in body
