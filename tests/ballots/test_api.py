"""/api/ballots/: rounds list and detail, results after close with suppression; permissions as the UI."""

import pytest

from kaoping.ballots import services
from tests.api.conftest import api_for  # noqa: F401  (fixture)
from tests.ballots.conftest import issue, make_round, vote_many

pytestmark = pytest.mark.django_db


def test_rounds_list_detail_and_results(api_for, hr_admin):  # noqa: F811
    rnd = make_round(eligible={"A": 3, "B": 6}, subjects=("张三",), min_group_size=4, external_ref="sel:7")
    codes = issue(rnd, {"A": 3, "B": 6})
    vote_many(rnd, codes["A"], [(3, {"张三": "胜任"})])
    vote_many(rnd, codes["B"], [(6, {"张三": "基本胜任"})])
    api = api_for(hr_admin)
    r = api.get("/api/ballots/rounds/")
    assert r.status_code == 200 and r.json()["count"] == 1
    r = api.get(f"/api/ballots/rounds/{rnd.pk}/")
    groups = {g["key"]: g for g in r.json()["groups"]}
    assert groups["A"]["returned"] == 3 and groups["B"]["eligible"] == 6
    assert api.get(f"/api/ballots/rounds/{rnd.pk}/results/").status_code == 404  # not closed yet
    services.round_close(actor=None, round=rnd)
    body = api.get(f"/api/ballots/rounds/{rnd.pk}/results/").json()
    subject = body["subjects"][0]
    assert subject["score"] == "70.00"  # A 40 + B 0.5×60 = 30 (R000-15)
    assert subject["counts"] == {"overall": {"胜任": 3, "基本胜任": 6, "不胜任": 0}}
    assert subject["counts_by_group"] is None  # A returned 3 < 4: no group breakdown
    assert body["is_valid"] and body["suppressed"]


def test_api_permissions(client, marker, teller):
    rnd = make_round()
    assert client.get("/api/ballots/rounds/").status_code == 401
    for user in (marker, teller):
        client.force_login(user)
        assert client.get("/api/ballots/rounds/").status_code == 403
        assert client.get(f"/api/ballots/rounds/{rnd.pk}/").status_code == 403
        assert client.get("/api/ballots/rounds/999999/").status_code == 403
