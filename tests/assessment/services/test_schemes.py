"""Scheme services: copied from presets, validated by the engine, locked once opened, published only when
every unit's result is approved."""

from __future__ import annotations

import copy

import pytest

from kaoping.assessment import services
from kaoping.assessment.models import AssessmentScheme, IndicatorScore
from kaoping.assessment.services_flow import assessment_transition
from kaoping.common.errors import DomainError, PermissionDenied, TransitionBlocked
from tests.assessment.conftest import to_approval


def test_scheme_is_a_copy_of_the_preset(hr_admin, tree):
    from kaoping.scoring.presets import get_preset

    scheme = services.scheme_create(actor=hr_admin, year=2018, preset_key="targets.seed003")
    scheme.scheme["bonus_cap"] = "10"
    scheme.save()
    assert get_preset("targets.seed003").data.get("bonus_cap", "20") == "20"


def test_bad_rules_refused_with_field(hr_admin, tree):
    scheme = services.scheme_create(actor=hr_admin, year=2011, preset_key="union_work.seed001")
    data = copy.deepcopy(scheme.scheme)
    data["levels"][1]["share"] = "1.5"
    with pytest.raises(DomainError) as exc:
        services.scheme_update(actor=hr_admin, scheme=scheme, data=data)
    assert exc.value.code == "bad_scheme" and "levels[1].share" in exc.value.message
    scheme.refresh_from_db()
    assert scheme.scheme["levels"][1]["share"] == "0.7"


def test_rules_edit_cannot_orphan_a_unit(hr_admin, tree):
    scheme = services.scheme_create(actor=hr_admin, year=2018, preset_key="targets.seed003")
    services.scheme_unit_add(actor=hr_admin, scheme=scheme, unit=tree.office, key="办公室")
    data = copy.deepcopy(scheme.scheme)
    data["departments"] = [d for d in data["departments"] if d["name"] != "办公室"]
    with pytest.raises(DomainError) as exc:
        services.scheme_update(actor=hr_admin, scheme=scheme, data=data)
    assert exc.value.code == "orphan_units"


def test_open_creates_rows_and_locks(targets, hr_admin, tree):
    assert IndicatorScore.objects.filter(assessment=targets.office).count() == 9  # 7 items + 8.1, 8.2
    assert IndicatorScore.objects.filter(assessment=targets.finance).count() == 12
    with pytest.raises(DomainError) as exc:
        services.scheme_update(actor=hr_admin, scheme=targets.scheme, title="新名称")
    assert exc.value.code == "scheme_locked"
    with pytest.raises(DomainError):
        services.scheme_unit_add(actor=hr_admin, scheme=targets.scheme, unit=tree.org_dept, key="组宣部")


def test_open_needs_units(hr_admin, tree):
    scheme = services.scheme_create(actor=hr_admin, year=2018, preset_key="targets.seed003")
    with pytest.raises(TransitionBlocked) as exc:
        services.scheme_open(actor=hr_admin, scheme=scheme)
    assert "尚未添加被考核单位。" in exc.value.issues


def test_publish_only_when_all_approved(targets, hr_admin, leader):
    to_approval(hr_admin, targets.office)
    assessment_transition(actor=leader, assessment=targets.office, action="approve")
    with pytest.raises(TransitionBlocked) as exc:
        services.scheme_publish(actor=hr_admin, scheme=targets.scheme)
    assert "财务部" in exc.value.issues[0]
    to_approval(hr_admin, targets.finance)
    assessment_transition(actor=leader, assessment=targets.finance, action="approve")
    scheme = services.scheme_publish(actor=hr_admin, scheme=targets.scheme)
    assert scheme.status == AssessmentScheme.Status.PUBLISHED
    # archiving still possible after publication
    archived = assessment_transition(
        actor=hr_admin, assessment=targets.office, action="archive", leader_signed="甲", head_signed="乙"
    )
    assert archived.stage == "archived"


def test_only_managers_create_schemes(liaison, leader):
    for user in (liaison, leader):
        with pytest.raises(PermissionDenied):
            services.scheme_create(actor=user, year=2018, preset_key="targets.seed003")
