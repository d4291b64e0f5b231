"""OpenAPI schema and the Swagger page: load, Chinese descriptions, no external assets."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_schema_loads_with_every_endpoint(hr_admin, client_for):
    response = client_for(hr_admin).get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "考评 API"
    paths = set(schema["paths"])
    assert {
        "/api/units/",
        "/api/units/{unit_id}",
        "/api/people/",
        "/api/people/{person_id}",
        "/api/people/import",
    } <= paths
    # every app that has an API mounts at least one operation under its prefix
    for prefix in ("selection", "ballots", "marking", "assessment", "attendance", "annual"):
        assert any(p.startswith(f"/api/{prefix}/") for p in paths), prefix
    assert schema["paths"]["/api/people/"]["get"]["summary"] == "干部列表"
    assert set(schema["paths"]["/api/people/{person_id}"]) == {"get", "patch"}
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}


def test_docs_page_uses_only_local_static_assets(hr_admin, client_for):
    response = client_for(hr_admin).get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/static/") for a in assets), assets
    assert not re.search(r"https?://", html)


def test_docs_need_a_login(db, client):
    for path in ("/api/docs", "/api/openapi.json"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
