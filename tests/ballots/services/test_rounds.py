"""Round lifecycle: create from a preset, edit, open / close with blocking issues, test-round wipe (RP-09)."""

from decimal import Decimal

import pytest

from kaoping.ballots import services
from kaoping.ballots.models import Ballot, Credential, EvaluationRound, VoterGroup
from kaoping.ballots.services_voting import cast_ballot
from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from kaoping.common.models import AuditEntry
from tests.ballots.conftest import issue, make_round, vote

pytestmark = pytest.mark.django_db


def test_round_create_copies_the_seed000_preset(hr_admin):
    rnd = services.round_create(
        actor=hr_admin,
        title="竞岗测评",
        preset_key="seed000.ab",
        eligible={"A": 10, "B": 50},
        external_ref="sel:1",
    )
    groups = {g.key: (g.points, g.eligible) for g in VoterGroup.objects.filter(round=rnd)}
    assert groups == {"A": (Decimal("40.00"), 10), "B": (Decimal("60.00"), 50)}
    assert rnd.participation_threshold == Decimal("0.8000")  # R000-16
    assert [o["name"] for o in rnd.template["options"]] == ["胜任", "基本胜任", "不胜任"]
    assert rnd.status == EvaluationRound.Status.DRAFT and rnd.external_ref == "sel:1"
    assert AuditEntry.objects.filter(object_type="ballots.evaluationround", object_id=str(rnd.pk)).exists()


@pytest.mark.parametrize("preset", ["seed002.team", "seed002.cadre"])
def test_seed002_presets(preset):
    rnd = services.round_create(actor=None, title="年度考核测评", preset_key=preset)
    assert rnd.groups.get().key == "全体"


def test_round_create_from_an_edited_template_and_bad_templates():
    tpl = {
        "options": [{"name": "同意", "weight": "1"}, {"name": "不同意", "weight": "0"}],
        "groups": [{"key": "全体", "points": "100"}],
    }
    rnd = services.round_create(actor=None, title="自定义", template=tpl, allow_abstain=True)
    assert rnd.allow_abstain
    with pytest.raises(ValidationFailed) as exc:
        services.round_create(actor=None, title="坏模板", template={**tpl, "options": []})
    assert "template" in exc.value.errors
    with pytest.raises(ValidationFailed):
        services.round_create(actor=None, title="无模板")
    with pytest.raises(DomainError):
        services.round_create(actor=None, title="未知设置", preset_key="seed000.ab", colour="red")
    assert not EvaluationRound.objects.filter(title__in=["坏模板", "无模板", "未知设置"]).exists()


def test_open_is_blocked_without_subjects_or_eligible_voters():
    rnd = services.round_create(actor=None, title="空测评", preset_key="seed000.ab")
    with pytest.raises(TransitionBlocked) as exc:
        services.round_open(actor=None, round=rnd)
    assert any("测评对象" in i for i in exc.value.issues)
    assert any("应参加人数" in i for i in exc.value.issues)
    rnd.refresh_from_db()
    assert rnd.is_draft


def test_lifecycle_no_voting_before_open_or_after_close():
    rnd = make_round(open_it=False)
    codes = issue(rnd, {"A": 2, "B": 0})["A"]
    with pytest.raises(DomainError) as exc:
        vote(rnd, codes[0], {"张三": "胜任", "李四": "胜任"})
    assert exc.value.code in ("bad_code", "not_open")
    services.round_open(actor=None, round=rnd)
    vote(rnd, codes[0], {"张三": "胜任", "李四": "胜任"})
    services.round_close(actor=None, round=rnd)
    with pytest.raises(DomainError) as exc:
        vote(rnd, codes[1], {"张三": "胜任", "李四": "胜任"})
    assert exc.value.code == "not_open"
    with pytest.raises(DomainError):
        services.subject_add(actor=None, round=rnd, label="王五")
    with pytest.raises(TransitionBlocked):
        services.round_open(actor=None, round=rnd)
    assert Ballot.objects.filter(round=rnd).count() == 1


def test_subjects_and_template_only_change_while_draft():
    rnd = make_round()
    with pytest.raises(DomainError):
        services.subject_add(actor=None, round=rnd, label="王五")
    with pytest.raises(DomainError):
        services.round_update(actor=None, round=rnd, min_group_size=3)
    services.round_update(actor=None, round=rnd, title="新名称")
    rnd.refresh_from_db()
    assert rnd.title == "新名称"


def test_duplicate_subject_refused():
    rnd = make_round(open_it=False)
    with pytest.raises(DomainError) as exc:
        services.subject_add(actor=None, round=rnd, label="张三")
    assert exc.value.code in ("conflict", "validation_failed")


def test_rp09_test_round_is_wiped_completely_before_going_live():
    rnd = make_round(is_test=True)
    codes = issue(rnd, {"A": 3, "B": 3})
    vote(rnd, codes["A"][0], {"张三": "胜任", "李四": "不胜任"})
    old_salt = rnd.code_salt
    services.round_wipe_test(actor=None, round=rnd, make_live=True)
    rnd.refresh_from_db()
    assert rnd.is_draft and not rnd.is_test and rnd.code_salt != old_salt
    assert not Ballot.objects.filter(round=rnd).exists()
    assert not Credential.objects.filter(round=rnd).exists()
    services.round_open(actor=None, round=rnd)
    with pytest.raises(DomainError):  # test codes are dead in the live round
        cast_ballot(code=codes["A"][1], choices={})


def test_live_round_cannot_be_wiped():
    rnd = make_round()
    with pytest.raises(DomainError) as exc:
        services.round_wipe_test(actor=None, round=rnd)
    assert exc.value.code == "not_test"


def test_close_rewrites_ballots_in_random_order_keeping_every_choice():
    """Storage order (SQLite rowid / PostgreSQL heap) must not follow the voting order after close."""
    from kaoping.ballots.models import BallotChoice

    rnd = make_round(subjects=("张三",))
    codes = issue(rnd, {"A": 10, "B": 30})
    for n, code in enumerate(codes["A"] + codes["B"]):
        vote(rnd, code, {"张三": ("胜任", "基本胜任", "不胜任")[n % 3]})
    before_ids = set(Ballot.objects.values_list("id", flat=True))
    before = sorted(BallotChoice.objects.values_list("ballot__group__key", "option"))
    services.round_close(actor=None, round=rnd)
    assert not before_ids & set(Ballot.objects.values_list("id", flat=True))  # new keys
    assert sorted(BallotChoice.objects.values_list("ballot__group__key", "option")) == before
    assert Ballot.objects.filter(round=rnd).count() == 40
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT g.key FROM {Ballot._meta.db_table} b JOIN ballots_votergroup g ON g.id = b.group_id ORDER BY b.rowid"
            )
            order = [row[0] for row in cursor.fetchall()]
        assert order != ["A"] * 10 + ["B"] * 30  # the voting order (probability 1/C(40,10) by chance)
