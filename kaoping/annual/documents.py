"""Documents of an annual round, built from its rows through the plain-data builders of kaoping.documents:
results workbook (.xlsx), 年度考核登记表 per cadre (.docx), the 公示 of proposed 优秀 (.docx) and the grade
distribution chart per type (.svg)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kaoping.annual import selectors as sel
from kaoping.annual.models import AnnualRound, Cadre, Proposal
from kaoping.documents.annual_charts import grade_distribution_chart
from kaoping.documents.annual_form import CadreForm, NoticeEntry, cadre_form_docx, excellent_notice_docx
from kaoping.documents.xlsx import Column, TableSheet, workbook_bytes
from kaoping.scoring.trace import Derivation


def _formula(p: Proposal) -> str:
    return Derivation.from_dict(p.derivation).text() if p.derivation else ""


def results_workbook(rnd: AnnualRound) -> bytes:
    teams = sel.round_proposals(rnd, "team")
    cadres = sel.round_proposals(rnd, "cadre")
    team_sheet = TableSheet(
        title=_("领导班子"),
        columns=[
            Column(_("班子类型"), 14),
            Column(_("领导班子"), 28),
            Column(_("综合考核得分"), 12),
            Column(_("系统建议"), 12),
            Column(_("确定等次"), 10),
            Column(_("确定理由"), 30),
            Column(_("计算过程"), 80),
        ],
        rows=[
            (
                p.team.team_type.name,
                p.team.name,
                p.score,
                p.grade or p.get_status_display(),
                p.decided_grade,
                p.decision_reason,
                _formula(p),
            )
            for p in teams
        ],
    )
    cadre_sheet = TableSheet(
        title=_("领导干部"),
        columns=[
            Column(_("单位类型"), 14),
            Column(_("姓名"), 10),
            Column(_("所在班子"), 24),
            Column(_("班子职务"), 8),
            Column(_("职务"), 20),
            Column(_("考核得分"), 10),
            Column(_("系统建议"), 12),
            Column(_("确定等次"), 10),
            Column(_("确定理由"), 30),
            Column(_("连续年度提示"), 30),
            Column(_("计算过程"), 80),
        ],
        rows=[
            (
                p.cadre.team_type.name,
                p.cadre.person.name,
                p.cadre.team.name if p.cadre.team_id else "",
                p.cadre.get_role_display(),
                p.cadre.post_title,
                p.score,
                p.grade or p.get_status_display(),
                p.decided_grade,
                p.decision_reason,
                "；".join(f["flag"] for f in p.streak_flags),
                _formula(p),
            )
            for p in cadres
        ],
    )
    return workbook_bytes([team_sheet, cadre_sheet])


def cadre_form(cadre: Cadre) -> bytes:
    person = cadre.person
    p = Proposal.objects.filter(cadre=cadre).first()
    derivation = Derivation.from_dict(p.derivation) if p and p.derivation else None
    data = CadreForm(
        year=cadre.round.year,
        name=person.name,
        gender=person.get_gender_display(),
        birth=person.birth_date.strftime("%Y.%m"),
        political_status=person.get_political_status_display(),
        education=person.get_education_display() if person.education else "",
        unit=cadre.team.unit.name if cadre.team_id else person.unit.name,
        post=cadre.post_title,
        score=f"{p.score:.2f}" if p and p.score is not None else "",
        formula=derivation.text() if derivation else "",
        proposed=(p.grade or p.get_status_display()) if p else "",
        grade=p.decided_grade if p else "",
        reasons=tuple(p.reasons) if p else (),
        decision_reason=p.decision_reason if p else "",
        streaks=tuple(f["flag"] for f in p.streak_flags) if p else (),
        organiser=cadre.round.unit.name,
    )
    return cadre_form_docx(data)


def notice_document(rnd: AnnualRound) -> bytes:
    notice = rnd.notice
    return excellent_notice_docx(
        title=_("%(t)s优秀等次公示") % {"t": rnd.title},
        year=rnd.year,
        start=notice.start_date.isoformat(),
        end=notice.end_date.isoformat(),
        working_days=notice.working_days,
        entries=[NoticeEntry(n["name"], n["unit"], n["post"]) for n in notice.names],
        text=notice.text,
        issuer=rnd.unit.name,
    )


def distribution_chart(rnd: AnnualRound, kind: str) -> bytes:
    rows = sel.round_proposals(rnd, kind)
    scheme = rnd.team_grading if kind == "team" else rnd.cadre_grading
    counts = sel.grade_distribution(rows)
    grades = list(scheme.get("grades", []))
    extra = sorted({g for per in counts.values() for g in per} - set(grades))
    what = _("领导班子") if kind == "team" else _("领导干部")
    title = _("%(y)s年度%(w)s考核等次分布") % {"y": rnd.year, "w": what}
    return grade_distribution_chart(title, grades + extra, counts or {"—": {}})
