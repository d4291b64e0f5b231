"""The voter's pages: no login, the code only in POST bodies, confirmation, no second ballot, no code in logs."""

import logging

import pytest
from django.urls import reverse

from kaoping.ballots.models import Ballot, BallotChoice
from tests.ballots.conftest import issue, make_round

pytestmark = pytest.mark.django_db
URL = "/ballots/v/"


def _fields(rnd, choice):
    subjects = {s.label: s.pk for s in rnd.subjects.all()}
    return {f"s{subjects[k]}_overall": v for k, v in choice.items()}


def _walk(client, rnd, code, choice):
    r = client.post(URL, {"code": code, "step": "start"})
    assert r.status_code == 200, r.content.decode()
    r = client.post(URL, {"code": code, "step": "review", **_fields(rnd, choice)})
    assert r.status_code == 200
    return client.post(URL, {"code": code, "step": "cast", **_fields(rnd, choice)})


def test_vote_url_and_page_need_no_login(client):
    assert reverse("ballots:vote") == URL
    r = client.get(URL)
    assert r.status_code == 200
    body = r.content.decode()
    assert "location.hash" in body and "replaceState" in body  # the fragment is moved into the form
    assert "http://" not in body.split("<body")[1] or "cdn" not in body.lower()
    assert r["Referrer-Policy"] == "same-origin"


def test_full_flow_then_second_submission_refused(client):
    rnd = make_round()
    code = issue(rnd, {"B": 1})["B"][0]
    choice = {"张三": "胜任", "李四": "不胜任"}
    r = client.post(URL, {"code": code, "step": "start"})
    body = r.content.decode()
    assert "张三" in body and "基本胜任" in body and "其他人员" in body
    r = client.post(URL, {"code": code, "step": "review", **_fields(rnd, choice)})
    assert "请核对您的选择" in r.content.decode()
    r = client.post(URL, {"code": code, "step": "cast", **_fields(rnd, choice)})
    assert r.status_code == 302 and r["Location"] == reverse("ballots:vote_done")
    assert code not in r["Location"]
    # double click / back + resubmit
    r = client.post(URL, {"code": code, "step": "cast", **_fields(rnd, choice)})
    assert r.status_code == 410 and "已经使用过" in r.content.decode()
    assert Ballot.objects.filter(round=rnd).count() == 1
    assert sorted(BallotChoice.objects.values_list("option", flat=True)) == ["不胜任", "胜任"]


def test_missing_choice_shows_chinese_errors_and_keeps_the_rest(client):
    rnd = make_round()
    code = issue(rnd, {"A": 1})["A"][0]
    r = client.post(URL, {"code": code, "step": "review", **_fields(rnd, {"张三": "胜任"})})
    assert r.status_code == 422
    body = r.content.decode()
    assert "请对“李四”作出选择" in body
    assert 'value="胜任" autocomplete="off" checked' in body
    assert not Ballot.objects.exists()


def test_bad_code_and_closed_round(client):
    r = client.post(URL, {"code": "ABCDE-FGHJK", "step": "start"})
    assert r.status_code == 400 and "投票码无效" in r.content.decode()
    rnd = make_round()
    code = issue(rnd, {"A": 1})["A"][0]
    from kaoping.ballots import services

    services.round_close(actor=None, round=rnd)
    r = client.post(URL, {"code": code, "step": "start"})
    assert r.status_code == 410 and "不在投票时间内" in r.content.decode()


def test_a_full_voting_run_leaves_no_code_in_the_logs(client, caplog, settings):
    """Every logger at DEBUG (incl. django.request, django.server, SQL): the codes never appear."""
    settings.DEBUG = False
    rnd = make_round()
    codes = issue(rnd, {"A": 2, "B": 2})
    all_codes = codes["A"] + codes["B"]
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("django.db.backends").setLevel(logging.DEBUG)
        try:
            for code in all_codes[:3]:
                assert _walk(client, rnd, code, {"张三": "胜任", "李四": "胜任"}).status_code == 302
            client.post(URL, {"code": all_codes[0], "step": "cast"})  # refused: used (410)
            client.post(URL, {"code": all_codes[3], "step": "review"})  # 422 with errors
            client.post(URL, {"code": "ZZZZZ-ZZZZZ", "step": "start"})  # 400
        finally:
            logging.getLogger("django.db.backends").setLevel(logging.WARNING)
    text = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    assert caplog.records, "nothing was captured: the test would prove nothing"
    for code in all_codes:
        assert code not in text and code.replace("-", "") not in text


def test_wrong_codes_are_throttled_per_address(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.KAOPING_BALLOT_FAIL_LIMIT = 3
    rnd = make_round()
    code = issue(rnd, {"A": 1})["A"][0]
    for _ in range(3):
        assert client.post(URL, {"code": "ZZZZZ-ZZZZZ", "step": "start"}).status_code == 400
    r = client.post(URL, {"code": code, "step": "start"})
    assert r.status_code == 429 and "错误次数过多" in r.content.decode()
    cache.clear()
    assert client.post(URL, {"code": code, "step": "start"}).status_code == 200
