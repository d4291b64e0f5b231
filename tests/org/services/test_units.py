"""Unit tree services: paths, moves, deactivation, audit."""

import pytest

from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.org import services
from kaoping.org.models import Unit
from tests.factories import make_person, make_unit


def test_unit_create_builds_materialised_path_and_depth(tree):
    assert tree.root.path == f"/{tree.root.pk}/"
    assert tree.office_secretariat.path == f"/{tree.root.pk}/{tree.office.pk}/{tree.office_secretariat.pk}/"
    assert tree.office_secretariat.depth == 2


def test_unit_create_is_audited_with_the_actor(tree, hr_admin):
    unit = services.unit_create(actor=hr_admin, parent=tree.org_dept, name="干部一处", code="ZZB-1")
    entry = AuditEntry.objects.get(object_type="org.unit", object_id=str(unit.pk))
    assert entry.action == "create" and entry.actor == hr_admin
    assert entry.changes["name"] == "干部一处"


def test_unit_create_duplicate_code_is_refused_in_chinese(tree):
    with pytest.raises(ValidationFailed) as exc:
        services.unit_create(actor=None, parent=tree.root, name="重复", code="BGT")
    assert "code" in exc.value.errors
    assert Unit.objects.filter(name="重复").count() == 0


def test_unit_move_repaths_the_whole_subtree(tree, hr_admin):
    deep = make_unit("秘书一科", parent=tree.office_secretariat, kind="section")
    services.unit_move(actor=hr_admin, unit=tree.office, new_parent=tree.org_dept)
    tree.office.refresh_from_db()
    deep.refresh_from_db()
    tree.office_secretariat.refresh_from_db()
    assert tree.office.path == f"{tree.org_dept.path}{tree.office.pk}/"
    assert tree.office_secretariat.path == f"{tree.office.path}{tree.office_secretariat.pk}/"
    assert deep.path == f"{tree.office_secretariat.path}{deep.pk}/"
    assert (tree.office.depth, tree.office_secretariat.depth, deep.depth) == (2, 3, 4)
    assert AuditEntry.objects.filter(action="move", object_id=str(tree.office.pk)).count() == 1


def test_unit_move_under_own_descendant_is_refused(tree):
    with pytest.raises(DomainError) as exc:
        services.unit_move(actor=None, unit=tree.office, new_parent=tree.office_secretariat)
    assert exc.value.code == "move_cycle"
    tree.office.refresh_from_db()
    assert tree.office.parent == tree.root


def test_unit_deactivate_refused_while_people_or_children_remain(tree):
    make_person(tree.office_secretariat, "在职者")
    with pytest.raises(DomainError) as exc:
        services.unit_deactivate(actor=None, unit=tree.office)
    assert "下级单位" in exc.value.message and "在职人员" in exc.value.message
    tree.office.refresh_from_db()
    assert tree.office.is_active


def test_unit_deactivate_keeps_the_row_and_audits(tree):
    services.unit_deactivate(actor=None, unit=tree.institute)
    tree.institute.refresh_from_db()
    assert tree.institute.is_active is False
    assert AuditEntry.objects.filter(action="deactivate", object_id=str(tree.institute.pk)).exists()
    with pytest.raises(DomainError):
        services.unit_create(actor=None, parent=tree.institute, name="新科室", code="X1")
