"""The derivation tag shows the formula with actual values, parts, and incomplete reasons (G-6)."""

from decimal import Decimal

from django.template import Context, Template

from kaoping.scoring.trace import Derivation, incomplete

TEMPLATE = Template("{% load derivations %}{% derivation d %}")


def _render(d) -> str:
    return TEMPLATE.render(Context({"d": d}))


def test_renders_value_formula_rule_and_parts():
    a = Derivation("A", Decimal("32.00"), "(7×1 + 2×0.5)×40/10", rule="R000-15")
    b = Derivation("B", Decimal("45.00"), "(30×1 + 15×0.5)×60/50", rule="R000-15")
    total = Derivation("民主测评分数", Decimal("77.00"), "A 32.00 + B 45.00", rule="R000-15", parts=(a, b))
    html = _render(total)
    assert "民主测评分数" in html and "77.00" in html and "A 32.00 + B 45.00" in html
    assert "(7×1 + 2×0.5)×40/10" in html and "(30×1 + 15×0.5)×60/50" in html
    assert "R000-15" in html


def test_renders_stored_dict_form_and_incomplete_reason():
    d = incomplete("基础分", "缺少2009年度考核结果", rule="R000-14").to_dict()
    html = _render(d)
    assert "无法计算" in html and "缺少2009年度考核结果" in html
    assert "0.00" not in html
