"""Set up Django for a benchmark against a throw-away SQLite database in a temporary KAOPING_VAR_DIR
(never the real one). Import this module first: ``from _throwaway import VAR``."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

VAR = tempfile.mkdtemp(prefix="kaoping-bench-")
os.environ["KAOPING_VAR_DIR"] = VAR
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaoping.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
Path(VAR, "static").mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()
