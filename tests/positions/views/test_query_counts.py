"""The plan list and the plan page run a fixed number of queries, however many plans or lines they show."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kaoping.positions import services
from tests.positions.views.conftest import make_plan

# session, user, role grants, the annotated plan list, the edit-scope check for "新建方案"
PLAN_LIST_QUERIES = 5
# session, user, role grants, access, plan + categories + lines(+descriptions) + phases
PLAN_DETAIL_QUERIES = 8


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _blank_plan(actor, unit, n_lines: int):
    plan = services.plan_create(
        actor=actor, unit=unit, title=f"方案{n_lines}", year=2025, approved_staffing=30, approved_posts=30
    )
    services.category_quota_set(actor=actor, plan=plan, category="管理", quota=30, highest_grade=6)
    for i in range(n_lines):
        services.line_add(
            actor=actor, plan=plan, department="综合科", name=f"岗位{i}", category="管理", grade=9, count=1
        )
    return plan


def test_plan_list_query_count_is_constant(client_for, hr_admin, tree, django_assert_num_queries):
    client = client_for(hr_admin)
    make_plan(hr_admin, tree.office)
    few = count_queries(client, reverse("positions:plan_list"))
    for unit in (tree.org_dept, tree.institute, tree.office_secretariat, tree.root):
        make_plan(hr_admin, unit)
    assert count_queries(client, reverse("positions:plan_list")) == few
    with django_assert_num_queries(PLAN_LIST_QUERIES):
        client.get(reverse("positions:plan_list"))


def test_plan_detail_query_count_is_constant(client_for, hr_admin, tree, django_assert_num_queries):
    client = client_for(hr_admin)
    few = _blank_plan(hr_admin, tree.office, 3)
    many = _blank_plan(hr_admin, tree.org_dept, 20)
    n_few = count_queries(client, reverse("positions:plan_detail", args=[few.pk]))
    assert count_queries(client, reverse("positions:plan_detail", args=[many.pk])) == n_few
    with django_assert_num_queries(PLAN_DETAIL_QUERIES):
        client.get(reverse("positions:plan_detail", args=[many.pk]))


def test_liaison_plan_detail_query_count_is_constant(client_for, liaison, hr_admin, tree):
    client = client_for(liaison)
    few = _blank_plan(hr_admin, tree.office, 3)
    many = _blank_plan(hr_admin, tree.office_secretariat, 20)
    n_few = count_queries(client, reverse("positions:plan_detail", args=[few.pk]))
    assert count_queries(client, reverse("positions:plan_detail", args=[many.pk])) == n_few
