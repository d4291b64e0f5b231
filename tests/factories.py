"""Test data builders shared by every test module."""

from __future__ import annotations

import datetime as dt
import itertools

from kaoping.accounts.models import RoleAssignment, User
from kaoping.accounts.scoping import forget
from kaoping.org import services
from kaoping.org.choices import Gender, PersonCategory, UnitCategory, UnitKind
from kaoping.org.idcard import check_digit
from kaoping.org.models import Person, Rank, Unit
from kaoping.org.presets import load_rank_presets

_seq = itertools.count(1)


def make_unit(name: str, parent: Unit | None = None, **fields) -> Unit:
    n = next(_seq)
    fields.setdefault("code", f"U{n:05d}")
    fields.setdefault("kind", UnitKind.DEPARTMENT if parent else UnitKind.ORGANIZATION)
    fields.setdefault("category", UnitCategory.CIVIL_SERVICE_LIKE)
    return services.unit_create(actor=None, parent=parent, name=name, **fields)


def rank(code: str) -> Rank:
    if not Rank.objects.filter(code=code).exists():
        load_rank_presets()
    return Rank.objects.get(code=code)


def id_number_for(birth: dt.date, serial: int) -> str:
    first17 = f"110101{birth:%Y%m%d}{serial % 1000:03d}"
    return first17 + check_digit(first17)


def make_person(unit: Unit, name: str | None = None, **fields) -> Person:
    n = next(_seq)
    fields.setdefault("gender", Gender.MALE)
    fields.setdefault("birth_date", dt.date(1970, 1, 1) + dt.timedelta(days=n))
    fields.setdefault("category", PersonCategory.CIVIL_SERVICE_LIKE)
    if "rank" not in fields:
        fields["rank"] = rank("chuzhang")
        fields.setdefault("rank_start_date", dt.date(2005, 7, 1))
    return services.person_create(actor=None, name=name or f"测试{n}", unit=unit, **fields)


def make_user(username: str, role: str | None = None, unit: Unit | None = None, **fields) -> User:
    user = User.objects.create_user(username=username, password="pw-for-tests-123", **fields)
    if role:
        RoleAssignment.objects.create(user=user, role=role, unit=unit)
        forget(user)
    return user
