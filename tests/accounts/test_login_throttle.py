"""django-axes: repeated wrong passwords lock the username + client address; behind a proxy the client
address comes from X-Forwarded-For when KAOPING_BEHIND_PROXY is set (nginx overwrites that header)."""

import pytest
from django.urls import reverse

from tests.factories import make_user


@pytest.fixture
def axes_limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ENABLED = True


def _attempt(client, password, **extra):
    return client.post(reverse("accounts:login"), {"username": "zhang", "password": password}, **extra)


def test_lockout_after_repeated_failures_even_with_the_right_password(client, db, axes_limit):
    make_user("zhang")
    for _ in range(3):
        assert _attempt(client, "wrong").status_code in (200, 429)
    response = _attempt(client, "pw-for-tests-123")
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()


def test_failures_from_one_client_do_not_lock_another_behind_the_proxy(client, db, axes_limit, settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    make_user("zhang")
    for _ in range(3):
        _attempt(client, "wrong", HTTP_X_FORWARDED_FOR="10.1.1.1", REMOTE_ADDR="127.0.0.1")
    ok = _attempt(client, "pw-for-tests-123", HTTP_X_FORWARDED_FOR="10.2.2.2", REMOTE_ADDR="127.0.0.1")
    assert ok.status_code == 302
