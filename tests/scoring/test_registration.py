"""Registration rules R000-02 … R000-05 (seed 000)."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.errors import SchemeError
from kaoping.scoring.registration import (
    check_change,
    check_deadline,
    check_single_position,
    positions_not_opened,
    positions_opening,
)

CST = timezone(timedelta(hours=8))
DEADLINE = datetime(2011, 10, 9, 17, 0, tzinfo=CST)
PUBLISHED = datetime(2011, 10, 9, 9, 0, tzinfo=CST)


@pytest.mark.parametrize(
    ("existing", "allowed"), [((), True), (("办公厅副主任",), False), (("a", "b"), False)]
)
def test_R000_02_one_position_per_person(existing, allowed):
    """R000-02: each person registers for at most one position per campaign."""
    result = check_single_position(existing)
    assert result.allowed is allowed and result.rule == "R000-02"


def test_R000_02_limit_is_data():
    """R000-02: the limit is a setting; it must be at least 1."""
    assert check_single_position(("a",), limit=2).allowed
    with pytest.raises(SchemeError):
        check_single_position((), limit=0)


@pytest.mark.parametrize(
    ("now", "inclusive", "allowed"),
    [
        (datetime(2011, 10, 9, 16, 59, tzinfo=CST), True, True),
        (datetime(2011, 10, 9, 17, 0, tzinfo=CST), True, True),  # exactly on the deadline: accepted
        (datetime(2011, 10, 9, 17, 0, tzinfo=CST), False, False),  # strict reading
        (datetime(2011, 10, 9, 17, 0, 1, tzinfo=CST), True, False),
        (datetime(2011, 10, 9, 8, 59, tzinfo=UTC), True, True),  # 16:59 in Beijing
        (datetime(2011, 10, 9, 9, 1, tzinfo=UTC), True, False),  # 17:01 in Beijing
    ],
)
def test_R000_04_deadline(now, inclusive, allowed):
    """R000-04: registration closes 2011-10-09 17:00; aware datetimes compare across zones."""
    result = check_deadline(now, DEADLINE, inclusive=inclusive)
    assert result.allowed is allowed and result.rule == "R000-04"


def test_R000_04_naive_datetimes_refused():
    """R000-04: naive datetimes are refused (SchemeError naming the argument)."""
    with pytest.raises(SchemeError) as exc:
        check_deadline(datetime(2011, 10, 9, 12, 0), DEADLINE)
    assert exc.value.field == "now"


@pytest.mark.parametrize(
    ("changes", "now", "published", "written", "allowed", "fragment"),
    [
        (0, datetime(2011, 10, 9, 10, 0, tzinfo=CST), PUBLISHED, True, True, "可调整"),
        (1, datetime(2011, 10, 9, 10, 0, tzinfo=CST), PUBLISHED, True, False, "最多书面申请调整1次"),
        (0, datetime(2011, 10, 9, 8, 0, tzinfo=CST), PUBLISHED, True, False, "尚未发布"),
        (0, datetime(2011, 10, 9, 10, 0, tzinfo=CST), None, True, False, "尚未发布"),
        (0, datetime(2011, 10, 9, 18, 0, tzinfo=CST), PUBLISHED, True, False, "截止"),
        (0, datetime(2011, 10, 9, 10, 0, tzinfo=CST), PUBLISHED, False, False, "书面申请"),
    ],
)
def test_R000_03_change_at_most_once(changes, now, published, written, allowed, fragment):
    """R000-03: after the counts are published, at most one written change, before the deadline."""
    result = check_change(changes, now, DEADLINE, counts_published_at=published, is_written=written)
    assert result.allowed is allowed and result.rule == "R000-03"
    assert fragment in result.reason


def test_R000_03_negative_changes_refused():
    """R000-03: a negative change count is a SchemeError."""
    with pytest.raises(SchemeError):
        check_change(-1, PUBLISHED, DEADLINE, counts_published_at=PUBLISHED)


def test_R000_05_positions_with_fewer_than_three_not_opened():
    """R000-05: fewer than 3 registrants at the deadline → not opened; exactly 3 opens."""
    counts = {"办公厅副主任": 5, "法律工作部副部长": 3, "资产监督管理部副部长": 2, "全总信息中心副主任": 0}
    assert positions_not_opened(counts) == ("全总信息中心副主任", "资产监督管理部副部长")
    decisions = {d.position: d for d in positions_opening(counts)}
    assert decisions["法律工作部副部长"].is_opened
    assert "改报其他职位" in decisions["资产监督管理部副部长"].reason


@pytest.mark.parametrize(("counts", "minimum"), [({"a": -1}, 3), ({"a": 1}, 0)])
def test_R000_05_invalid_inputs(counts, minimum):
    """R000-05: negative counts or a minimum below 1 are SchemeErrors."""
    with pytest.raises(SchemeError):
        positions_opening(counts, minimum=minimum)


@given(st.dictionaries(st.text(min_size=1, max_size=4), st.integers(0, 10), max_size=8), st.integers(1, 6))
def test_R000_05_property_threshold_and_order_independence(counts, minimum):
    """R000-05: a position opens iff its count ≥ minimum, whatever the order of the mapping."""
    closed = set(positions_not_opened(counts, minimum=minimum))
    assert closed == {k for k, v in counts.items() if v < minimum}
    reversed_counts = dict(reversed(list(counts.items())))
    assert positions_not_opened(reversed_counts, minimum=minimum) == positions_not_opened(
        counts, minimum=minimum
    )
