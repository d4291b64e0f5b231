"""Results endpoints (read), mounted by api.py."""

from __future__ import annotations

from ninja import Router

results_router = Router(tags=["竞争上岗"])
