"""System checks: fonts for PDF/charts, and production safety."""

from __future__ import annotations

import shutil
import subprocess

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


def cjk_font_available() -> bool:
    """True when fontconfig knows a font that covers Chinese."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    try:
        out = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.stdout.strip())


@register()
def check_cjk_font(app_configs, **kwargs):
    if cjk_font_available():
        return []
    return [
        Warning(
            "No CJK font is installed: PDF documents and charts will show empty boxes for Chinese text.",
            hint="Install a CJK font, e.g. `apt-get install fonts-noto-cjk`.",
            id="kaoping.W001",
        )
    ]


@register(Tags.security)
def check_production_safety(app_configs, **kwargs):
    errors = []
    if not settings.PRODUCTION:
        return errors
    if settings.DEBUG:
        errors.append(
            Error("KAOPING_PRODUCTION is set but DEBUG is on.", hint="Set DEBUG=0.", id="kaoping.E001")
        )
    if settings.SECRET_KEY == settings.DEFAULT_SECRET_KEY or len(settings.SECRET_KEY) < 50:
        errors.append(
            Error(
                "Production runs with the default or a short SECRET_KEY.",
                hint="Set SECRET_KEY to a random string of at least 50 characters.",
                id="kaoping.E002",
            )
        )
    return errors
