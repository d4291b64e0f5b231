"""Score sheet and code labels (.docx): exactly the stored marks, a signature line."""

import io
from decimal import Decimal as D

from docx import Document

from kaoping.documents.score_sheet import (
    CodeLabel,
    ScoreSheet,
    SheetPart,
    SheetRow,
    code_labels_docx,
    score_sheet_docx,
    score_sheet_html,
    score_sheet_pdf,
)


def _cells(data: bytes) -> list[list[str]]:
    doc = Document(io.BytesIO(data))
    return [[c.text for c in row.cells] for row in doc.tables[0].rows]


SHEET = dict(
    title="2011年竞争上岗面试",
    panel="第1考官组",
    examiner="考官甲",
    role="考官",
    parts=[SheetPart("statement", "个人陈述", D("40")), SheetPart("answers", "竞岗答辩", D("60"))],
    rows=[
        SheetRow(1, "张三", {"statement": D("35.50"), "answers": D("50")}, D("85.50"), "2011-10-20 09:30"),
        SheetRow(2, "李四", {"statement": None, "answers": None}, None),
    ],
)


def test_score_sheet_prints_the_stored_marks_exactly():
    sheet = ScoreSheet(**SHEET)
    data = score_sheet_docx(sheet)
    rows = _cells(data)
    assert rows[0][:4] == ["面试顺序", "考生姓名", "个人陈述（40分）", "竞岗答辩（60分）"]
    assert rows[1] == ["1", "张三", "35.50", "50", "85.50", "2011-10-20 09:30"]
    assert rows[2][2:5] == ["", "", ""]
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "考官签名" in text


def test_code_labels_list_seat_and_code():
    rows = _cells(code_labels_docx("笔试", [CodeLabel(1, "M0003"), CodeLabel(2, "M0001")]))
    assert rows[1] == ["001", "M0003", "M0003"]


def test_score_sheet_pdf_and_its_html():
    sheet = ScoreSheet(**SHEET)
    page = score_sheet_html(sheet)
    assert "<td>张三</td><td>35.50</td><td>50</td><td>85.50</td>" in page
    assert "Noto Sans CJK SC" in page
    assert score_sheet_pdf(sheet).startswith(b"%PDF")
