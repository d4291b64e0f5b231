"""Token pages: create shows the plaintext once, the list never does, revoke works; scoped to the owner."""

from __future__ import annotations

import re

import pytest

from kaoping.accounts.models import ApiToken
from kaoping.accounts.services import api_token_create
from kaoping.common.models import AuditEntry
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r"kp_[A-Za-z0-9_\-]{40,}")


def test_anonymous_is_sent_to_login(client):
    response = client.get("/accounts/tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_user_without_the_capability_gets_404(leader, marker, client_for):
    for user in (leader, marker):
        assert client_for(user).get("/accounts/tokens/").status_code == 404


def test_create_shows_plaintext_once_and_the_list_never(tree, liaison, client_for):
    client = client_for(liaison)
    empty = client.get("/accounts/tokens/")
    assert empty.status_code == 200 and "您还没有接口令牌。" in empty.content.decode()

    created = client.post("/accounts/tokens/", {"name": "人事系统同步"})
    assert created.status_code == 200
    html = created.content.decode()
    [plaintext] = set(TOKEN_RE.findall(html))
    assert "请立即复制并妥善保存下面的令牌。" in html and "复制" in html
    assert "no-store" in created["Cache-Control"]
    token = ApiToken.objects.get(user=liaison)
    assert token.name == "人事系统同步" and plaintext.startswith(token.prefix)

    listing = client.get("/accounts/tokens/").content.decode()
    assert "人事系统同步" in listing and token.prefix in listing
    assert plaintext not in listing and not TOKEN_RE.search(listing)

    # the plaintext shown works against the API
    assert ApiClient(plaintext).get("/api/units/").status_code == 200

    entry = AuditEntry.objects.get(object_type="accounts.apitoken", object_id=str(token.pk))
    assert plaintext not in str(entry.changes) and plaintext not in entry.object_repr


def test_blank_and_duplicate_names_are_refused(liaison, client_for):
    client = client_for(liaison)
    assert "这个字段是必填项。" in client.post("/accounts/tokens/", {"name": ""}).content.decode()
    client.post("/accounts/tokens/", {"name": "同步"})
    again = client.post("/accounts/tokens/", {"name": "同步"}).content.decode()
    assert "已有同名的有效令牌，请换一个名称。" in again
    assert ApiToken.objects.filter(user=liaison).count() == 1


def test_revoke_with_confirmation(tree, hr_admin, client_for):
    token, plaintext = api_token_create(user=hr_admin, name="旧系统")
    client = client_for(hr_admin)
    listing = client.get("/accounts/tokens/").content.decode()
    assert f'action="/accounts/tokens/{token.pk}/revoke/"' in listing and "data-confirm=" in listing

    assert client.get(f"/accounts/tokens/{token.pk}/revoke/").status_code == 405
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/", follow=True)
    assert response.status_code == 200 and "已撤销" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiClient(plaintext).get("/api/units/").status_code == 401
    assert AuditEntry.objects.filter(
        object_type="accounts.apitoken", object_id=str(token.pk), action="deactivate", actor=hr_admin
    ).exists()


def test_nobody_sees_or_revokes_another_users_token(tree, hr_admin, liaison, client_for):
    token, _plaintext = api_token_create(user=hr_admin, name="组织部专用")
    client = client_for(liaison)
    assert "组织部专用" not in client.get("/accounts/tokens/").content.decode()
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
