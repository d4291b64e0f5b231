"""List pages run a fixed number of queries, however many rows they show."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kaoping.org import services
from tests.factories import make_person, make_unit


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def add_people(tree, n):
    units = [tree.office, tree.office_secretariat, tree.org_dept, tree.institute]
    for i in range(n):
        make_person(units[i % len(units)], f"人员{i:03d}")


# session, user, role grants, count, page, unit choices, rank choices
PERSON_LIST_QUERIES = 7
# session, user, role grants, the annotated tree
UNIT_TREE_QUERIES = 4
# session, user, role grants, count, page (with actor), object types
AUDIT_LIST_QUERIES = 6


def test_person_list_query_count_is_constant(client_for, hr_admin, tree, django_assert_num_queries):
    client = client_for(hr_admin)
    add_people(tree, 5)
    few = count_queries(client, reverse("org:person_list"))
    add_people(tree, 25)
    many = count_queries(client, reverse("org:person_list") + "?sort=rank")
    assert few == many
    with django_assert_num_queries(PERSON_LIST_QUERIES):
        client.get(reverse("org:person_list"))


def test_person_list_filtered_by_unit_is_constant(client_for, liaison, tree):
    client = client_for(liaison)
    url = reverse("org:person_list") + f"?unit={tree.office.pk}&q=人员"
    add_people(tree, 5)
    few = count_queries(client, url)
    add_people(tree, 25)
    assert count_queries(client, url) == few


def test_unit_tree_query_count_is_constant(client_for, hr_admin, tree, django_assert_num_queries):
    client = client_for(hr_admin)
    add_people(tree, 5)
    few = count_queries(client, reverse("org:unit_tree"))
    add_people(tree, 25)
    for i in range(25):
        make_unit(f"新增处{i}", parent=tree.org_dept)
    assert count_queries(client, reverse("org:unit_tree") + "?all=1") == few
    with django_assert_num_queries(UNIT_TREE_QUERIES):
        client.get(reverse("org:unit_tree"))


def test_audit_list_query_count_is_constant(client_for, hr_admin, tree, django_assert_num_queries):
    client = client_for(hr_admin)
    for i in range(5):
        services.unit_update(actor=hr_admin, unit=tree.office, name=f"办公厅{i}")
    few = count_queries(client, reverse("audit_list"))
    for i in range(25):
        services.unit_update(actor=hr_admin, unit=tree.org_dept, name=f"组织部{i}")
    assert count_queries(client, reverse("audit_list")) == few
    with django_assert_num_queries(AUDIT_LIST_QUERIES):
        client.get(reverse("audit_list"))
