"""Grade distribution chart of an annual assessment (R002-03, R002-06): one grouped bar chart, one group per
team/unit type, one bar per grade. Plain data in, bytes out (SVG for pages, PNG for Word); the CJK font is
named explicitly through :func:`kaoping.documents.charts.cjk_font_name`."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from kaoping.documents.charts import FALLBACK_FONT, FORMATS, SVG_HASH_SALT, cjk_font_name

PALETTE = ("#2F5D8A", "#6A9BC3", "#9DB9D8", "#F2C38B", "#C0504D", "#8C8C8C")


def grade_distribution_chart(
    title: str, grades: Sequence[str], counts: Mapping[str, Mapping[str, int]], fmt: str = "svg"
) -> bytes:
    """``counts``: type name → grade → number of people/teams; ``grades`` fixes the bar order."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}; expected one of {FORMATS}")
    types = list(counts)
    rc = {
        "font.family": [cjk_font_name(), FALLBACK_FONT],
        "font.size": 10,
        "axes.unicode_minus": False,
        "svg.hashsalt": SVG_HASH_SALT,
        "svg.fonttype": "path",
    }
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(max(4.8, 1.6 * len(types) + 2.4), 3.8), dpi=100, layout="constrained")
        ax = fig.subplots()
        fig.suptitle(title, fontsize=13, fontweight="bold")
        n = max(len(grades), 1)
        width = 0.8 / n
        xs = list(range(len(types)))
        top = 0
        for i, grade in enumerate(grades):
            values = [counts[t].get(grade, 0) for t in types]
            top = max([top, *values])
            offset = (i - (n - 1) / 2) * width
            bars = ax.bar(
                [x + offset for x in xs], values, width, label=grade, color=PALETTE[i % len(PALETTE)]
            )
            ax.bar_label(bars, labels=[str(v) for v in values], padding=2, fontsize=9)
        ax.set_xticks(xs, types)
        ax.set_ylim(0, max(top * 1.25, 1))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(frameon=False, fontsize=9, loc="upper right")
        buffer = io.BytesIO()
        if fmt == "svg":
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Title": title})
        else:
            fig.savefig(buffer, format="png", dpi=200, metadata={"Title": title})
    return buffer.getvalue()
