"""API authentication: bearer tokens (hash only stored, revocable) and the session with CSRF."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from kaoping.accounts.models import ApiToken
from kaoping.accounts.services import api_token_create, api_token_revoke, hash_token, role_remove, user_update
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_no_credentials_is_401_json_not_a_login_redirect(tree):
    response = Client().get("/api/units/")
    assert response.status_code == 401
    assert response.json()["detail"] == "未登录，或接口令牌无效、已撤销。"
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["Bearer kp_not-a-real-token", "Bearer ", "Bearer nonsense", "Basic dTpw"])
def test_unknown_or_malformed_credentials_are_401(tree, header):
    response = Client().get("/api/units/", headers={"Authorization": header})
    assert response.status_code == 401


def test_valid_token_authenticates_and_only_the_hash_is_stored(tree, hr_admin):
    token, plaintext = api_token_create(user=hr_admin, name="对接系统")
    assert plaintext.startswith("kp_") and len(plaintext) > 40
    token.refresh_from_db()
    assert token.key_hash == hash_token(plaintext) and plaintext not in token.key_hash
    assert plaintext.startswith(token.prefix) and len(token.prefix) < len(plaintext)
    assert token.last_used_at is None

    response = ApiClient(plaintext).get("/api/units/")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_last_used_is_touched_at_most_once_per_interval(tree, hr_admin, django_assert_num_queries):
    token, plaintext = api_token_create(user=hr_admin, name="x")
    client = ApiClient(plaintext)
    client.get("/api/units/")
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    client.get("/api/units/")
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first


def test_revoked_token_is_401(tree, hr_admin):
    token, plaintext = api_token_create(user=hr_admin, name="x")
    client = ApiClient(plaintext)
    assert client.get("/api/units/").status_code == 200
    api_token_revoke(actor=hr_admin, token=token)
    assert client.get("/api/units/").status_code == 401


def test_token_of_deactivated_user_is_401(tree, hr_admin, sysadmin):
    _token, plaintext = api_token_create(user=hr_admin, name="x")
    user_update(actor=sysadmin, user=hr_admin, is_active=False)
    assert ApiClient(plaintext).get("/api/units/").status_code == 401


def test_token_stops_working_when_the_user_loses_the_api_capability(tree, hr_admin, sysadmin):
    _token, plaintext = api_token_create(user=hr_admin, name="x")
    role_remove(actor=sysadmin, assignment=hr_admin.roles.get())
    assert ApiClient(plaintext).get("/api/units/").status_code == 401


def test_bad_token_does_not_fall_back_to_the_session(tree, hr_admin, client):
    client.force_login(hr_admin)
    assert client.get("/api/units/").status_code == 200
    assert client.get("/api/units/", headers={"Authorization": "Bearer kp_wrong"}).status_code == 401


def test_session_works_for_reads(tree, leader, client_for):
    response = client_for(leader).get("/api/units/")
    assert response.status_code == 200
    assert response.json()["count"] == 5


def test_session_writes_need_the_csrf_token(tree, hr_admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(hr_admin)
    body = {"name": "新部门", "code": "NEW-1", "parent": tree.root.pk}
    refused = client.post("/api/units/", body, content_type="application/json")
    assert refused.status_code == 403
    client.get("/accounts/tokens/")  # any page sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/units/", body, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert accepted.status_code == 201, accepted.content


def test_token_requests_need_no_csrf_token(tree, hr_admin):
    _token, plaintext = api_token_create(user=hr_admin, name="x")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/units/",
        {"name": "新部门", "code": "NEW-2", "parent": tree.root.pk},
        content_type="application/json",
        headers={"Authorization": f"Bearer {plaintext}"},
    )
    assert response.status_code == 201


def test_tokens_never_reach_the_logs(tree, hr_admin, caplog, settings):
    settings.DEBUG = True  # ninja's own bearer class logs unexpected headers in DEBUG; ours must not
    _token, plaintext = api_token_create(user=hr_admin, name="x")
    with caplog.at_level(logging.DEBUG):
        Client().get("/api/units/", headers={"Authorization": f"Bearer {plaintext}"})
        Client().get("/api/units/", headers={"Authorization": f"Token {plaintext}"})
        Client().get("/api/units/", headers={"Authorization": f"Bearer {plaintext}x"})
    assert caplog.records  # the 401s are logged by django.request …
    assert plaintext not in caplog.text  # … without the token
