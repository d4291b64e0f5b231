"""REST endpoints of the ballots app (mounted in kaoping/api.py at /api/ballots/).

Read-only: the round list and detail (with live progress) need BALLOTS_VIEW; results exist once a round is
closed and are shown with the same small-group suppression as the results page. A user without
BALLOTS_VIEW gets 403 before any round is looked up.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from kaoping.accounts.roles import Cap
from kaoping.ballots import selectors as sel
from kaoping.ballots.results import score_text
from kaoping.common.api_access import api_user
from kaoping.org.schemas import MessageOut, PageParams

router = Router(tags=["民主测评"])
ERRORS = {403: MessageOut, 404: MessageOut}


class RoundOut(Schema):
    id: int
    title: str
    purpose: str
    status: str
    is_test: bool
    external_ref: str
    participation_threshold: str
    min_group_size: int
    allow_abstain: bool


class RoundPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RoundOut]


class GroupProgressOut(Schema):
    key: str
    label: str
    eligible: int
    issued: int
    returned: int


class SubjectOut(Schema):
    id: int
    label: str
    external_ref: str


class RoundDetailOut(RoundOut):
    groups: list[GroupProgressOut]
    subjects: list[SubjectOut]


class SubjectResultOut(Schema):
    subject_id: int
    label: str
    external_ref: str
    score: str | None
    score_text: str
    counts: dict[str, dict[str, int]] | None  # item → option → votes over all groups (None = suppressed)
    counts_by_group: dict[str, dict[str, dict[str, int]]] | None  # group → item → option (None = suppressed)


class ResultsOut(Schema):
    round_id: int
    is_valid: bool
    invalid_reasons: list[str]
    participation: str
    returned_by_group: dict[str, int]
    eligible_by_group: dict[str, int]
    suppressed: list[str]
    subjects: list[SubjectResultOut]


def _viewer(request: HttpRequest):
    return api_user(request, Cap.BALLOTS_VIEW)


def _round_out(r) -> dict[str, Any]:
    return {
        "id": r.pk,
        "title": r.title,
        "purpose": r.purpose,
        "status": r.status,
        "is_test": r.is_test,
        "external_ref": r.external_ref,
        "participation_threshold": str(r.participation_threshold),
        "min_group_size": r.min_group_size,
        "allow_abstain": r.allow_abstain,
    }


@router.get("/rounds/", response={200: RoundPage, **ERRORS}, summary="测评轮次列表")
def rounds_list(request: HttpRequest, paging: Query[PageParams], q: str = "", status: str = ""):
    user = _viewer(request)
    qs = sel.rounds_visible(user).order_by("-created_at", "-id")
    if q:
        qs = qs.filter(title__icontains=q)
    if status:
        qs = qs.filter(status=status)
    start, stop = paging.bounds()
    return {
        "count": qs.count(),
        "limit": paging.limit,
        "offset": start,
        "items": [_round_out(r) for r in qs[start:stop]],
    }


@router.get("/rounds/{round_id}/", response={200: RoundDetailOut, **ERRORS}, summary="测评轮次详情与进度")
def round_detail(request: HttpRequest, round_id: int):
    rnd = sel.access_round(_viewer(request), round_id)
    data = _round_out(rnd)
    data["groups"] = [
        {"key": p.key, "label": p.label, "eligible": p.eligible, "issued": p.issued, "returned": p.returned}
        for p in sel.progress(rnd)
    ]
    data["subjects"] = [
        {"id": s.pk, "label": s.label, "external_ref": s.external_ref} for s in sel.subjects_of(rnd)
    ]
    return data


@router.get("/rounds/{round_id}/results/", response={200: ResultsOut, **ERRORS}, summary="测评结果（结束后）")
def round_results(request: HttpRequest, round_id: int):
    rnd = sel.access_round(_viewer(request), round_id)
    sel.require_closed(rnd)
    res = sel.round_results(rnd)
    sup = res.suppression
    subjects = []
    order = {s.pk: i for i, s in enumerate(sel.subjects_of(rnd))}
    for sr in sorted(res.subjects, key=lambda s: order.get(s.subject_id, 0)):
        subjects.append(
            {
                "subject_id": sr.subject_id,
                "label": sr.label,
                "external_ref": sr.external_ref,
                "score": None if sr.score is None or sr.score.value is None else str(sr.score.value),
                "score_text": score_text(sr.score, sup.show_groups),
                "counts": {i.key: sr.combined(i.key) for i in res.template.items}
                if sup.show_counts
                else None,
                "counts_by_group": sr.counts if sup.show_groups else None,
            }
        )
    return {
        "round_id": res.round_id,
        "is_valid": res.is_valid,
        "invalid_reasons": list(res.invalid_reasons),
        "participation": res.participation.derivation.text(),
        "returned_by_group": res.returned_by_group,
        "eligible_by_group": res.eligible_by_group,
        "suppressed": list(sup.reasons),
        "subjects": subjects,
    }
