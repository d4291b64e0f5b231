"""The REST API (django-ninja), served under /api/ with OpenAPI docs at /api/docs (bundled Swagger files)."""

from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(title="考评 API", version="1", urls_namespace="api")
