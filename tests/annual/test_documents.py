"""Documents of a round: results workbook, 年度考核登记表, the 公示 of proposed 优秀, grade distribution chart."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from openpyxl import load_workbook

from kaoping.annual import documents
from kaoping.annual import services_grading as gsvc
from kaoping.annual import services_notice as nsvc


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_results_workbook_has_both_sheets_with_scores(scored_round, hr_admin):
    gsvc.round_advance(actor=hr_admin, round=scored_round)
    wb = load_workbook(io.BytesIO(documents.results_workbook(scored_round)))
    assert wb.sheetnames == ["领导班子", "领导干部"]
    teams = list(wb["领导班子"].iter_rows(values_only=True))
    assert teams[0][:3] == ("班子类型", "领导班子", "综合考核得分")
    assert {row[1] for row in teams[1:]} == {"一团领导班子", "研究院领导班子"}
    assert all("分项考核得分" in row[6] and "民主测评得分" in row[6] for row in teams[1:])  # R002-01 formula
    assert len(list(wb["领导干部"].iter_rows())) == 5


def test_cadre_form_shows_score_formula_and_grade(scored_round, hr_admin, leader):
    gsvc.round_advance(actor=hr_admin, round=scored_round)
    gsvc.proposals_accept(actor=leader, round=scored_round)
    cadre = scored_round.cadres.filter(role="head").first()
    text = _text(documents.cadre_form(cadre))
    assert "2011年度考核登记表" in text and cadre.person.name in text
    assert "正职考核得分" in text  # the formula of R002-04
    assert "考核委员会意见" in text


def test_notice_document_lists_the_excellent_and_the_period(scored_round, hr_admin, leader):
    gsvc.round_advance(actor=hr_admin, round=scored_round)
    gsvc.proposals_accept(actor=leader, round=scored_round)
    notice = nsvc.notice_publish(actor=hr_admin, round=scored_round, start_date=dt.date(2011, 12, 1))
    text = _text(documents.notice_document(scored_round))
    assert "公示期为 2011-12-01 至 2011-12-07（5 个工作日）" in text
    for entry in notice.names:
        assert entry["name"] in text


def test_distribution_chart_is_deterministic_svg(scored_round, hr_admin):
    gsvc.round_advance(actor=hr_admin, round=scored_round)
    first = documents.distribution_chart(scored_round, "cadre")
    assert first.startswith(b"<?xml") and b"<svg" in first
    assert documents.distribution_chart(scored_round, "cadre") == first
