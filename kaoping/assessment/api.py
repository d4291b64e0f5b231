"""REST endpoints of the assessment app (mounted in kaoping/api.py)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["目标考核"])
