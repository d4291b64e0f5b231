"""Roles and access for every registry page: anonymous → login, wrong role or wrong unit → 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaoping.org import services

# (name, how to build the URL from tree/people/records) — read pages need org.view
READ_PAGES = {
    "unit_tree": lambda t, p, r: reverse("org:unit_tree"),
    "person_list": lambda t, p, r: reverse("org:person_list"),
    "unit_detail": lambda t, p, r: reverse("org:unit_detail", args=[t.office.pk]),
    "person_detail": lambda t, p, r: reverse("org:person_detail", args=[p.secretary.pk]),
    "history_section": lambda t, p, r: reverse("org:history_section", args=[p.secretary.pk, "result"]),
}
# Edit pages of a record inside 办公厅 (the liaison's subtree)
EDIT_PAGES = {
    "person_create": lambda t, p, r: reverse("org:person_create"),
    "person_edit": lambda t, p, r: reverse("org:person_edit", args=[p.secretary.pk]),
    "history_create": lambda t, p, r: reverse("org:history_create", args=[p.secretary.pk, "result"]),
    "history_edit": lambda t, p, r: reverse("org:history_edit", args=["result", r.pk]),
}
# Unit and rank management: org.units (hr_admin, sysadmin)
UNIT_PAGES = {
    "unit_create_child": lambda t, p, r: reverse("org:unit_create_child", args=[t.office.pk]),
    "unit_create": lambda t, p, r: reverse("org:unit_create"),
    "unit_edit": lambda t, p, r: reverse("org:unit_edit", args=[t.office.pk]),
    "unit_move": lambda t, p, r: reverse("org:unit_move", args=[t.office.pk]),
    "rank_list": lambda t, p, r: reverse("org:rank_list"),
    "rank_create": lambda t, p, r: reverse("org:rank_create"),
}
ALL_PAGES = {**READ_PAGES, **EDIT_PAGES, **UNIT_PAGES}


@pytest.fixture
def result(people):
    return services.history_add(
        actor=None, person=people.secretary, record_kind="result", year=2022, grade="excellent"
    )


@pytest.mark.parametrize("page", sorted(ALL_PAGES))
def test_anonymous_is_sent_to_login(client, tree, people, result, page):
    url = ALL_PAGES[page](tree, people, result)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("page", sorted(ALL_PAGES))
@pytest.mark.parametrize("who", ["marker", "no_role_user"])
def test_users_without_registry_access_get_404(request, client_for, tree, people, result, page, who):
    user = request.getfixturevalue(who)
    response = client_for(user).get(ALL_PAGES[page](tree, people, result))
    assert response.status_code == 404


@pytest.mark.parametrize("page", sorted(READ_PAGES))
def test_leader_may_read(client_for, leader, tree, people, result, page):
    assert client_for(leader).get(READ_PAGES[page](tree, people, result)).status_code == 200


@pytest.mark.parametrize("page", sorted({**EDIT_PAGES, **UNIT_PAGES}))
def test_leader_gets_404_on_edit_pages(client_for, leader, tree, people, result, page):
    assert client_for(leader).get(ALL_PAGES[page](tree, people, result)).status_code == 404


@pytest.mark.parametrize("page", sorted({**READ_PAGES, **EDIT_PAGES}))
def test_liaison_may_read_and_edit_own_subtree(client_for, liaison, tree, people, result, page):
    assert client_for(liaison).get(ALL_PAGES[page](tree, people, result)).status_code == 200


@pytest.mark.parametrize("page", sorted(UNIT_PAGES))
def test_liaison_may_not_manage_units_or_ranks(client_for, liaison, tree, people, result, page):
    assert client_for(liaison).get(UNIT_PAGES[page](tree, people, result)).status_code == 404


@pytest.mark.parametrize("page", sorted(ALL_PAGES))
def test_hr_admin_may_use_every_page(client_for, hr_admin, tree, people, result, page):
    assert client_for(hr_admin).get(ALL_PAGES[page](tree, people, result)).status_code == 200


def test_liaison_gets_404_outside_own_subtree(client_for, liaison, tree, people):
    other = people.org_staff
    record = services.history_add(
        actor=None, person=other, record_kind="result", year=2021, grade="competent"
    )
    client = client_for(liaison)
    urls = [
        reverse("org:unit_detail", args=[tree.org_dept.pk]),
        reverse("org:unit_detail", args=[tree.root.pk]),
        reverse("org:person_detail", args=[other.pk]),
        reverse("org:person_edit", args=[other.pk]),
        reverse("org:history_section", args=[other.pk, "result"]),
        reverse("org:history_create", args=[other.pk, "result"]),
        reverse("org:history_edit", args=["result", record.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for url in [
        reverse("org:history_delete", args=["result", record.pk]),
        reverse("org:person_set_active", args=[other.pk]),
    ]:
        assert client.post(url, {"is_active": "0"}).status_code == 404, url
    other.refresh_from_db()
    assert other.is_active
    assert other.annualresults.filter(pk=record.pk).exists()


def test_missing_and_foreign_records_look_the_same(client_for, liaison, tree, people):
    client = client_for(liaison)
    foreign = client.get(reverse("org:person_detail", args=[people.org_staff.pk]))
    missing = client.get(reverse("org:person_detail", args=[999999]))
    assert foreign.status_code == missing.status_code == 404


def test_unknown_history_kind_is_404(client_for, hr_admin, people):
    url = reverse("org:history_create", args=[people.secretary.pk, "salary"])
    assert client_for(hr_admin).get(url).status_code == 404
