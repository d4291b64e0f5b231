"""The scheme list, the scheme page and the results page run a fixed number of queries, however many
schemes or units they show."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kaoping.assessment import services
from tests.factories import make_unit

# session, user, role grants, count, page of schemes
SCHEME_LIST_QUERIES = 5
# session, user, grants, access, units + scores + awards of the ranking, the publish check (+ messages)
SCHEME_DETAIL_QUERIES = 8
RESULTS_QUERIES = 7


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _scheme(actor, root, n_units):
    scheme = services.scheme_create(actor=actor, year=2011, preset_key="union_work.seed001")
    keys = services.engine.unit_keys(scheme.kind, scheme.scheme)
    for i in range(n_units):
        unit = make_unit(f"单位{scheme.pk}-{i}", parent=root)
        services.scheme_unit_add(actor=actor, scheme=scheme, unit=unit, key=keys[i])
    return scheme


def test_scheme_list_query_count_is_constant(client_for, hr_admin, tree):
    client = client_for(hr_admin)
    _scheme(hr_admin, tree.root, 1)
    few = count(client, reverse("assessment:index"))
    for _i in range(4):
        _scheme(hr_admin, tree.root, 1)
    assert count(client, reverse("assessment:index")) == few == SCHEME_LIST_QUERIES


def test_scheme_page_and_results_query_count_is_constant(client_for, hr_admin, tree):
    client = client_for(hr_admin)
    small = _scheme(hr_admin, tree.root, 2)
    large = _scheme(hr_admin, tree.root, 6)
    for scheme in (small, large):
        services.scheme_open(actor=hr_admin, scheme=scheme)
    detail = [count(client, reverse("assessment:scheme_detail", args=[s.pk])) for s in (small, large)]
    assert detail[0] == detail[1] == SCHEME_DETAIL_QUERIES
    results = [count(client, reverse("assessment:results", args=[s.pk])) for s in (small, large)]
    assert results[0] == results[1] == RESULTS_QUERIES


def test_unit_sheet_query_count_does_not_grow_with_evidence(
    client_for, hr_admin, targets, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kaoping.assessment.services_materials import evidence_add

    settings.MEDIA_ROOT = tmp_path
    client = client_for(hr_admin)
    url = reverse("assessment:assessment_detail", args=[targets.office.pk])
    before = count(client, url)
    for s in targets.office.scores.all():
        evidence_add(
            actor=hr_admin, assessment=targets.office, score=s, upload=SimpleUploadedFile("a.txt", b"x")
        )
    assert count(client, url) == before
