"""Voting slips (测评凭证条): an A4 sheet of cut-out cards, each with a QR code, the code and the group.

Plain data in, bytes out (PDF via WeasyPrint, Word via python-docx). The caller passes the slips already
shuffled; these builders keep that order and store nothing. The QR carries ``<base>/ballots/v/#<code>``:
the code sits in the URL fragment, which browsers never send to the server.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass

import segno
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

CJK_FONT = "Noto Sans CJK SC"
DOCX_FONT = "宋体"
COLUMNS = 3
ROWS_PER_PAGE = 5


@dataclass(frozen=True)
class Slip:
    code: str
    group_label: str
    url: str  # the ballot URL with the code in its fragment


@dataclass(frozen=True)
class SlipSheet:
    title: str  # the round's title
    slips: Sequence[Slip]
    note: str = "请用手机扫描二维码，或打开测评网址后输入投票码。投票码仅可使用一次，请妥善保管，勿示他人。"


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=3, border=1)


def qr_png(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=6, border=1)
    return out.getvalue()


def _card_html(sheet: SlipSheet, slip: Slip) -> str:
    esc = html.escape
    return (
        '<td class="card">'
        f'<div class="t">{esc(sheet.title)}</div>'
        f'<div class="qr">{qr_svg(slip.url)}</div>'
        f'<div class="code">{esc(slip.code)}</div>'
        f'<div class="g">{esc(slip.group_label)}</div>'
        "</td>"
    )


def slips_html(sheet: SlipSheet) -> str:
    per_page = COLUMNS * ROWS_PER_PAGE
    pages = []
    slips = list(sheet.slips)
    for start in range(0, len(slips), per_page):
        chunk = slips[start : start + per_page]
        rows = []
        for r in range(0, len(chunk), COLUMNS):
            cells = "".join(_card_html(sheet, s) for s in chunk[r : r + COLUMNS])
            cells += '<td class="empty"></td>' * (COLUMNS - len(chunk[r : r + COLUMNS]))
            rows.append(f"<tr>{cells}</tr>")
        pages.append(f'<table class="sheet">{"".join(rows)}</table>')
    style = f"""
    @page {{ size: A4; margin: 10mm; }}
    body {{ font-family: "{CJK_FONT}", "Noto Serif CJK SC", sans-serif; margin: 0; }}
    table.sheet {{ width: 100%; border-collapse: collapse; page-break-after: always; table-layout: fixed; }}
    table.sheet:last-child {{ page-break-after: auto; }}
    td.card, td.empty {{ border: 1px dashed #888; height: 50mm; text-align: center; vertical-align: middle;
                         padding: 2mm; }}
    .t {{ font-size: 8pt; color: #333; }}
    .qr svg {{ width: 30mm; height: 30mm; }}
    .code {{ font-family: "DejaVu Sans Mono", monospace; font-size: 13pt; font-weight: bold;
             letter-spacing: 1px; }}
    .g {{ font-size: 9pt; }}
    .note {{ font-size: 8pt; color: #555; margin: 0 0 2mm 0; }}
    """
    note = f'<p class="note">{html.escape(sheet.note)}</p>' if sheet.note else ""
    return (
        f'<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><style>{style}</style></head>'
        f"<body>{note}{''.join(pages)}</body></html>"
    )


def slips_pdf(sheet: SlipSheet) -> bytes:
    from weasyprint import HTML  # imported late: optional at run time (see kaoping.checks)

    return HTML(string=slips_html(sheet)).write_pdf()


def _font(run, size: float, bold: bool = False, mono: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    name = "Consolas" if mono else DOCX_FONT
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), DOCX_FONT)


def slips_docx(sheet: SlipSheet) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1))
    if sheet.note:
        _font(doc.add_paragraph().add_run(sheet.note), 8)
    slips = list(sheet.slips)
    rows = (len(slips) + COLUMNS - 1) // COLUMNS
    table = doc.add_table(rows=max(rows, 1), cols=COLUMNS)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, slip in enumerate(slips):
        cell = table.cell(index // COLUMNS, index % COLUMNS)
        cell.width = Cm(6.3)
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(sheet.title), 8)
        p = cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run().add_picture(io.BytesIO(qr_png(slip.url)), width=Cm(3))
        p = cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(slip.code), 13, bold=True, mono=True)
        p = cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(slip.group_label), 9)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
