"""Verifiable random draws: R000-22."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.draws import draw, generate_seed, item_key, verify_draw

NAMES = ["张三", "李四", "王五", "赵六", "钱七"]


def test_R000_22_draw_is_recomputable_from_seed():
    """R000-22: anyone with the published seed and the list recomputes the same order and digest."""
    result = draw(NAMES, "2011-10-17 笔试座位")
    expected = sorted(NAMES, key=lambda n: hashlib.sha256(f"2011-10-17 笔试座位\n{n}".encode()).hexdigest())
    assert list(result.order) == expected
    assert result.seed == "2011-10-17 笔试座位"
    assert result.digest == hashlib.sha256("\n".join(["2011-10-17 笔试座位", *expected]).encode()).hexdigest()
    assert dict(result.keys)["张三"] == item_key("2011-10-17 笔试座位", "张三")
    assert verify_draw(result, list(reversed(NAMES)))
    assert result.position(result.order[0]) == 1
    assert result.rule == "R000-22"


def test_R000_22_different_seed_gives_recorded_different_digest():
    """R000-22: a tampered record (other order) fails verification."""
    result = draw(NAMES, "seed-a")
    other = draw(NAMES, "seed-b")
    assert result.digest != other.digest
    forged = type(result)(
        order=tuple(reversed(result.order)), seed=result.seed, keys=result.keys, digest=result.digest
    )
    assert not verify_draw(forged, NAMES)


def test_R000_22_generated_seed_is_random_hex():
    """R000-22: without a supplied seed, one is generated with secrets (32 hex chars) and recorded."""
    a, b = draw(NAMES), draw(NAMES)
    assert len(a.seed) == 32 and int(a.seed, 16) >= 0
    assert a.seed != b.seed
    assert len(generate_seed(8)) == 16


@pytest.mark.parametrize(("items", "seed"), [(["a", "a"], "s"), (["a", ""], "s"), (["a"], "")])
def test_R000_22_bad_input_refused(items, seed):
    """R000-22: duplicate or empty items and an empty seed are refused."""
    with pytest.raises(ValueError):
        draw(items, seed)


@given(
    st.lists(st.text(min_size=1, max_size=5), min_size=1, max_size=20, unique=True),
    st.text(min_size=1),
    st.randoms(),
)
def test_R000_22_permutation_and_input_order_independent(items, seed, rnd):
    """R000-22 property: the result is a permutation of the items and ignores the input order."""
    shuffled = list(items)
    rnd.shuffle(shuffled)
    a, b = draw(items, seed), draw(shuffled, seed)
    assert sorted(a.order) == sorted(items)
    assert a == b
