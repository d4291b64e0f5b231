"""Plans placed in the shared tree: one in 秘书处 (inside the liaison's 办公厅 subtree), one in 组织部 (outside)."""

from __future__ import annotations

import pytest

from kaoping.positions import services


def make_plan(actor, unit, title="岗位设置方案"):
    return services.plan_create_from_preset(
        actor=actor, unit=unit, preset_key="establishment.seed004", title=title, year=2012
    )


@pytest.fixture
def office_plan(tree, hr_admin):
    """A seed-004 plan of 秘书处 (the liaison's subtree)."""
    return make_plan(hr_admin, tree.office_secretariat, "秘书处岗位设置方案")


@pytest.fixture
def org_plan(tree, hr_admin):
    """A seed-004 plan of 组织部 (outside the liaison's subtree)."""
    return make_plan(hr_admin, tree.org_dept, "组织部岗位设置方案")
