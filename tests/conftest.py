"""Shared fixtures: a small unit tree and one user per role."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from kaoping.accounts.roles import Role
from tests.factories import make_unit, make_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.plugins"]


@dataclass
class Tree:
    root: object
    office: object  # 办公厅
    office_secretariat: object  # 办公厅秘书处 (child of office)
    org_dept: object  # 组织部
    institute: object  # 中国工运研究所 (直属单位)


@pytest.fixture
def tree(db) -> Tree:
    root = make_unit("中华全国总工会", code="ROOT")
    office = make_unit("办公厅", parent=root, code="BGT")
    secretariat = make_unit("秘书处", parent=office, code="BGT-MSC", kind="section")
    org_dept = make_unit("组织部", parent=root, code="ZZB")
    institute = make_unit(
        "中国工运研究所", parent=root, code="GYS", kind="organization", category="affiliated"
    )
    return Tree(root, office, secretariat, org_dept, institute)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 at production strength would dominate the suite's run time; tests don't test hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def sysadmin(db):
    return make_user("sysadmin", Role.SYSADMIN)


@pytest.fixture
def hr_admin(db):
    return make_user("hr", Role.HR_ADMIN, display_name="组织部管理员")


@pytest.fixture
def liaison(tree):
    """Liaison of 办公厅: sees 办公厅 and 秘书处, nothing else."""
    return make_user("liaison", Role.LIAISON, unit=tree.office, display_name="办公厅联络员")


@pytest.fixture
def leader(db):
    return make_user("leader", Role.LEADER)


@pytest.fixture
def marker(db):
    return make_user("marker", Role.MARKER)


@pytest.fixture
def no_role_user(db):
    return make_user("nobody")


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client logged in as ``user``."""

    def login(user):
        client.force_login(user)
        return client

    return login
