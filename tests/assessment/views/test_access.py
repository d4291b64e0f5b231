"""RBAC of every assessment page: anonymous → login, no role / wrong unit → 404, right role → 200; a
department sees only its own until the results are published."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kaoping.assessment import services
from kaoping.assessment.services_flow import assessment_transition
from tests.assessment.conftest import to_approval


def _urls(targets):
    s, a = targets.scheme.pk, targets.office.pk
    return [
        reverse("assessment:index"),
        reverse("assessment:scheme_detail", args=[s]),
        reverse("assessment:assessment_detail", args=[a]),
        reverse("assessment:archive_docx", args=[a]),
    ]


@pytest.mark.parametrize("i", range(4))
def test_anonymous_redirected_to_login(client, targets, i):
    response = client.get(_urls(targets)[i])
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("i", range(4))
def test_no_role_gets_404(client_for, no_role_user, targets, i):
    assert client_for(no_role_user).get(_urls(targets)[i]).status_code == 404


@pytest.mark.parametrize("i", range(4))
def test_manager_and_leader_get_200(client_for, hr_admin, leader, targets, i):
    assert client_for(hr_admin).get(_urls(targets)[i]).status_code == 200
    assert client_for(leader).get(_urls(targets)[i]).status_code == 200


def test_liaison_sees_only_own_unit(client_for, liaison, targets):
    client = client_for(liaison)
    assert client.get(reverse("assessment:assessment_detail", args=[targets.office.pk])).status_code == 200
    assert client.get(reverse("assessment:assessment_detail", args=[targets.finance.pk])).status_code == 404
    assert client.get(reverse("assessment:archive_docx", args=[targets.finance.pk])).status_code == 404
    page = client.get(reverse("assessment:scheme_detail", args=[targets.scheme.pk])).content.decode()
    assert "办公室" in page and "财务部" not in page.split('id="units"')[1].split('id="rules"')[0]
    # no ranking, no pay pages before publication
    assert client.get(reverse("assessment:results", args=[targets.scheme.pk])).status_code == 404
    assert client.get(reverse("assessment:results_xlsx", args=[targets.scheme.pk])).status_code == 404
    assert client.get(reverse("assessment:pay", args=[targets.scheme.pk])).status_code == 404


def test_liaison_sees_ranking_once_published(client_for, liaison, hr_admin, leader, targets):
    for a in (targets.office, targets.finance):
        to_approval(hr_admin, a)
        assessment_transition(actor=leader, assessment=a, action="approve")
    services.scheme_publish(actor=hr_admin, scheme=targets.scheme)
    client = client_for(liaison)
    page = client.get(reverse("assessment:results", args=[targets.scheme.pk]))
    assert page.status_code == 200 and "财务部" in page.content.decode()
    finance_url = reverse("assessment:assessment_detail", args=[targets.finance.pk])
    assert finance_url not in page.content.decode()  # listed, but not linked
    # still not the other department's sheet
    assert client.get(reverse("assessment:assessment_detail", args=[targets.finance.pk])).status_code == 404


def test_draft_scheme_hidden_from_liaison(client_for, liaison, hr_admin, tree):
    scheme = services.scheme_create(actor=hr_admin, year=2018, preset_key="targets.seed003")
    services.scheme_unit_add(actor=hr_admin, scheme=scheme, unit=tree.office, key="办公室")
    assert client_for(liaison).get(reverse("assessment:scheme_detail", args=[scheme.pk])).status_code == 404


def test_marker_gets_404(client_for, marker, targets):
    assert client_for(marker).get(reverse("assessment:index")).status_code == 404


def test_manage_pages_refuse_liaison(client_for, liaison, targets):
    client = client_for(liaison)
    assert client.get(reverse("assessment:scheme_create")).status_code == 404
    assert client.get(reverse("assessment:scheme_edit", args=[targets.scheme.pk])).status_code == 404
    response = client.post(reverse("assessment:scheme_status", args=[targets.scheme.pk, "publish"]))
    assert response.status_code == 404


def test_pay_pages_rbac(client_for, liaison, leader, hr_admin, targets):
    """Pay pages: the organisers manage, leaders read, liaisons see nothing (404)."""
    from kaoping.assessment.services_pay import pay_run_create

    for a in (targets.office, targets.finance):
        to_approval(hr_admin, a)
        assessment_transition(actor=leader, assessment=a, action="approve")
    run = pay_run_create(actor=hr_admin, scheme=targets.scheme, forfeited=set())
    pay = reverse("assessment:pay", args=[targets.scheme.pk])
    run_url = reverse("assessment:pay_run", args=[run.pk])
    xlsx = reverse("assessment:pay_run_xlsx", args=[run.pk])
    for url in (pay, run_url, xlsx):
        assert client_for(liaison).get(url).status_code == 404
        assert client_for(leader).get(url).status_code == 200
        assert client_for(hr_admin).get(url).status_code == 200
    create = reverse("assessment:pay_run_create", args=[targets.scheme.pk])
    assert client_for(leader).post(create, {"band_rounding": "floor"}).status_code == 404
    assert client_for(hr_admin).post(create, {"band_rounding": "floor"}).status_code == 302


def test_results_pages_for_leader(client_for, leader, targets):
    for name in ("assessment:results", "assessment:results_xlsx", "assessment:results_chart"):
        assert client_for(leader).get(reverse(name, args=[targets.scheme.pk])).status_code == 200
