"""Assessment rows → the plain data of ``kaoping.documents.assessment_sheet`` / ``assessment_charts``."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from kaoping.assessment import engine, selectors
from kaoping.assessment.models import AssessmentScheme, SchemeKind, Stage, UnitAssessment
from kaoping.assessment.models_pay import PayRun
from kaoping.documents import assessment_charts as charts
from kaoping.documents import assessment_sheet as sheets
from kaoping.scoring.trace import Derivation


def _bonus_texts(scheme: AssessmentScheme) -> dict[str, str]:
    if scheme.kind != SchemeKind.TARGETS:
        return {}
    return {code: text for code, text, _p in engine.bonus_catalogue(scheme.scheme)}


def _level_names(scheme: AssessmentScheme) -> dict[str, str]:
    return dict(engine.levels(scheme.scheme)) if scheme.kind == SchemeKind.INDICATOR else {}


def _text(d: Derivation) -> str:
    return d.text()


def ranking_chart(scheme: AssessmentScheme, results: list[selectors.UnitResult], fmt: str = "svg") -> bytes:
    bars = [
        charts.UnitBar(
            r.assessment.key,
            None if r.self_total.value is None else float(r.self_total.value),
            None if r.total.value is None else float(r.total.value),
        )
        for r in results
    ]
    return charts.ranking_chart(_("%(t)s 得分") % {"t": scheme.title}, bars, fmt)


def results_xlsx(scheme: AssessmentScheme, results: list[selectors.UnitResult]) -> bytes:
    levels = _level_names(scheme)
    texts = _bonus_texts(scheme)
    ranking, breakdown, bonus = [], [], []
    for r in results:
        a = r.assessment
        ranking.append(
            sheets.RankingRow(
                r.rank,
                a.key,
                str(Stage(a.stage).label),
                r.self_total.value,
                r.total.value,
                r.is_final,
                _text(r.total),
            )
        )
        for s in a.scores.all():
            breakdown.append(
                sheets.BreakdownRow(
                    a.key,
                    s.key,
                    s.max_points,
                    s.self_score,
                    s.proposed_score,
                    s.adjusted_score,
                    s.reviewed_score,
                    levels.get(s.level, s.level),
                    s.note,
                )
            )
        for b in a.bonus_awards.all():
            bonus.append(sheets.BonusRow(a.key, texts.get(b.code, b.code), b.points, b.note))
    warnings = [w.message for w in engine.warnings(scheme.kind, scheme.scheme)]
    return sheets.results_workbook(sheets.ResultsBook(scheme.title, ranking, breakdown, bonus, warnings))


def archive_docx(assessment: UnitAssessment) -> bytes:
    scheme = assessment.scheme
    levels = _level_names(scheme)
    texts = _bonus_texts(scheme)
    rows = []
    for line in selectors.assessment_sheet(assessment):
        s = line.score
        content = "；".join(t + (f"（{p}分）" if p is not None else "") for t, p in line.content)
        note = "；".join(
            x for x in (levels.get(s.level, ""), _("资料不全") if s.docs_incomplete else "", s.note) if x
        )
        rows.append((line.label, content, s.max_points, s.self_score, s.reviewed_score, note))
    result = selectors.result_of(assessment)
    log = [
        (timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M"), entry.note, str(entry.actor or ""))
        for entry in assessment.stage_logs.select_related("actor")
    ]
    return sheets.archive_docx(
        sheets.ArchiveSheet(
            title=scheme.title,
            unit=assessment.key,
            year=scheme.year,
            stage=str(Stage(assessment.stage).label),
            rows=rows,
            bonus=[(texts.get(b.code, b.code), b.points, b.note) for b in assessment.bonus_awards.all()],
            total=result.total.value if result.is_final else None,
            formula=_text(result.total) if result.is_final else "",
            summary=assessment.summary,
            feedback=assessment.feedback_note,
            leader_signed=assessment.leader_signed,
            head_signed=assessment.head_signed,
            log=log,
        )
    )


def payout_xlsx(run: PayRun) -> bytes:
    rows = []
    for line in run.lines.select_related("person__unit").order_by("id"):
        score = Derivation.from_dict(line.derivation["score"]) if line.derivation.get("score") else None
        bonus = Derivation.from_dict(line.derivation["bonus"]) if line.derivation.get("bonus") else None
        rows.append(
            sheets.PayoutRow(
                line.person.name,
                line.person.unit.name,
                line.basis,
                line.score,
                line.is_forfeited,
                line.amount,
                score.text() if score else "",
                bonus.text() if bonus else _("挂钩得分缺失，无法计算"),
            )
        )
    rules = run.bonus_scheme
    notes = [
        _("全额 %(a)s 元；满分 %(s)s；每差 %(b)s 分为一档，每档扣 %(p)s 元；档次取整：%(r)s。")
        % {
            "a": rules.get("full_amount", ""),
            "s": rules.get("full_score", ""),
            "b": rules.get("band_size", ""),
            "p": rules.get("per_band", ""),
            "r": _("不足一档不扣") if rules.get("band_rounding") == "floor" else _("不足一档按一档扣"),
        }
    ]
    return sheets.payout_workbook(_("%(t)s 目标管理奖金发放表") % {"t": run.scheme.title}, rows, notes)
