"""Fixtures shared by the positions tests."""

import pytest

from kaoping.positions import selectors, services


@pytest.fixture
def plan(tree, hr_admin):
    """The seed-004 plan (31 posts in 13 lines), copied from its preset for 中国工运研究所."""
    p = services.plan_create_from_preset(
        actor=hr_admin,
        unit=tree.institute,
        preset_key="establishment.seed004",
        title="岗位设置方案",
        year=2012,
    )
    return selectors.plan_with_rows(p.pk)
