"""Person and history services: validation, uniqueness, audit in the same transaction."""

import datetime as dt

import pytest
from django.db import transaction

from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.org import services
from kaoping.org.models import AnnualResult, Person
from tests.factories import id_number_for, make_person, rank


def test_person_create_normalises_and_audits(tree, hr_admin):
    idn = id_number_for(dt.date(1968, 5, 4), 12)
    person = services.person_create(
        actor=hr_admin,
        name="  王建国 ",
        gender="M",
        birth_date=dt.date(1968, 5, 4),
        id_number=idn.lower(),
        unit=tree.office,
        category="civil_service_like",
        rank=rank("diaoyanyuan"),
        rank_start_date=dt.date(2007, 3, 1),
    )
    assert person.name == "王建国" and person.id_number == idn.upper()
    entry = AuditEntry.objects.get(object_type="org.person", object_id=str(person.pk))
    assert entry.actor == hr_admin and entry.changes["rank"] == "调研员"


def test_person_bad_id_check_digit_saves_nothing(tree):
    good = id_number_for(dt.date(1970, 1, 1), 5)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationFailed) as exc:
        make_person(tree.office, "错号", id_number=bad)
    assert exc.value.errors["id_number"] == ["身份证号校验位不正确，请核对。"]
    assert not Person.objects.filter(name="错号").exists()
    assert not AuditEntry.objects.filter(object_repr="错号").exists()


def test_person_rank_without_start_date_is_refused(tree):
    with pytest.raises(ValidationFailed) as exc:
        make_person(tree.office, "缺时间", rank=rank("chuzhang"), rank_start_date=None)
    assert "rank_start_date" in exc.value.errors


def test_person_duplicate_id_number_is_a_conflict(tree):
    idn = id_number_for(dt.date(1975, 2, 2), 7)
    make_person(tree.office, "甲", id_number=idn)
    with pytest.raises((DomainError, ValidationFailed)):
        make_person(tree.org_dept, "乙", id_number=idn)
    assert Person.objects.filter(id_number=idn).count() == 1


def test_person_update_audits_only_the_changed_fields(tree, hr_admin):
    person = make_person(tree.office, "李明")
    services.person_update(actor=hr_admin, person=person, current_post="办公厅副主任", unit=tree.org_dept)
    entry = AuditEntry.objects.filter(object_id=str(person.pk), action="update").get()
    assert entry.changes == {"unit": ["办公厅", "组织部"], "current_post": ["", "办公厅副主任"]}


def test_person_update_unknown_field_is_refused(tree):
    person = make_person(tree.office)
    with pytest.raises(ValidationFailed):
        services.person_update(actor=None, person=person, is_superuser=True)


def test_person_cannot_be_moved_into_an_inactive_unit(tree):
    person = make_person(tree.office)
    services.unit_deactivate(actor=None, unit=tree.institute)
    with pytest.raises(ValidationFailed) as exc:
        services.person_update(actor=None, person=person, unit=tree.institute)
    assert exc.value.errors == {"unit": ["所选单位已停用。"]}


def test_history_one_annual_result_per_year(tree):
    person = make_person(tree.office)
    services.history_add(actor=None, person=person, record_kind="result", year=2009, grade="excellent")
    with pytest.raises(DomainError) as exc:
        services.history_add(actor=None, person=person, record_kind="result", year=2009, grade="competent")
    assert exc.value.code in {"conflict", "validation_failed"}
    assert "已存在" in exc.value.message or "重复" in exc.value.message
    assert AnnualResult.objects.filter(person=person).count() == 1


def test_history_end_before_start_is_refused(tree):
    person = make_person(tree.office)
    with pytest.raises(ValidationFailed) as exc:
        services.history_add(
            actor=None,
            person=person,
            record_kind="training",
            name="党校进修",
            start_date=dt.date(2010, 3, 1),
            end_date=dt.date(2010, 1, 1),
        )
    assert exc.value.errors["end_date"] == ["结束日期不能早于开始日期。"]


def test_history_update_and_delete_are_audited(tree, hr_admin):
    person = make_person(tree.office, "赵强")
    record = services.history_add(
        actor=hr_admin, person=person, record_kind="result", year=2010, grade="competent"
    )
    record_id = str(record.pk)
    services.history_update(actor=hr_admin, record=record, grade="excellent")
    services.history_delete(actor=hr_admin, record=record)
    actions = list(
        AuditEntry.objects.filter(object_type="org.annualresult", object_id=record_id)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]
    assert "赵强" in AuditEntry.objects.filter(action="delete").latest("id").object_repr


def test_audit_row_rolls_back_with_the_change(tree, hr_admin):
    person = make_person(tree.office, "回滚")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.person_update(actor=hr_admin, person=person, current_post="处长")
        raise RuntimeError("boom")
    assert not AuditEntry.objects.filter(object_id=str(person.pk), action="update").exists()
    person.refresh_from_db()
    assert person.current_post == ""


def test_person_set_active_is_audited_and_idempotent(tree):
    person = make_person(tree.office)
    services.person_set_active(actor=None, person=person, is_active=False, note="退休")
    services.person_set_active(actor=None, person=person, is_active=False)
    assert AuditEntry.objects.filter(object_id=str(person.pk), action="deactivate").count() == 1
