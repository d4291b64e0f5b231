"""The rank catalogue (职务职级)."""

from __future__ import annotations

from django.urls import reverse

from kaoping.common.models import AuditEntry
from kaoping.org.models import Rank
from tests.factories import rank


def test_list_shows_active_ranks(client_for, hr_admin, db):
    chuzhang = rank("chuzhang")
    Rank.objects.filter(code="keyuan").update(is_active=False)
    client = client_for(hr_admin)
    html = client.get(reverse("org:rank_list")).content.decode()
    assert chuzhang.name in html and "管理岗位职员1级" in html
    assert reverse("org:rank_edit", args=[Rank.objects.get(code="keyuan").pk]) not in html
    assert (
        reverse("org:rank_edit", args=[Rank.objects.get(code="keyuan").pk])
        in client.get(reverse("org:rank_list") + "?all=1").content.decode()
    )


def test_create_rank(client_for, hr_admin, db):
    data = {"name": "一级巡视员", "code": "yiji_xunshiyuan", "level": "bureau", "category": "non_leadership"}
    data.update(grade="", order="12", is_active="on")
    response = client_for(hr_admin).post(reverse("org:rank_create"), data)
    assert response.status_code == 302
    created = Rank.objects.get(code="yiji_xunshiyuan")
    assert created.order == 12 and created.grade is None
    assert AuditEntry.objects.filter(object_type="org.rank", action="create", actor=hr_admin).exists()


def test_duplicate_rank_name_is_refused(client_for, hr_admin, db):
    existing = rank("chuzhang")
    data = {
        "name": existing.name,
        "code": "other",
        "level": "division",
        "category": "leadership",
        "order": "1",
    }
    response = client_for(hr_admin).post(reverse("org:rank_create"), data)
    assert response.status_code == 200 and response.context["form"].errors["name"]
    assert not Rank.objects.filter(code="other").exists()


def test_edit_rank(client_for, hr_admin, db):
    r = rank("keyuan")
    data = {
        "name": "一级科员",
        "code": r.code,
        "level": r.level,
        "category": r.category,
        "order": str(r.order),
    }
    response = client_for(hr_admin).post(reverse("org:rank_edit", args=[r.pk]), data)  # is_active unticked
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.name == "一级科员" and not r.is_active
    entry = AuditEntry.objects.get(object_type="org.rank", object_id=str(r.pk), action="update")
    assert entry.changes["name"] == ["科员", "一级科员"]


def test_missing_rank_is_404(client_for, hr_admin, db):
    assert client_for(hr_admin).get(reverse("org:rank_edit", args=[999999])).status_code == 404
