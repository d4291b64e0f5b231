"""Server-side charts (matplotlib, Agg): SVG for pages and PDF, PNG for Word. Plain data in, bytes out — no
ORM, no request.

The CJK font is named explicitly (``Noto Sans CJK SC`` first, see :data:`CJK_FONT_CANDIDATES`); when none
is installed the chart is still drawn, Chinese text shows as boxes, and a warning says which font to
install (the system check ``kaoping.W001`` says the same at start-up). SVG output is deterministic — a
fixed ``svg.hashsalt``, no date metadata, glyphs drawn as paths — so the same data gives the same bytes and
pages do not depend on fonts installed on the client. Text drawn as paths is kept in the SVG as comments
(``<!-- 管理岗位 -->``), so the file remains searchable.
"""

from __future__ import annotations

import functools
import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")  # no display on servers; must precede any pyplot import anywhere in the process

from django.utils.translation import gettext as _
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

CJK_FONT_CANDIDATES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
)
FALLBACK_FONT = "DejaVu Sans"
SVG_HASH_SALT = "kaoping"
COLORS = {"quota": "#9DB9D8", "used": "#2F5D8A", "target": "#F2C38B", "actual": "#C0504D"}
FORMATS = ("svg", "png")


class CJKFontMissing(UserWarning):
    """No CJK font is installed: Chinese text in charts renders as empty boxes."""


@functools.cache
def cjk_font_name() -> str:
    """The first installed font of :data:`CJK_FONT_CANDIDATES`, or the fallback with a warning."""
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for name in CJK_FONT_CANDIDATES:
        if name in installed:
            return name
    looked_for = ", ".join(CJK_FONT_CANDIDATES)
    warnings.warn(
        f"No CJK font found for charts (looked for {looked_for}); Chinese text will not render. "
        "Install one, e.g. `apt-get install fonts-noto-cjk`.",
        CJKFontMissing,
        stacklevel=2,
    )
    return FALLBACK_FONT


@dataclass(frozen=True)
class CategoryBar:
    """A post category: its approved quota and the posts set in the distribution table."""

    label: str
    quota: int
    used: int


@dataclass(frozen=True)
class BandBar:
    """A professional band (高级/中级/初级): posts set and its part of the target ratio (e.g. 5 of 5:4:4)."""

    label: str
    count: int
    target_ratio: Decimal | int | float = 0


@dataclass(frozen=True)
class StructureChartData:
    title: str
    categories: Sequence[CategoryBar] = field(default_factory=tuple)
    bands: Sequence[BandBar] = field(default_factory=tuple)
    bands_title: str = ""  # e.g. "专业技术岗位结构（高级∶中级∶初级 = 5∶4∶4）"


def band_targets(bands: Sequence[BandBar]) -> list[float]:
    """The posts each band would hold if the bands' total were split exactly by the target ratio."""
    total = sum(b.count for b in bands)
    parts = sum(Decimal(str(b.target_ratio)) for b in bands)
    if not parts:
        return [0.0 for _b in bands]
    return [float(Decimal(total) * Decimal(str(b.target_ratio)) / parts) for b in bands]


def _fmt(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _grouped(ax, labels: list[str], series: list[tuple[str, list[float], str]], ylabel: str) -> None:
    n = len(series)
    width = 0.8 / max(n, 1)
    xs = list(range(len(labels)))
    top = max([max(values, default=0) for _l, values, _c in series], default=0)
    for i, (name, values, color) in enumerate(series):
        offset = (i - (n - 1) / 2) * width
        bars = ax.bar([x + offset for x in xs], values, width, label=name, color=color)
        ax.bar_label(bars, labels=[_fmt(v) for v in values], padding=2, fontsize=9)
    ax.set_xticks(xs, labels)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, max(top * 1.22, 1))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, fontsize=9, loc="upper right")


def structure_chart(data: StructureChartData, fmt: str = "svg") -> bytes:
    """A grouped bar chart of the plan's structure: posts per category (quota vs set) and, when bands are
    given, the professional band distribution vs the target ratio. ``fmt`` is "svg" or "png"."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}; expected one of {FORMATS}")
    rc = {
        "font.family": [cjk_font_name(), FALLBACK_FONT],
        "font.size": 10,
        "axes.unicode_minus": False,
        "svg.hashsalt": SVG_HASH_SALT,
        "svg.fonttype": "path",
    }
    with matplotlib.rc_context(rc):
        panels = 2 if data.bands else 1
        fig = Figure(figsize=(4.6 * panels + 0.6, 3.8), dpi=100, layout="constrained")
        axes = fig.subplots(1, panels, squeeze=False)[0]
        fig.suptitle(data.title, fontsize=13, fontweight="bold")
        _grouped(
            axes[0],
            [c.label for c in data.categories],
            [
                (_("核准岗位数"), [c.quota for c in data.categories], COLORS["quota"]),
                (_("已设置岗位数"), [c.used for c in data.categories], COLORS["used"]),
            ],
            _("岗位数"),
        )
        axes[0].set_title(_("各类别岗位"), fontsize=11)
        if data.bands:
            series = [(_("已设置岗位数"), [b.count for b in data.bands], COLORS["actual"])]
            if any(b.target_ratio for b in data.bands):
                series.insert(0, (_("按结构比例"), band_targets(data.bands), COLORS["target"]))
            _grouped(axes[1], [b.label for b in data.bands], series, _("岗位数"))
            axes[1].set_title(data.bands_title or _("专业技术岗位结构"), fontsize=11)
        buffer = io.BytesIO()
        if fmt == "svg":
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Title": data.title})
        else:
            fig.savefig(buffer, format="png", dpi=200, metadata={"Title": data.title})
    return buffer.getvalue()
