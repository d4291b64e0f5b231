"""Voting slips: A4 PDF / .docx cards with QR code, code and group, in the given (shuffled) order."""

import io

from docx import Document

from kaoping.documents.slips import Slip, SlipSheet, qr_png, slips_docx, slips_html, slips_pdf

SLIPS = [
    Slip(code=f"ABCD{n}-EFGH{n}", group_label="其他人员", url=f"https://kp/ballots/v/#ABCD{n}EFGH{n}")
    for n in range(2, 9)
]
SHEET = SlipSheet(title="处长竞岗民主测评", slips=SLIPS)


def test_html_cards_keep_the_order_and_carry_qr_code_and_group():
    page = slips_html(SHEET)
    positions = [page.index(s.code) for s in SLIPS]
    assert positions == sorted(positions)
    assert page.count("<svg") == len(SLIPS)
    assert page.count("其他人员") == len(SLIPS)
    assert "http" not in page.split("<body>")[1].replace(
        "http://www.w3.org", ""
    )  # the URL only inside the QR


def test_pdf_is_a4():
    data = slips_pdf(SHEET)
    assert data[:4] == b"%PDF"
    from weasyprint import HTML

    pages = HTML(string=slips_html(SHEET)).render().pages
    assert len(pages) == 1  # 7 cards fit on one sheet (15 per page)
    assert (round(pages[0].width), round(pages[0].height)) == (794, 1123)  # A4 at 96 px/in


def test_docx_has_one_card_per_slip():
    doc = Document(io.BytesIO(slips_docx(SHEET)))
    text = "\n".join(c.text for row in doc.tables[0].rows for c in row.cells)
    for slip in SLIPS:
        assert slip.code in text
    assert len(doc.inline_shapes) == len(SLIPS)


def test_qr_png_is_png():
    assert qr_png("https://kp/ballots/v/#X")[:8] == b"\x89PNG\r\n\x1a\n"
