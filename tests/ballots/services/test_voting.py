"""Credentials and casting: hashed codes, one ballot per code, validation, failure injection, paper (RP-09)."""

import pytest

from kaoping.ballots import codes as codes_mod
from kaoping.ballots import services, services_voting
from kaoping.ballots.models import Ballot, BallotChoice, Credential
from kaoping.ballots.services_voting import (
    credentials_issue,
    paper_counts_save,
    paper_slip_enter,
)
from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from tests.ballots.conftest import issue, make_round, vote

pytestmark = pytest.mark.django_db

BOTH = {"张三": "胜任", "李四": "基本胜任"}


def test_codes_are_short_readable_unique_and_stored_only_hashed():
    rnd = make_round()
    issued = credentials_issue(actor=None, round=rnd, counts={"A": 10, "B": 40})
    plain = [c for _, c in issued]
    assert len(set(plain)) == 50
    for code in plain:
        assert len(code) == 11 and code[5] == "-"
        assert not set(code.replace("-", "")) & set("01OIL")
    hashes = set(Credential.objects.filter(round=rnd).values_list("code_hash", flat=True))
    assert len(hashes) == 50
    assert not any(c in h or c.replace("-", "") in h for c in plain for h in hashes)
    assert {codes_mod.code_hash(rnd.code_salt, c) for c in plain} == hashes
    # random order: the groups are interleaved, not 10 A then 40 B
    keys = [k for k, _ in issued]
    assert keys != sorted(keys) and keys != sorted(keys, reverse=True)


def test_one_ballot_per_code_and_no_link_back():
    rnd = make_round()
    code = issue(rnd, {"A": 1})["A"][0]
    vote(rnd, code, BOTH)
    with pytest.raises(DomainError) as exc:
        vote(rnd, code, BOTH)
    assert exc.value.code == "used"
    assert Ballot.objects.filter(round=rnd).count() == 1
    assert Credential.objects.get(round=rnd).is_used
    # the code typed with lower case and spaces is the same code
    with pytest.raises(DomainError):
        vote(rnd, code.lower().replace("-", " "), BOTH)


def test_unknown_code_refused():
    rnd = make_round()
    issue(rnd, {"A": 1})
    with pytest.raises(DomainError) as exc:
        vote(rnd, "ABCDE-FGHJK", BOTH)
    assert exc.value.code == "bad_code"


def test_missing_choice_refused_in_chinese_unless_abstention_allowed():
    rnd = make_round()
    code = issue(rnd, {"B": 1})["B"][0]
    with pytest.raises(ValidationFailed) as exc:
        vote(rnd, code, {"张三": "胜任"})
    assert any("李四" in m for msgs in exc.value.errors.values() for m in msgs)
    with pytest.raises(ValidationFailed):
        vote(rnd, code, {"张三": "胜任", "李四": "很好"})
    assert not Credential.objects.get(round=rnd).is_used  # nothing half-saved
    rnd2 = make_round(allow_abstain=True, subjects=("王五", "赵六"))
    code2 = issue(rnd2, {"B": 1})["B"][0]
    vote(rnd2, code2, {"王五": "胜任"})
    assert BallotChoice.objects.filter(ballot__round=rnd2).count() == 1


def test_failure_between_marking_used_and_inserting_leaves_neither(monkeypatch):
    rnd = make_round()
    code = issue(rnd, {"A": 1})["A"][0]

    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services_voting, "_insert_ballot", crash)
    with pytest.raises(RuntimeError):
        vote(rnd, code, BOTH)
    assert not Credential.objects.get(round=rnd).is_used
    assert not Ballot.objects.exists()
    monkeypatch.undo()
    vote(rnd, code, BOTH)
    assert Ballot.objects.count() == 1


def test_rp09_paper_slip_burns_its_code(teller):
    rnd = make_round()
    code = issue(rnd, {"A": 2})["A"][0]
    subjects = {s.label: s.pk for s in rnd.subjects.all()}
    paper_slip_enter(
        actor=teller, round=rnd, code=code, choices={(subjects[k], "overall"): v for k, v in BOTH.items()}
    )
    cred = Credential.objects.get(code_hash=codes_mod.code_hash(rnd.code_salt, code))
    assert cred.is_used and cred.is_burned_on_paper
    assert Ballot.objects.get().is_paper
    with pytest.raises(DomainError) as exc:
        vote(rnd, code, BOTH)
    assert exc.value.code == "used"


def test_paper_counts_validated_and_double_entry_diff_blocks_close(teller, teller2):
    rnd = make_round(paper_double_entry=True)
    group = rnd.groups.get(key="B")
    services.group_update(actor=None, group=group, paper_issued=10)
    group.refresh_from_db()
    s = {x.label: x.pk for x in rnd.subjects.all()}
    with pytest.raises(ValidationFailed) as exc:
        paper_counts_save(
            actor=teller, round=rnd, group=group, returned=5, counts={(s["张三"], "overall", "胜任"): 6}
        )
    assert any("超过收回票数" in m for msgs in exc.value.errors.values() for m in msgs)
    with pytest.raises(ValidationFailed):
        paper_counts_save(actor=teller, round=rnd, group=group, returned=11, counts={})
    counts = {(s["张三"], "overall", "胜任"): 5, (s["李四"], "overall", "不胜任"): 5}
    paper_counts_save(actor=teller, round=rnd, group=group, returned=5, counts=counts)
    with pytest.raises(DomainError) as exc:
        paper_counts_save(actor=teller, round=rnd, group=group, returned=5, counts=counts, entry_no=2)
    assert exc.value.code == "same_teller"
    paper_counts_save(
        actor=teller2,
        round=rnd,
        group=group,
        returned=5,
        counts={**counts, (s["张三"], "overall", "胜任"): 4},
        entry_no=2,
    )
    with pytest.raises(TransitionBlocked) as blocked:
        services.round_close(actor=None, round=rnd)
    assert any("不一致" in i for i in blocked.value.issues)
    paper_counts_save(actor=teller2, round=rnd, group=group, returned=5, counts=counts, entry_no=2)
    services.round_close(actor=None, round=rnd)


def test_paper_entry_only_while_open(teller):
    rnd = make_round(open_it=False)
    with pytest.raises(DomainError):
        paper_counts_save(actor=teller, round=rnd, group=rnd.groups.first(), returned=0, counts={})


def test_no_audit_row_per_ballot():
    from kaoping.common.models import AuditEntry

    rnd = make_round()
    codes = issue(rnd, {"A": 3})["A"]
    before = AuditEntry.objects.count()
    for code in codes:
        vote(rnd, code, BOTH)
    assert AuditEntry.objects.count() == before
