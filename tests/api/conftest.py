"""API fixtures: a token client per user."""

from __future__ import annotations

import itertools

import pytest
from django.test import Client

from kaoping.accounts.services import api_token_create


class ApiClient:
    """A test client that sends ``Authorization: Bearer <token>`` and JSON bodies."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path, data=None):
        return self.client.get(path, data, headers=self.headers)

    def post(self, path, data=None):
        return self.client.post(path, data, content_type="application/json", headers=self.headers)

    def patch(self, path, data=None):
        return self.client.patch(path, data, content_type="application/json", headers=self.headers)

    def upload(self, path, files):
        return self.client.post(path, files, headers=self.headers)


@pytest.fixture
def api_for(db):
    """api_for(user) → an ApiClient authenticated with a fresh token of ``user``."""

    seq = itertools.count(1)

    def make(user):
        _token, plaintext = api_token_create(user=user, name=f"测试{next(seq)}")
        return ApiClient(plaintext)

    return make
