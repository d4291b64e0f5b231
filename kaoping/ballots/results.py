"""Results as display rows and the 测评结果汇总表 workbook, with small-group suppression applied.

Rows are ordered by content (subject order, then label), never by how ballots were inserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from kaoping.ballots.selectors import RoundResults
from kaoping.documents.xlsx import Column, TableSheet, TextSheet, workbook_bytes
from kaoping.scoring.decimals import fmt


@dataclass(frozen=True)
class ItemRow:
    label: str
    combined: list[int] | None  # votes per option over all groups (None = suppressed)
    by_group: list[tuple[str, list[int]]] | None  # (group label, votes per option) (None = suppressed)
    valid: int
    shares: list[str]  # per option, as percentages (empty when suppressed)


@dataclass(frozen=True)
class SubjectRow:
    label: str
    external_ref: str
    items: list[ItemRow]
    score: str
    score_text: str
    derivation: object


def score_text(score, show_groups: bool) -> str:
    """The score with its formula — which names each group's counts, so only when groups may be shown."""
    if score is None:
        return ""
    if show_groups or score.value is None:
        return score.text() if show_groups else f"{score.label}：无法计算"
    return _("%(label)s %(value)s（分组明细已隐去）") % {"label": score.label, "value": fmt(score.value, 2)}


def _pct(value: Decimal) -> str:
    return f"{fmt(value * 100, 2)}%"


def subject_rows(
    results: RoundResults, group_labels: dict[str, str], subject_order: dict[int, int]
) -> list[SubjectRow]:
    template = results.template
    options = template.option_names
    sup = results.suppression
    rows = []
    for sr in _ordered(results, subject_order):
        items = []
        for item in template.items:
            combined = sr.combined(item.key)
            valid = sum(combined.values())
            items.append(
                ItemRow(
                    label=item.label,
                    combined=[combined.get(o, 0) for o in options] if sup.show_counts else None,
                    by_group=(
                        [
                            (group_labels.get(g, g), [sr.counts[g][item.key][o] for o in options])
                            for g in sr.counts
                        ]
                        if sup.show_groups
                        else None
                    ),
                    valid=valid,
                    shares=[_pct(sr.shares[item.key][o]) for o in options]
                    if sup.show_counts and sr.shares.get(item.key)
                    else [],
                )
            )
        score = sr.score
        rows.append(
            SubjectRow(
                label=sr.label,
                external_ref=sr.external_ref,
                items=items,
                score=fmt(score.value, 2) if score is not None and score.value is not None else "—",
                score_text=score_text(score, sup.show_groups),
                derivation=score if sup.show_groups else None,
            )
        )
    return rows


def _ordered(results: RoundResults, subject_order: dict[int, int]):
    return sorted(results.subjects, key=lambda s: (subject_order.get(s.subject_id, 0), s.label, s.subject_id))


def results_workbook(
    results: RoundResults, *, title: str, group_labels: dict[str, str], subject_order: dict[int, int]
) -> bytes:
    """测评结果汇总表: one row per subject and item; per-group columns only when not suppressed."""
    template = results.template
    options = template.option_names
    sup = results.suppression
    groups = list(results.eligible_by_group)
    columns = [Column(_("序号"), 6), Column(_("测评对象"), 20), Column(_("测评项目"), 10)]
    if sup.show_counts:
        columns += [Column(_("%(o)s（票）") % {"o": o}, 10) for o in options]
    columns.append(Column(_("有效票"), 8))
    if sup.show_groups:
        for g in groups:
            columns += [Column(f"{group_labels.get(g, g)}·{o}", 12) for o in options]
    columns += [Column(_("测评得分"), 10), Column(_("计算过程"), 60)]
    rows = []
    for n, sr in enumerate(_ordered(results, subject_order), start=1):
        score = sr.score
        score_value = score.value if score is not None else None
        for index, item in enumerate(template.items):
            combined = sr.combined(item.key)
            row: list = [n if index == 0 else None, sr.label if index == 0 else None, item.label]
            if sup.show_counts:
                row += [combined.get(o, 0) for o in options]
            row.append(sum(combined.values()))
            if sup.show_groups:
                for g in groups:
                    row += [sr.counts[g][item.key][o] for o in options]
            row += [
                score_value if index == 0 else None,
                score_text(score, sup.show_groups) if index == 0 else None,
            ]
            rows.append(row)
    p = results.participation
    lines = [
        _("%(t)s 测评结果汇总表") % {"t": title},
        _("测评结果：%(v)s") % {"v": _("有效") if results.is_valid else _("无效")},
        *[_("无效原因：%(r)s") % {"r": r} for r in results.invalid_reasons],
        _("参加情况：%(p)s") % {"p": p.derivation.text()},
        *[
            _("%(g)s：应参加 %(e)s 人，收回 %(r)s 票，发出 %(i)s 张")
            % {
                "g": group_labels.get(g, g),
                "e": results.eligible_by_group[g],
                "r": results.returned_by_group[g],
                "i": results.issued_by_group[g],
            }
            for g in groups
        ],
        *[_("明细隐去：%(r)s") % {"r": r} for r in sup.reasons],
    ]
    return workbook_bytes([TableSheet(_("测评结果汇总表"), columns, rows), TextSheet(_("说明"), lines)])
