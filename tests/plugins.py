"""Pytest hooks for tests that need something outside Python: PostgreSQL or Debian's chromium.

- ``@pytest.mark.postgres``: runs only when the default database is PostgreSQL. Otherwise it is skipped
  with the reason printed by ``-ra`` — or, with ``KAOPING_REQUIRE_POSTGRES=1`` (set by ``.ci/run``), it
  fails, so CI can never turn green by skipping it.
- ``@pytest.mark.browser``: runs only when ``/usr/bin/chromium`` and the ``playwright`` package are
  there. Otherwise skipped — or failed with ``KAOPING_REQUIRE_BROWSER=1``.

Registered from ``tests/conftest.py`` with ``pytest_plugins = ["tests.plugins"]``.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("KAOPING_CHROMIUM", "/usr/bin/chromium"))


def _required(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def postgres_missing_reason() -> str | None:
    """None when the default database is PostgreSQL, else why the test cannot run."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        return None
    return (
        f"needs PostgreSQL, the database is {engine.rsplit('.', 1)[-1]} "
        "(set DATABASE_URL=postgres://… or run .ci/run)"
    )


def browser_missing_reason() -> str | None:
    """None when Playwright can drive Debian's chromium, else why the test cannot run."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "needs the playwright Python package (make test installs it)"
    return None


_REQUIREMENTS = {
    # marker: (env var that turns a skip into a failure, function giving the reason it cannot run)
    "postgres": ("KAOPING_REQUIRE_POSTGRES", postgres_missing_reason),
    "browser": ("KAOPING_REQUIRE_BROWSER", browser_missing_reason),
}


def pytest_sessionstart(session: pytest.Session) -> None:
    """WhiteNoise warns on every request handler it builds when STATIC_ROOT is missing (a checkout that
    never ran ``collectstatic``); an empty directory is what a fresh install has, so make one."""
    from django.conf import settings

    if settings.configured:
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker, (env_name, missing) in _REQUIREMENTS.items():
        if item.get_closest_marker(marker) is None:
            continue
        reason = missing()
        if reason is None:
            continue
        if _required(env_name):
            pytest.fail(f"{env_name}=1 but this test {reason}", pytrace=False)
        pytest.skip(reason)
