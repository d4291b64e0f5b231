"""REST endpoints of the annual app (mounted in kaoping/api.py)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["年度综合考核"])
