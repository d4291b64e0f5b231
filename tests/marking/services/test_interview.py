"""Interview services and scores: panel rules, locking, trimmed mean (R000-20), per element (RP-01),
chief confirmation, 修正系数 (RP-03)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kaoping.common.errors import DomainError, PermissionDenied, TransitionBlocked, ValidationFailed
from kaoping.marking import services_interview as si
from kaoping.marking.models import InterviewMark, PanelMember
from kaoping.marking.selectors import interview_results
from kaoping.marking.selectors_interview import interview_table
from tests.factories import make_user
from tests.marking.conftest import build_interview

pytestmark = pytest.mark.django_db

# examiner seat → (statement, answers); seat 0 is the chief (excluded)
PANEL_A = [("40", "60"), ("36", "52"), ("35", "50"), ("30", "48"), ("34", "51"), ("38", "55"), ("25", "40")]


def _score_panel(setup, panel_idx, cand, marks):
    for user, (st, an) in zip(setup.members[panel_idx], marks, strict=True):
        si.interview_mark_submit(actor=user, candidate=cand, values={"statement": st, "answers": an})


def _panel_cands(setup, idx):
    return [c for c in setup.candidates if c.panel_id == setup.panels[idx].pk]


def test_panel_rules_r000_20(hr_admin, tree):
    """7–9 examiners, exactly one chief, at least one from outside."""
    setup = build_interview(hr_admin, tree, panels=1, size=6)
    with pytest.raises(TransitionBlocked) as exc:
        si.interview_start(actor=hr_admin, interview=setup.interview)
    assert any("应为 7 至 9 名" in i for i in exc.value.issues)
    extra = make_user("chief2", "examiner")
    with pytest.raises(ValidationFailed):
        si.panel_member_add(actor=hr_admin, panel=setup.panels[0], user=extra, role=PanelMember.Role.CHIEF)
    PanelMember.objects.filter(role=PanelMember.Role.OUTSIDE).update(role=PanelMember.Role.REGULAR)
    si.panel_member_add(actor=hr_admin, panel=setup.panels[0], user=extra)
    with pytest.raises(TransitionBlocked) as exc:
        si.interview_start(actor=hr_admin, interview=setup.interview)
    assert exc.value.issues == ["考官组“第1考官组”至少应有一名外单位考官。"]


def test_trimmed_mean_chief_excluded_r000_20(hr_admin, interview_setup):
    """Non-chief totals 88 85 78 85 93 65 → drop 93 and 65 → (88+85+78+85)/4 = 84.00; chief's 100 not counted."""
    setup = interview_setup
    si.interview_start(actor=hr_admin, interview=setup.interview)
    cand = _panel_cands(setup, 0)[0]
    _score_panel(setup, 0, cand, PANEL_A)
    row = next(r for r in interview_table(setup.interview) if r.candidate.pk == cand.pk)
    assert row.raw.value == D("84.00")
    assert row.raw.rule == "R000-20"
    assert "主考官" in row.raw.formula


def test_per_element_trimming_rp_01(hr_admin, tree):
    """RP-01: statement non-chief 36 35 30 34 38 25 → drop 38, 25 → 33.75; answers 52 50 48 51 55 40 → drop 55,
    40 → 50.25; score = 33.75 + 50.25 = 84.00."""
    setup = build_interview(hr_admin, tree, per_element=True, panels=1, per_panel=1)
    si.interview_start(actor=hr_admin, interview=setup.interview)
    cand = setup.candidates[0]
    _score_panel(setup, 0, cand, PANEL_A)
    [row] = interview_table(setup.interview)
    assert [p.value for p in row.raw.parts] == [D("33.75"), D("50.25")]
    assert row.raw.value == D("84.00")
    assert row.raw.rule == "RP-01"


def test_marks_validated_and_locked(hr_admin, interview_setup):
    setup = interview_setup
    si.interview_start(actor=hr_admin, interview=setup.interview)
    cand = _panel_cands(setup, 0)[0]
    ex = setup.members[0][2]
    with pytest.raises(ValidationFailed) as exc:
        si.interview_mark_submit(actor=ex, candidate=cand, values={"statement": "41", "answers": ""})
    assert set(exc.value.errors) == {"statement", "answers"}
    assert "0 至 40.00" in exc.value.errors["statement"][0]
    si.interview_mark_submit(actor=ex, candidate=cand, values={"statement": "35", "answers": "50"})
    with pytest.raises(DomainError):
        si.interview_mark_submit(actor=ex, candidate=cand, values={"statement": "36", "answers": "50"})
    other_panel = setup.members[1][3]
    with pytest.raises(PermissionDenied):
        si.interview_mark_submit(
            actor=other_panel, candidate=cand, values={"statement": "36", "answers": "50"}
        )


def test_chief_confirms_after_all_submitted_and_unlock_reopens(hr_admin, interview_setup):
    setup = interview_setup
    si.interview_start(actor=hr_admin, interview=setup.interview)
    cand = _panel_cands(setup, 0)[0]
    chief = setup.members[0][0]
    with pytest.raises(TransitionBlocked):
        si.interview_confirm(actor=chief, candidate=cand)
    _score_panel(setup, 0, cand, PANEL_A)
    with pytest.raises(PermissionDenied):
        si.interview_confirm(actor=setup.members[0][2], candidate=cand)
    si.interview_confirm(actor=chief, candidate=cand)
    assert cand.confirmed_at
    mark = InterviewMark.objects.get(candidate=cand, member__user=setup.members[0][3])
    si.interview_mark_unlock(actor=hr_admin, mark=mark, reason="考官误将85录为81")
    cand.refresh_from_db()
    assert cand.confirmed_at is None
    assert InterviewMark.objects.filter(candidate=cand, member__user=setup.members[0][3]).count() == 1
    si.interview_mark_submit(
        actor=setup.members[0][3], candidate=cand, values={"statement": "34", "answers": "51"}
    )
    assert InterviewMark.objects.filter(candidate=cand, member__user=setup.members[0][3]).count() == 2


def _all_panels(setup, a_marks, b_offset):
    """Panel A candidates get PANEL_A shifted by their index; panel B the same shifted by ``b_offset``."""
    for idx in (0, 1):
        for n, cand in enumerate(_panel_cands(setup, idx)):
            shift = n * 2 + (b_offset if idx else 0)
            marks = [(st, str(D(an) + shift)) if j else (st, an) for j, (st, an) in enumerate(a_marks)]
            _score_panel(setup, idx, cand, marks)


def test_correction_coefficient_anhui_henan_variant_rp_03(hr_admin, interview_setup):
    """RP-03 (Anhui/Henan): coefficient = overall mean ÷ panel mean. Panel 1 raws 84, 86 (mean 85); panel 2 raws
    80, 82 (mean 81; its examiners 4 lower). Overall mean of means 83 → coefficients 83/85 and 83/81."""
    setup = interview_setup
    si.interview_start(actor=hr_admin, interview=setup.interview)
    _all_panels(setup, PANEL_A, -4)
    rows = {r.candidate.pk: r for r in interview_table(setup.interview)}
    a1, a2 = _panel_cands(setup, 0)
    b1, b2 = _panel_cands(setup, 1)
    assert [rows[c.pk].raw.value for c in (a1, a2, b1, b2)] == [
        D("84.00"),
        D("86.00"),
        D("80.00"),
        D("82.00"),
    ]
    assert rows[a1.pk].coefficient == D(83) / D(85)
    assert rows[a1.pk].final.value == D("82.02")  # 84 × 0.97647… = 82.0235…
    assert rows[b2.pk].final.value == D("84.02")  # 82 × 1.02469… = 84.0247…
    res = interview_results(setup.interview)
    assert not res.is_final and "主考官确认" in res.reasons[-1]
    for idx in (0, 1):
        for c in _panel_cands(setup, idx):
            si.interview_confirm(actor=setup.members[idx][0], candidate=c)
    res = interview_results(setup.interview)
    assert res.is_final
    s = res.by_external_ref()[b1.external_ref]
    assert (s.raw, s.score) == (D("80.00"), D("81.98"))  # 80 × 83/81 = 81.975…
    si.interview_close(actor=hr_admin, interview=setup.interview)


def test_correction_pooled_variant_rp_03(hr_admin, interview_setup):
    setup = interview_setup
    setup.interview.correction_overall = "pooled"
    setup.interview.save()
    si.interview_start(actor=hr_admin, interview=setup.interview)
    _all_panels(setup, PANEL_A, -4)
    rows = interview_table(setup.interview)
    # pooled mean (84+86+80+82)/4 = 83 as well here; coefficient for panel 2 = 83/81
    assert rows[-1].coefficient == D(83) / D(81)
    assert "全部考生平均分" in rows[-1].final.formula


def test_interview_rounding_rp_02(hr_admin, tree):
    """RP-02: non-chief totals 88 85 78 86 93 65 → (88+85+78+86)/4 = 84.25 → 1 place truncated 84.2."""
    setup = build_interview(hr_admin, tree, panels=1, per_panel=1)
    si.interview_settings_update(
        actor=hr_admin,
        interview=setup.interview,
        trim_k=1,
        per_element=False,
        correction_overall="mean_of_means",
        correction_trim_k=0,
        rounding_places=1,
        rounding_mode="truncate",
    )
    si.interview_start(actor=hr_admin, interview=setup.interview)
    marks = list(PANEL_A)
    marks[4] = ("34", "52")  # 86 instead of 85
    _score_panel(setup, 0, setup.candidates[0], marks)
    [row] = interview_table(setup.interview)
    assert row.raw.value == D("84.2") and row.final.value == D("84.2")
