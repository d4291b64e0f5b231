"""Chart of the target assessment: units' self totals against their (final or current) totals, as
horizontal bars in ranking order. Plain data in, bytes out; same renderer settings as ``charts``."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
from django.utils.translation import gettext as _
from matplotlib.figure import Figure

from kaoping.documents.charts import COLORS, FALLBACK_FONT, FORMATS, SVG_HASH_SALT, cjk_font_name


@dataclass(frozen=True)
class UnitBar:
    label: str
    self_total: float | None
    total: float | None


def ranking_chart(title: str, bars: Sequence[UnitBar], fmt: str = "svg") -> bytes:
    """Grouped horizontal bars: 自评合计 vs 考核得分 per unit, first unit on top."""
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
        height = 1.2 + 0.45 * max(len(bars), 1)
        fig = Figure(figsize=(8, height), dpi=100, layout="constrained")
        ax = fig.subplots()
        fig.suptitle(title, fontsize=12, fontweight="bold")
        ys = list(range(len(bars)))[::-1]
        width = 0.38
        series = [
            (_("自评合计"), [b.self_total or 0 for b in bars], COLORS["quota"], width / 2),
            (_("考核得分"), [b.total or 0 for b in bars], COLORS["used"], -width / 2),
        ]
        for name, values, color, offset in series:
            rects = ax.barh([y + offset for y in ys], values, width, label=name, color=color)
            ax.bar_label(rects, labels=[f"{v:.2f}" for v in values], padding=2, fontsize=8)
        ax.set_yticks(ys, [b.label for b in bars])
        top = max([v for _n, vals, _c, _o in series for v in vals], default=0)
        ax.set_xlim(0, max(top * 1.15, 1))
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(frameon=False, fontsize=9, loc="lower right")
        buffer = io.BytesIO()
        if fmt == "svg":
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Title": title})
        else:
            fig.savefig(buffer, format="png", dpi=200, metadata={"Title": title})
    return buffer.getvalue()
