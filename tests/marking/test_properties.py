"""Properties: the stored pipeline (rows → adapter → engine) gives exactly what the pure engine gives for the
same marks (R000-18, RP-04), and blind codes are a verifiable permutation (R000-22)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaoping.marking.models import Mark, MarkerAssignment
from kaoping.marking.resolution import paper_states, scoring_items
from kaoping.scoring.double_marking import MODES, ItemMarks
from kaoping.scoring.exam_papers import resolve_paper
from tests.marking.conftest import build_exam

pytestmark = pytest.mark.django_db

marks_st = st.lists(
    st.integers(min_value=0, max_value=80).map(lambda n: Decimal(n) / 2), min_size=0, max_size=3
)


class _Rollback(Exception):
    pass


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    case=marks_st,
    essay=marks_st.map(lambda xs: [min(x, Decimal(40)) for x in xs]),
    arb=st.one_of(st.none(), st.integers(min_value=0, max_value=40).map(Decimal)),
)
def test_stored_pipeline_equals_pure_engine_rp_04(hr_admin, tree, case, essay, arb):
    try:
        with transaction.atomic():
            setup = build_exam(hr_admin, tree, mode="2+1", n=1)
            exam, cand = setup.exam, setup.candidates[0]
            users = setup.markers
            for key, values in (("case", case), ("essay", essay)):
                for r, (u, v) in enumerate(zip(users, values, strict=False), start=1):
                    Mark.objects.create(
                        exam=exam, candidate=cand, item=setup.items[key], marker=u, value=v, round=r
                    )
            if arb is not None:
                Mark.objects.create(
                    exam=exam,
                    candidate=cand,
                    item=setup.items["case"],
                    marker=setup.arbitrator,
                    value=arb,
                    kind=Mark.Kind.ARBITRATION,
                )
            stored = paper_states(exam)[cand.pk][0]
            pure = resolve_paper(
                scoring_items(exam.items.all()),
                MODES["2+1"],
                {"case": ItemMarks(tuple(case), arb), "essay": ItemMarks(tuple(essay))},
            )
            assert stored == pure
            raise _Rollback
    except _Rollback:
        pass


@pytest.mark.parametrize("n", [1, 2, 7])
def test_codes_are_a_verifiable_permutation_r000_22(hr_admin, tree, n):
    from kaoping.marking import services_draws
    from kaoping.marking.models import Draw

    setup = build_exam(hr_admin, tree, n=n)
    codes = sorted(c.blind_code for c in setup.candidates)
    assert codes == [f"M{i:04d}" for i in range(1, n + 1)]
    draw = Draw.objects.get(kind="exam_codes")
    draw.seed, draw.status = draw.secret_seed, Draw.Status.REVEALED  # as after the key is opened
    assert services_draws.draw_verify(draw) is True
    assert MarkerAssignment.objects.filter(exam=setup.exam).exists()
