"""``manage.py kaoping_setup``: first start creates the administrator and prints its password once;
every later run changes nothing and prints no password."""

from __future__ import annotations

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command

from kaoping.accounts.models import User
from kaoping.accounts.roles import Role

pytestmark = pytest.mark.django_db

PASSWORD_LINE = re.compile(r"^\s*password:\s*(\S+)\s*$", re.MULTILINE)


def run_setup(*args: str) -> str:
    out = io.StringIO()
    call_command("kaoping_setup", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def test_first_run_creates_the_admin_and_prints_the_password_once():
    output = run_setup()
    passwords = PASSWORD_LINE.findall(output)
    assert len(passwords) == 1, output
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(passwords[0])
    assert admin.roles.filter(role=Role.SYSADMIN).exists()
    assert "shown only this once" in output


def test_second_run_creates_nothing_and_prints_no_password():
    first = run_setup()
    assert PASSWORD_LINE.search(first)
    before = row_counts()
    second = run_setup()
    assert PASSWORD_LINE.search(second) is None, second
    assert "password" not in second.lower()
    assert row_counts() == before


def test_admin_username_option_and_no_demo():
    output = run_setup("--admin", "root-admin", "--no-demo")
    assert PASSWORD_LINE.search(output)
    assert User.objects.filter(username="root-admin", is_superuser=True).exists()
    assert "Demo data loaded" not in output
    assert PASSWORD_LINE.search(run_setup("--admin", "root-admin", "--no-demo")) is None
