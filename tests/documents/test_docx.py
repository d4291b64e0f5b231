"""Word helpers: A4, Chinese fonts through eastAsia, bordered tables with header rows and merged cells."""

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from kaoping.documents.charts import CategoryBar, StructureChartData, structure_chart
from kaoping.documents.docx import (
    Cell,
    DocumentSpec,
    Heading,
    PageBreak,
    Paragraph,
    Picture,
    Table,
    Title,
    docx_bytes,
)


def _read(data: bytes):
    return Document(io.BytesIO(data))


def test_a4_with_chinese_body_font_and_title():
    doc = _read(
        docx_bytes(DocumentSpec(title="测试文档", blocks=[Title("岗位设置分布表"), Paragraph("正文")]))
    )
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21.0)) < Cm(0.01)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    assert [p.text for p in doc.paragraphs] == ["岗位设置分布表", "正文"]
    title_run = doc.paragraphs[0].runs[0]
    assert title_run.bold
    assert title_run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
    assert doc.core_properties.title == "测试文档"


def test_landscape():
    doc = _read(docx_bytes(DocumentSpec(landscape=True, blocks=[Paragraph("x")])))
    assert doc.sections[0].page_width > doc.sections[0].page_height


def test_table_with_header_borders_bold_totals_and_merged_cells():
    spec = DocumentSpec(
        blocks=[
            Heading("表"),
            Table(
                header=["序号", "岗位名称", "岗位数"],
                rows=[
                    [1, "主任", 1],
                    ["", "合计", 1],
                    [Cell("职责", bold=True), Cell(["1、甲", "2、乙"], span=2)],
                ],
                widths=(1.5, 5, 2),
                bold_rows=frozenset({1}),
            ),
        ]
    )
    doc = _read(docx_bytes(spec))
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["序号", "岗位名称", "岗位数"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[1].cells] == ["1", "主任", "1"]
    assert table.rows[2].cells[1].paragraphs[0].runs[0].bold
    merged = table.rows[3].cells
    assert merged[1]._tc is merged[2]._tc  # one merged cell across two columns
    assert [p.text for p in merged[1].paragraphs] == ["1、甲", "2、乙"]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {el.get(qn("w:val")) for el in borders} == {"single"}


def test_picture_and_page_break():
    png = structure_chart(StructureChartData("图", [CategoryBar("管理岗位", 2, 1)]), "png")
    data = docx_bytes(DocumentSpec(blocks=[Paragraph("前"), PageBreak(), Picture(png, width_cm=10)]))
    doc = _read(data)
    assert len(doc.inline_shapes) == 1
    assert abs(doc.inline_shapes[0].width - Cm(10)) < Cm(0.01)
    assert b"w:br" in _xml(data) and b'w:type="page"' in _xml(data)


def _xml(data: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
