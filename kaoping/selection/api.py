"""REST endpoints of the selection app (mounted in kaoping/api.py)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["竞争上岗"])
