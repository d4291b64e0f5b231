"""The annual demo: a 2011 round over the org demo tree with two team types, a veto and proposals;
loading twice changes nothing."""

from __future__ import annotations

from kaoping.annual.demo import TITLE, load_annual_demo
from kaoping.annual.models import AnnualRound, Flag, Proposal
from kaoping.org.demo import load_demo


def test_demo_round_is_graded_and_idempotent(db):
    load_demo()
    load_annual_demo()
    load_annual_demo()
    rnd = AnnualRound.objects.get(title=TITLE)
    assert AnnualRound.objects.count() == 1
    assert rnd.stage == AnnualRound.Stage.GRADING
    assert set(rnd.teams.values_list("team_type__kind", flat=True)) == {"affiliated", "agency"}
    assert Flag.objects.filter(round=rnd, name="一票否决").count() == 1
    vetoed = Flag.objects.get(round=rnd, name="一票否决").team
    proposal = Proposal.objects.get(team=vetoed)
    assert proposal.grade not in ("好", "较好")
    assert Proposal.objects.filter(round=rnd).count() == rnd.teams.count() + rnd.cadres.count()
    assert not Proposal.objects.filter(round=rnd, status="incomplete").exists()


def test_demo_without_org_tree_does_nothing(db):
    load_annual_demo()
    assert not AnnualRound.objects.exists()
