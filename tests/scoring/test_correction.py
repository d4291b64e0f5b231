"""Group correction across interview panels: RP-03."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kaoping.scoring.correction import CorrectionSettings, OverallMean, correct_panels
from kaoping.scoring.decimals import Rounding

PANELS = {"一组": {"甲": D(80), "乙": D(90)}, "二组": {"丙": D(70), "丁": D(80), "戊": D(90)}}


def test_RP_03_mean_of_panel_means():
    """RP-03: overall = mean of panel means = (85 + 80)/2 = 82.5; coefficient = 82.5/own mean."""
    result = correct_panels(PANELS)
    assert result.applied
    assert result.overall_mean == D("82.5")
    by = result.by_candidate()
    assert by["甲"].coefficient == D("82.5") / D("85")
    assert [by[c].final for c in ["甲", "乙", "丙", "丁", "戊"]] == [
        D("77.65"),
        D("87.35"),
        D("72.19"),
        D("82.50"),
        D("92.81"),
    ]
    assert by["甲"].raw == D(80)
    assert by["丙"].derivation.rule == "RP-03"
    assert "本组平均分 80" in by["丙"].derivation.formula


def test_RP_03_pooled_mean_option():
    """RP-03: pooled overall mean = (80+90+70+80+90)/5 = 82; 甲 = 80 × 82/85 = 77.18."""
    result = correct_panels(PANELS, CorrectionSettings(overall=OverallMean.POOLED))
    assert result.overall_mean == D("82")
    by = result.by_candidate()
    assert by["甲"].final == D("77.18")
    assert by["丁"].final == D("82.00")  # 80 × 82/80


def test_RP_03_coefficient_precision_is_a_setting():
    """RP-03: coefficient rounded to 4 places first (0.9706) → 甲 = 80 × 0.9706 = 77.65; 乙 87.35."""
    result = correct_panels(PANELS, CorrectionSettings(coefficient_rounding=Rounding(places=4)))
    by = result.by_candidate()
    assert by["甲"].coefficient == D("0.9706")
    assert by["乙"].final == D("87.35")
    assert by["丙"].coefficient == D("1.0313")
    assert by["丙"].final == D("72.19")


def test_RP_03_drop_top_and_bottom_before_means():
    """RP-03: with trim_k = 1, panel 二组 mean uses 80 only; 一组 needs > 2 candidates → incomplete."""
    result = correct_panels(PANELS, CorrectionSettings(trim_k=1))
    assert result.overall_mean is None
    assert all(s.final is None for s in result.scores)
    assert result.incomplete_reasons == ("考官组 一组 仅 2 名考生，去掉最高、最低各 1 个后无分可用",)
    bigger = {"一组": {"a": D(60), "b": D(70), "c": D(80)}, "二组": {"d": D(70), "e": D(90), "f": D(100)}}
    res = correct_panels(bigger, CorrectionSettings(trim_k=1))
    assert dict(res.panel_means) == {"一组": D(70), "二组": D(90)}
    assert res.by_candidate()["e"].final == D("80.00")  # 90 × 80/90


def test_RP_03_single_panel_not_applied():
    """RP-03: only when a position spans panels; one panel → coefficient 1, final = raw."""
    result = correct_panels({"一组": {"甲": D("80.456")}})
    assert not result.applied
    assert result.scores[0].coefficient == D(1)
    assert result.scores[0].final == D("80.46")


def test_RP_03_candidate_in_two_panels_refused():
    """RP-03: a candidate belongs to exactly one panel."""
    with pytest.raises(ValueError):
        correct_panels({"一组": {"甲": D(80)}, "二组": {"甲": D(70)}})


panel = st.dictionaries(
    st.text(min_size=1, max_size=3), st.integers(min_value=50, max_value=100), min_size=1, max_size=5
)


@given(panel, panel)
def test_RP_03_equal_panel_means_change_nothing(a, b):
    """RP-03 property: when both panels already have the same mean, finals equal raws."""
    a = {f"a{k}": D(v) for k, v in a.items()}
    b = {f"b{k}": D(v) for k, v in b.items()}
    mean_a = sum(a.values()) / len(a)
    b2 = {k: mean_a for k in b}
    result = correct_panels({"x": a, "y": b2})
    for s in result.scores:
        assert s.final == s.raw.quantize(D("0.01"))
