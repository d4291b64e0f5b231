"""REST endpoints of the selection app (mounted in kaoping/api.py)."""

from __future__ import annotations

from ninja import Router

from kaoping.selection.api_results import results_router

router = Router(tags=["竞争上岗"])
router.add_router("", results_router)
