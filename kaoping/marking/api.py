"""REST endpoints of the marking app (mounted in kaoping/api.py)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["笔试面试"])
