from decimal import Decimal

import pytest

from kaoping.ballots.demo import DEMO_REF, load_ballots_demo
from kaoping.ballots.models import Ballot, EvaluationRound
from kaoping.ballots.selectors import round_results

pytestmark = pytest.mark.django_db


def test_demo_is_a_closed_valid_round_and_loads_once():
    load_ballots_demo()
    load_ballots_demo()
    rnd = EvaluationRound.objects.get(external_ref=DEMO_REF)
    assert EvaluationRound.objects.filter(external_ref=DEMO_REF).count() == 1
    assert rnd.is_closed and not rnd.is_test
    assert Ballot.objects.filter(round=rnd).count() == 53
    res = round_results(rnd)
    assert res.is_valid, res.invalid_reasons
    scores = {s.label: s.score.value for s in res.subjects}
    # 王建国: A (7 + 2×0.5)×40/9 = 35.56, B (34 + 8×0.5)×60/44 = 51.82 → 87.38 (R000-15)
    assert scores["王建国"] == Decimal("87.38")
