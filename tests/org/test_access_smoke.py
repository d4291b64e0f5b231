"""Infrastructure smoke: scoping of the shared fixtures behaves as documented."""

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import scope_for


def test_liaison_scope_is_own_subtree(tree, liaison):
    scope = scope_for(liaison, Cap.ORG_VIEW)
    assert scope is not None and not scope.all_units
    assert scope.covers_path(tree.office_secretariat.path)
    assert not scope.covers_path(tree.org_dept.path)


def test_marker_has_no_registry_access(marker):
    assert scope_for(marker, Cap.ORG_VIEW) is None
