"""Generic Word (.docx) helpers (python-docx): an A4 document in a Chinese font built from plain blocks —
titles, paragraphs, bordered tables (with merged cells for form-like tables), pictures and page breaks.
Plain data in, bytes out — no ORM, no request.

Chinese text needs the East-Asian font set explicitly (``w:rFonts/@w:eastAsia``); setting only the Latin
font name leaves Word to pick its own default for 汉字.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


# ------------------------------------------------------------------------------------------------ blocks


@dataclass(frozen=True)
class Title:
    text: str
    size: float = 18  # 二号 ≈ 22 pt, 小二 = 18 pt
    font: str = TITLE_FONT


@dataclass(frozen=True)
class Heading:
    text: str
    size: float = 14
    font: str = TITLE_FONT


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    align: str = "left"  # left | center | right
    size: float | None = None
    indent_first: bool = False  # 首行缩进两字


@dataclass(frozen=True)
class Cell:
    """A table cell: one line of text or several (each its own paragraph); ``span`` columns wide."""

    text: str | Sequence[str] = ""
    span: int = 1
    bold: bool = False
    align: str = "left"


@dataclass(frozen=True)
class Table:
    """A bordered table. ``header`` is repeated on each page; rows hold plain values or :class:`Cell` s.
    Rows whose index is in ``bold_rows`` are bold (e.g. totals). ``widths`` are in centimetres."""

    header: Sequence[str | Cell] = ()
    rows: Sequence[Sequence[object]] = ()
    widths: Sequence[float] = ()
    bold_rows: frozenset[int] = frozenset()
    align: Sequence[str] = ()  # per column; default left
    size: float = 10.5  # 五号


@dataclass(frozen=True)
class Picture:
    data: bytes
    width_cm: float = 16


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Title | Heading | Paragraph | Table | Picture | PageBreak


@dataclass(frozen=True)
class DocumentSpec:
    blocks: Sequence[Block] = field(default_factory=tuple)
    title: str = ""  # core property (shown in the file's properties)
    landscape: bool = False
    body_font: str = BODY_FONT
    body_size: float = 14  # 四号


# ------------------------------------------------------------------------------------------------ fonts


def set_run_font(run, name: str, size: float | None = None, bold: bool | None = None) -> None:
    """Set ``run``'s font for Chinese (eastAsia) and Latin text."""
    run.font.name = LATIN_FONT
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), name)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold


def _style_font(style, name: str, size: float) -> None:
    style.font.name = LATIN_FONT
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def new_document(
    *, title: str = "", landscape: bool = False, body_font: str = BODY_FONT, body_size: float = 14
):
    """An empty A4 document (portrait by default, 2.54/3.17 cm margins) with a Chinese body font."""
    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.54)
    section.left_margin = section.right_margin = Cm(2.8)
    _style_font(doc.styles["Normal"], body_font, body_size)
    if title:
        doc.core_properties.title = title
    doc.core_properties.author = ""
    return doc


# ----------------------------------------------------------------------------------------------- writers


def _paragraph(
    container, text: str, *, font: str, size: float | None, bold: bool = False, align: str = "left"
):
    p = container.add_paragraph()
    p.alignment = ALIGN.get(align, WD_ALIGN_PARAGRAPH.LEFT)
    if text:
        set_run_font(p.add_run(text), font, size, bold)
    return p


def _borders(table) -> None:
    """Single black borders around and inside ``table`` (independent of the template's table styles)."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _as_cell(value: object) -> Cell:
    if isinstance(value, Cell):
        return value
    return Cell("" if value is None else str(value))


def _fill(cell, spec: Cell, *, size: float, bold: bool, align: str) -> None:
    lines = [spec.text] if isinstance(spec.text, str) else list(spec.text) or [""]
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        p.alignment = ALIGN.get(spec.align if spec.align != "left" else align, WD_ALIGN_PARAGRAPH.LEFT)
        if line:
            set_run_font(p.add_run(line), TABLE_FONT, size, bold or spec.bold)


def _table(doc, spec: Table) -> None:
    header = [_as_cell(h) for h in spec.header]
    rows = [[_as_cell(v) for v in row] for row in spec.rows]
    ncols = max([sum(c.span for c in r) for r in [header, *rows] if r], default=1)
    table = doc.add_table(rows=0, cols=ncols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table)
    all_rows = ([(header, True, True)] if header else []) + [
        (r, False, i in spec.bold_rows) for i, r in enumerate(rows)
    ]
    for cells, is_header, bold in all_rows:
        row = table.add_row()
        if is_header:
            _repeat_header(row)
        col = 0
        for c in cells:
            target = row.cells[col]
            if c.span > 1:
                target = target.merge(row.cells[col + c.span - 1])
            column_align = "center" if is_header else (spec.align[col] if col < len(spec.align) else "left")
            _fill(target, c, size=spec.size, bold=bold, align=column_align)
            col += c.span
    if spec.widths:
        table.autofit = False
        for row in table.rows:
            for idx, width in enumerate(spec.widths[:ncols]):
                row.cells[idx].width = Cm(width)


def docx_bytes(spec: DocumentSpec) -> bytes:
    """Write ``spec``'s blocks in order into a new A4 document; returns the .docx bytes."""
    doc = new_document(
        title=spec.title, landscape=spec.landscape, body_font=spec.body_font, body_size=spec.body_size
    )
    body = doc.paragraphs[0] if doc.paragraphs else None  # the template's empty first paragraph
    for block in spec.blocks:
        if isinstance(block, Title):
            p = _paragraph(doc, block.text, font=block.font, size=block.size, bold=True, align="center")
            p.paragraph_format.space_after = Pt(12)
        elif isinstance(block, Heading):
            p = _paragraph(doc, block.text, font=block.font, size=block.size, bold=True)
            p.paragraph_format.space_before = Pt(8)
            p.paragraph_format.keep_with_next = True
        elif isinstance(block, Paragraph):
            p = _paragraph(
                doc, block.text, font=spec.body_font, size=block.size, bold=block.bold, align=block.align
            )
            if block.indent_first:
                p.paragraph_format.first_line_indent = Pt(2 * (block.size or spec.body_size))
        elif isinstance(block, Table):
            _table(doc, block)
            _paragraph(doc, "", font=spec.body_font, size=6)
        elif isinstance(block, Picture):
            doc.add_picture(io.BytesIO(block.data), width=Cm(block.width_cm))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif isinstance(block, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:  # pragma: no cover - a programming error
            raise TypeError(f"unknown block {block!r}")
    if body is not None and not body.text:
        body._element.getparent().remove(body._element)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
