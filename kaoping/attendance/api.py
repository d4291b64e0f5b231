"""REST endpoints of the attendance app (mounted in kaoping/api.py)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["考勤"])
