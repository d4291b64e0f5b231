"""Democratic counts imported from a closed 民主测评 round (kaoping.ballots): the round is created from the
annual round's teams and cadres, voted, closed and imported; an invalid or open round is refused."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kaoping.annual import adapters as ad
from kaoping.annual import ballots_import
from kaoping.annual.models import DemocraticTally
from kaoping.annual.services_grading import compute
from kaoping.ballots import services as bsvc
from kaoping.ballots.services_voting import cast_ballot, credentials_issue
from kaoping.common.errors import TransitionBlocked

ASPECTS = ("德", "能", "勤", "绩", "廉")


def _run(er, n_voters: int, choose) -> None:
    """Open with ``n_voters`` eligible, cast one ballot per voter with ``choose(i, subject, item)``, close."""
    for group in er.groups.all():
        bsvc.group_update(actor=None, group=group, eligible=n_voters)
    bsvc.round_open(actor=None, round=er)
    items = [i["key"] for i in er.template["items"]]
    codes = [code for _key, code in credentials_issue(actor=None, round=er, counts={"全体": n_voters})]
    subjects = list(er.subjects.all())
    for i, code in enumerate(codes):
        cast_ballot(code=code, choices={(s.pk, item): choose(i, s, item) for s in subjects for item in items})
    bsvc.round_close(actor=None, round=er)


def test_ballot_rounds_created_voted_and_imported(scored_round, hr_admin):
    team_round, cadre_round = ballots_import.ballot_rounds_create(actor=hr_admin, round=scored_round)
    assert team_round.subjects.count() == 2 and cadre_round.subjects.count() == 4
    assert {s.external_ref.split(":")[1] for s in cadre_round.subjects.all()} == {"cadre"}
    _run(team_round, 10, lambda i, s, item: "好" if i < 7 else "较好")
    _run(cadre_round, 10, lambda i, s, item: "优秀" if i < 6 else "称职")
    assert ballots_import.import_counts(actor=hr_admin, round=scored_round, ballots_round=team_round) == 2
    assert ballots_import.import_counts(actor=hr_admin, round=scored_round, ballots_round=cadre_round) == 4
    team = scored_round.teams.get(unit__name="研究院")
    tally = DemocraticTally.objects.get(team=team, tally="main")
    assert tally.counts == {"好": 7, "较好": 3, "一般": 0, "差": 0}
    assert tally.source == DemocraticTally.Source.BALLOTS
    # 30 × (7 + 3×0.8)/10 = 28.20 — the same number the ballots app computes (R002-02)
    der, _ = compute(scored_round)[0][ad.team_key(team)]
    assert "28.20" in der.formula
    deputy = scored_round.cadres.filter(role="deputy").first()
    assert DemocraticTally.objects.get(cadre=deputy).counts == {
        "优秀": 30,
        "称职": 20,
        "基本称职": 0,
        "不称职": 0,
    }
    # 5 aspects × 10 ballots; 26 + 70 × (30 + 20×0.8)/50 = 26 + 64.40
    assert compute(scored_round)[0][ad.cadre_key(deputy)][0].value == D("90.40")


def test_invalid_ballots_round_is_refused(scored_round, hr_admin):
    """R000-16: fewer than 80 % of the eligible voters took part → the round is void, nothing imported."""
    team_round, _cadre_round = ballots_import.ballot_rounds_create(actor=hr_admin, round=scored_round)
    for group in team_round.groups.all():
        bsvc.group_update(actor=None, group=group, eligible=10)
    bsvc.round_open(actor=None, round=team_round)
    codes = [c for _k, c in credentials_issue(actor=None, round=team_round, counts={"全体": 10})]
    subjects = list(team_round.subjects.all())
    for code in codes[:5]:
        cast_ballot(code=code, choices={(s.pk, "overall"): "好" for s in subjects})
    bsvc.round_close(actor=None, round=team_round)
    before = DemocraticTally.objects.get(team__unit__name="研究院", tally="main").counts
    with pytest.raises(TransitionBlocked) as exc:
        ballots_import.import_counts(actor=hr_admin, round=scored_round, ballots_round=team_round)
    assert "无效" in exc.value.issues[0]
    assert DemocraticTally.objects.get(team__unit__name="研究院", tally="main").counts == before


def test_open_ballots_round_is_refused(scored_round, hr_admin):
    team_round, _ = ballots_import.ballot_rounds_create(actor=hr_admin, round=scored_round)
    with pytest.raises(TransitionBlocked):
        ballots_import.import_counts(actor=hr_admin, round=scored_round, ballots_round=team_round)
