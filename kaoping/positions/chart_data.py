"""The plan's structure chart: categories (quota vs set) and the professional bands vs the target ratio,
as plain data for kaoping.documents.charts (used by the plan page and the plan document)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from kaoping.documents import charts
from kaoping.positions import selectors
from kaoping.positions.models import EstablishmentPlan, PostCategory

DEFAULT_BANDS = (
    {"name": "高级", "from": 1, "to": 7},
    {"name": "中级", "from": 8, "to": 10},
    {"name": "初级", "from": 11, "to": 13},
)


def _professional_bands(plan: EstablishmentPlan) -> tuple[list[dict], list]:
    """The 高级/中级/初级 bands of the plan's template (with their target ratio), or the defaults."""
    for rule in (plan.template or {}).get("structure_ratios", []):
        if rule.get("category") == PostCategory.PROFESSIONAL and len(rule.get("bands", [])) == len(
            rule.get("ratio", [])
        ):
            if all("from" in b for b in rule["bands"]):
                return list(rule["bands"]), list(rule["ratio"])
    return list(DEFAULT_BANDS), [0, 0, 0]


def _in_band(grade: int, band: dict) -> bool:
    if "grades" in band:
        return grade in band["grades"]
    return int(band["from"]) <= grade <= int(band["to"])


def structure_chart_data(plan: EstablishmentPlan) -> charts.StructureChartData:
    summary = selectors.category_summary(plan)
    categories = [charts.CategoryBar(r["label"], r["quota"], r["used"]) for r in summary]
    professional = [ln for ln in plan.lines.all() if ln.category == PostCategory.PROFESSIONAL]
    bands: list[charts.BandBar] = []
    bands_title = ""
    if professional:
        specs, ratio = _professional_bands(plan)
        for band, part in zip(specs, ratio, strict=True):
            count = sum(ln.count for ln in professional if _in_band(ln.grade, band))
            bands.append(charts.BandBar(band["name"], count, Decimal(str(part))))
        if any(ratio):
            bands_title = _("专业技术岗位结构（目标比例 %(ratio)s）") % {
                "ratio": "∶".join(str(x) for x in ratio)
            }
    return charts.StructureChartData(
        title=_("%(unit)s岗位结构") % {"unit": plan.unit.name},
        categories=categories,
        bands=bands,
        bands_title=bands_title,
    )


def plan_chart(plan: EstablishmentPlan, fmt: str = "svg") -> bytes:
    plan = selectors.plan_with_rows(plan.pk)
    return charts.structure_chart(structure_chart_data(plan), fmt)
