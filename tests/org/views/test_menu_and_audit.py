"""Each role's menu shows only what it may use; UI edits land in the audit trail."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kaoping.common.models import AuditEntry
from tests.org.views.conftest import menu_html


def test_hr_admin_menu(client_for, hr_admin):
    menu = menu_html(client_for(hr_admin).get(reverse("home")))
    for label in ("单位架构", "干部名册", "职务职级", "审计记录"):
        assert label in menu
    assert "账号与角色" not in menu  # users.manage belongs to the system administrator


def test_liaison_menu(client_for, liaison):
    menu = menu_html(client_for(liaison).get(reverse("home")))
    assert "单位架构" in menu and "干部名册" in menu
    assert "职务职级" not in menu and "审计记录" not in menu


def test_leader_menu(client_for, leader):
    menu = menu_html(client_for(leader).get(reverse("home")))
    assert "干部名册" in menu
    assert "职务职级" not in menu and "审计记录" not in menu and "批量导入" not in menu


def test_marker_menu_has_only_their_marking(client_for, marker):
    response = client_for(marker).get(reverse("home"))
    menu = menu_html(response)
    assert menu.count("dropdown-item") == 1 and "我的阅卷" in menu
    assert "干部名册" not in menu and "笔试面试" not in menu


def test_user_without_roles_has_no_menu(client_for, no_role_user):
    response = client_for(no_role_user).get(reverse("home"))
    assert menu_html(response).count("dropdown-item") == 0
    assert "您当前没有可使用的功能" in response.content.decode()


def test_menu_links_resolve(client_for, hr_admin):
    html = menu_html(client_for(hr_admin).get(reverse("home")))
    for name in ("org:unit_tree", "org:person_list", "org:rank_list"):
        assert f'href="{reverse(name)}"' in html


def test_ui_edit_is_audited_and_visible_to_hr(client_for, hr_admin, sysadmin, liaison, tree, people):
    client = client_for(liaison)
    data = {
        "name": "秘书甲",
        "gender": "M",
        "birth_date": "1980-05-06",
        "ethnicity": "汉族",
        "political_status": "cpc",
        "unit": tree.office_secretariat.pk,
        "category": "civil_service_like",
        "has_grassroots_experience": "on",
        "meets_training_requirement": "on",
        "id_number": people.secretary.id_number,
        "phone": "010-12345678",
        "rank": people.secretary.rank.pk,
        "rank_start_date": "2005-07-01",
    }
    assert client.post(reverse("org:person_edit", args=[people.secretary.pk]), data).status_code == 302
    entry = AuditEntry.objects.get(
        object_type="org.person", object_id=str(people.secretary.pk), action="update"
    )
    assert entry.actor == liaison
    assert entry.changes == {"phone": ["", "010-12345678"]}
    assert client.get(reverse("audit_list")).status_code == 404  # liaisons do not read the audit trail
    for user in (hr_admin, sysadmin):
        html = client_for(user).get(reverse("audit_list")).content.decode()
        assert "010-12345678" in html and "秘书甲" in html


def test_audit_list_404_for_leader_and_marker(client_for, leader, marker):
    assert client_for(leader).get(reverse("audit_list")).status_code == 404
    assert client_for(marker).get(reverse("audit_list")).status_code == 404


def test_history_edit_in_audit(client_for, hr_admin, people):
    client = client_for(hr_admin)
    url = reverse("org:history_create", args=[people.secretary.pk, "resume"])
    client.post(
        url, {"start_date": dt.date(1998, 9, 1).isoformat(), "text": "参加工作"}, HTTP_HX_REQUEST="true"
    )
    html = client.get(reverse("audit_list")).content.decode()
    assert "秘书甲：简历" in html
