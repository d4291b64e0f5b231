"""REST endpoints of the ballots app (mounted in kaoping/api.py)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["民主测评"])
