"""Interview score sheet (面试评分表) for one examiner's signature, and blind-code labels (密号条) for answer
sheets. Plain data in, .docx bytes out — no ORM, no request.

The score sheet prints exactly the stored marks (as given, Decimal → text without re-rounding), so the
signed paper and the database cannot disagree — the re-typing from paper that moved a candidate from 14th to
26th (85 keyed as 81) has nothing to re-type.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from kaoping.documents.docx import Cell, DocumentSpec, Paragraph, Table, Title, docx_bytes


@dataclass(frozen=True)
class SheetPart:
    key: str
    label: str
    max_score: Decimal


@dataclass(frozen=True)
class SheetRow:
    order_no: int | None
    name: str
    values: dict[str, Decimal | None]  # part key → mark (None = not submitted)
    total: Decimal | None
    submitted_at: str = ""


@dataclass(frozen=True)
class ScoreSheet:
    title: str
    panel: str
    examiner: str
    role: str
    parts: Sequence[SheetPart]
    rows: Sequence[SheetRow]
    date_text: str = ""


def _num(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def score_sheet_docx(sheet: ScoreSheet) -> bytes:
    """One examiner's marks for every candidate of the panel, with a signature line."""
    header = (
        ["面试顺序", "考生姓名"]
        + [f"{p.label}（{_num(p.max_score)}分）" for p in sheet.parts]
        + ["合计", "提交时间"]
    )
    rows = [
        [
            "" if r.order_no is None else str(r.order_no),
            r.name,
            *[_num(r.values.get(p.key)) for p in sheet.parts],
            _num(r.total),
            r.submitted_at,
        ]
        for r in sheet.rows
    ]
    n = len(sheet.parts)
    blocks = [
        Title(f"{sheet.title}评分表"),
        Paragraph(f"考官组：{sheet.panel}    考官：{sheet.examiner}（{sheet.role}）"),
        Table(
            header=[Cell(h, bold=True, align="center") for h in header],
            rows=rows,
            widths=[1.8, 2.6] + [2.6] * n + [2.0, 3.6],
            align=["center", "left"] + ["right"] * (n + 1) + ["center"],
        ),
        Paragraph("本表分数与系统中已提交的评分一致，经核对无误。"),
        Paragraph(f"考官签名：________________        日期：{sheet.date_text or '________________'}"),
    ]
    return docx_bytes(DocumentSpec(blocks=blocks, title=f"{sheet.title}评分表"))


CJK_FONT = "Noto Sans CJK SC"


def score_sheet_html(sheet: ScoreSheet) -> str:
    """The same sheet as HTML (A4 landscape) for the PDF."""
    esc = html.escape
    head = [
        "面试顺序",
        "考生姓名",
        *[f"{p.label}（{_num(p.max_score)}分）" for p in sheet.parts],
        "合计",
        "提交时间",
    ]
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{esc(v)}</td>"
            for v in (
                "" if r.order_no is None else str(r.order_no),
                r.name,
                *[_num(r.values.get(p.key)) for p in sheet.parts],
                _num(r.total),
                r.submitted_at,
            )
        )
        + "</tr>"
        for r in sheet.rows
    )
    style = (
        f"@page {{ size: A4 landscape; margin: 1.5cm; }} body {{ font-family: '{CJK_FONT}'; font-size: 11pt; }}"
        " h1 { text-align: center; font-size: 18pt; } table { border-collapse: collapse; width: 100%; }"
        " th, td { border: 1px solid #000; padding: 4pt 6pt; text-align: center; } .sign { margin-top: 24pt; }"
    )
    return (
        f'<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><style>{style}</style></head><body>'
        f"<h1>{esc(sheet.title)}评分表</h1>"
        f"<p>考官组：{esc(sheet.panel)}　　考官：{esc(sheet.examiner)}（{esc(sheet.role)}）</p>"
        f"<table><thead><tr>{''.join(f'<th>{esc(h)}</th>' for h in head)}</tr></thead><tbody>{body}</tbody></table>"
        "<p>本表分数与系统中已提交的评分一致，经核对无误。</p>"
        f'<p class="sign">考官签名：________________　　日期：{esc(sheet.date_text or "________________")}</p>'
        "</body></html>"
    )


def score_sheet_pdf(sheet: ScoreSheet) -> bytes:
    from weasyprint import HTML  # imported late: optional at run time (see kaoping.checks)

    return HTML(string=score_sheet_html(sheet)).write_pdf()


@dataclass(frozen=True)
class CodeLabel:
    seat_no: int
    code: str


def code_labels_docx(title: str, labels: Sequence[CodeLabel]) -> bytes:
    """Labels for answer sheets: the seat number (stays on the sealed header) and the code (on the paper)."""
    rows = [[f"{lab.seat_no:03d}", lab.code, lab.code] for lab in labels]
    blocks = [
        Title(f"{title}密号条"),
        Paragraph(
            "沿虚线剪开：座位号联随考生信息一同密封，密号联贴于答题纸。本表属密封材料，阅卷结束前不得外传。"
        ),
        Table(
            header=[
                Cell(h, bold=True, align="center") for h in ("座位号", "密号（密封联）", "密号（答题纸联）")
            ],
            rows=rows,
            widths=[3, 6, 6],
            align=["center", "center", "center"],
            size=16,
        ),
    ]
    return docx_bytes(DocumentSpec(blocks=blocks, title=f"{title}密号条"))
