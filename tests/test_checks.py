"""System checks: the CJK font warning, production safety errors, and a clean ``check --deploy``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from kaoping import checks

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k" * 20 + "-Zx9_Qv7+Lm3#Rt8=Pw2!Hs6^Jd4&Nb1*Yc5" + "q" * 20


def ids(messages) -> set[str]:
    return {m.id for m in messages}


# --------------------------------------------------------------------------------------------- W001


def test_w001_when_fc_list_finds_no_chinese_font(monkeypatch):
    def no_zh_font(args, **kwargs):
        assert ":lang=zh" in args
        return subprocess.CompletedProcess(args, 0, stdout="", stderr="")

    monkeypatch.setattr(checks.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(checks.subprocess, "run", no_zh_font)
    messages = checks.check_cjk_font(None)
    assert ids(messages) == {"kaoping.W001"}
    assert "fonts-noto-cjk" in messages[0].hint


def test_w001_when_fontconfig_is_missing(monkeypatch):
    monkeypatch.setattr(checks.shutil, "which", lambda name: None)
    assert ids(checks.check_cjk_font(None)) == {"kaoping.W001"}


def test_no_w001_when_a_chinese_font_is_listed(monkeypatch):
    font = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc: Noto Sans CJK SC:style=Regular\n"
    monkeypatch.setattr(checks.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(
        checks.subprocess, "run", lambda args, **kw: subprocess.CompletedProcess(args, 0, stdout=font)
    )
    assert checks.check_cjk_font(None) == []


def test_w001_when_fc_list_fails(monkeypatch):
    def broken(args, **kwargs):
        raise subprocess.TimeoutExpired(args, 10)

    monkeypatch.setattr(checks.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(checks.subprocess, "run", broken)
    assert ids(checks.check_cjk_font(None)) == {"kaoping.W001"}


# ----------------------------------------------------------------------------------------- E001/E002


@override_settings(PRODUCTION=True, DEBUG=True, SECRET_KEY=STRONG_KEY)
def test_e001_production_with_debug():
    assert ids(checks.check_production_safety(None)) == {"kaoping.E001"}


@override_settings(PRODUCTION=True, DEBUG=False)
def test_e002_production_with_the_default_secret_key():
    with override_settings(SECRET_KEY=settings.DEFAULT_SECRET_KEY):
        assert ids(checks.check_production_safety(None)) == {"kaoping.E002"}


@override_settings(PRODUCTION=True, DEBUG=False, SECRET_KEY="short-but-not-default")
def test_e002_production_with_a_short_secret_key():
    assert ids(checks.check_production_safety(None)) == {"kaoping.E002"}


@override_settings(PRODUCTION=True, DEBUG=True)
def test_e001_and_e002_together():
    with override_settings(SECRET_KEY=settings.DEFAULT_SECRET_KEY):
        assert ids(checks.check_production_safety(None)) == {"kaoping.E001", "kaoping.E002"}


@override_settings(PRODUCTION=True, DEBUG=False, SECRET_KEY=STRONG_KEY)
def test_production_with_safe_settings_has_no_errors():
    assert checks.check_production_safety(None) == []


@override_settings(PRODUCTION=False, DEBUG=True)
def test_embedded_mode_allows_debug_and_the_default_key():
    with override_settings(SECRET_KEY=settings.DEFAULT_SECRET_KEY):
        assert checks.check_production_safety(None) == []


# ----------------------------------------------------------------------------------- check --deploy


def _manage(args: list[str], extra_env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    # The test environment's DJANGO_ALLOW_ASYNC_UNSAFE (for live_server) must not leak into a deployment.
    dropped = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "SECRET_KEY"}
    env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("KAOPING_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "kaoping.settings",
            "KAOPING_VAR_DIR": str(tmp_path / "var"),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION_ENV = {
    "KAOPING_PRODUCTION": "1",
    "DEBUG": "0",
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "kaoping.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://kaoping.example.org",
}


@pytest.mark.skipif(not checks.cjk_font_available(), reason="no CJK font here: W001 would be reported")
def test_check_deploy_with_production_settings_reports_no_issues(tmp_path):
    # HSTS, SSL redirect, secure cookies and the key checks are all satisfied by settings.py when
    # KAOPING_PRODUCTION=1. The one silenced check is security.W021 (HSTS preload), justified in
    # settings.py: an intranet host cannot be on the public preload list. A missing CJK font (W001)
    # would count as an issue, which is correct for a server that renders PDFs.
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout, result.stdout


def test_check_deploy_with_hsts_preload_on_silences_nothing(tmp_path):
    result = _manage(["check", "--deploy"], {**PRODUCTION_ENV, "SECURE_HSTS_PRELOAD": "1"}, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(0 silenced)" in result.stdout, result.stdout


def test_check_deploy_fails_with_production_and_the_default_key(tmp_path):
    env = {**PRODUCTION_ENV, "SECRET_KEY": settings.DEFAULT_SECRET_KEY}
    result = _manage(["check", "--deploy"], env, tmp_path)
    assert result.returncode != 0
    assert "kaoping.E002" in result.stderr + result.stdout
