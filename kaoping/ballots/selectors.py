"""Reads of the ballots app: access, lists, progress and the results of a round (:func:`round_results`)."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.utils import timezone

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.ballots import codes
from kaoping.ballots.models import (
    Ballot,
    BallotChoice,
    Credential,
    EvaluationRound,
    PaperReturn,
    PaperTally,
    Subject,
    VoterGroup,
)
from kaoping.common.access import get_or_not_found, not_found
from kaoping.scoring.tally import BallotTemplate, Suppression, breakdown_visibility, shares, subject_score
from kaoping.scoring.trace import Derivation
from kaoping.scoring.votes import Participation, check_participation, reconcile_ballots

# ------------------------------------------------------------------------------------------------ access


def rounds_visible(user, cap: str = Cap.BALLOTS_VIEW):
    """Rounds ``user`` may see with ``cap`` (the ballots capabilities are not unit-scoped)."""
    if not has_cap(user, cap):
        return EvaluationRound.objects.none()
    return EvaluationRound.objects.all()


def access_round(user, pk, cap: str = Cap.BALLOTS_VIEW) -> EvaluationRound:
    return get_or_not_found(rounds_visible(user, cap), pk)


def rounds_page(
    user,
    *,
    q: str = "",
    status: str = "",
    page: int | str = 1,
    per_page: int = 25,
    cap: str = Cap.BALLOTS_VIEW,
):
    qs = (
        rounds_visible(user, cap)
        .annotate(n_subjects=Count("subjects", distinct=True))
        .order_by("-created_at", "-id")
    )
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(purpose__icontains=q) | Q(external_ref__icontains=q))
    if status:
        qs = qs.filter(status=status)
    return Paginator(qs, per_page).get_page(page)


def groups_of(rnd: EvaluationRound) -> list[VoterGroup]:
    return list(rnd.groups.order_by("order", "key"))


def ballot_template(rnd: EvaluationRound, groups: list[VoterGroup] | None = None) -> BallotTemplate:
    """The round's template with its groups' points, validated by the engine."""
    data = dict(rnd.template)
    data["groups"] = [
        {"key": g.key, "label": g.label, "points": str(g.points)} for g in (groups or groups_of(rnd))
    ]
    return BallotTemplate.from_dict(data)


def subjects_of(rnd: EvaluationRound) -> list[Subject]:
    return list(rnd.subjects.order_by("order", "id"))


_SALTS: dict[str, object] = {"at": 0.0, "salts": ()}
_SALT_TTL = 60.0
CLOSED_ROUND_DAYS = 30  # codes of rounds closed longer ago are simply unknown


def _voting_salts(refresh: bool) -> tuple[str, ...]:
    """Salts of the rounds that are not drafts, cached per process: a salt never changes while its round
    is open or closed (a wipe returns the round to draft), and a miss refreshes the cache."""
    now = time.monotonic()
    if refresh or now - float(_SALTS["at"]) > _SALT_TTL:  # type: ignore[arg-type]
        recent = timezone.now() - dt.timedelta(days=CLOSED_ROUND_DAYS)
        _SALTS["salts"] = tuple(
            EvaluationRound.objects.filter(
                Q(status=EvaluationRound.Status.OPEN)
                | Q(status=EvaluationRound.Status.CLOSED, closed_at__gte=recent)
            ).values_list("code_salt", flat=True)
        )
        _SALTS["at"] = now
    return _SALTS["salts"]  # type: ignore[return-value]


def find_credential(code: str) -> Credential | None:
    """The credential of ``code`` among rounds that are open (or closed, to say "voting has ended")."""
    if not codes.looks_valid(code):
        return None
    for refresh in (False, True):
        salts = _voting_salts(refresh)
        if salts:
            hashes = [codes.code_hash(salt, code) for salt in salts]
            cred = Credential.objects.select_related("round", "group").filter(code_hash__in=hashes).first()
            if cred is not None:
                return cred
    return None


@dataclass(frozen=True)
class BallotSpec:
    """What a voter is asked: the template, the subjects and whether abstaining is allowed."""

    template: BallotTemplate
    subjects: list[Subject]
    allow_abstain: bool


_SPECS: dict[tuple, BallotSpec] = {}


def _spec(rnd: EvaluationRound) -> BallotSpec:
    return BallotSpec(ballot_template(rnd), subjects_of(rnd), rnd.allow_abstain)


def ballot_spec_for(round_id: int, opened_at: object) -> BallotSpec:
    """The spec of an open round, cached per process. While a round is open its template, subjects and
    settings are frozen; the key includes the opening time, so a wiped and reopened test round gets a new
    one."""
    key = (round_id, str(opened_at))
    spec = _SPECS.get(key)
    if spec is None:
        rnd = EvaluationRound.objects.get(pk=round_id)
        if not rnd.is_open:
            return _spec(rnd)
        if len(_SPECS) > 256:
            _SPECS.clear()
        spec = _SPECS[key] = _spec(rnd)
    return spec


# ---------------------------------------------------------------------------------------------- progress


@dataclass(frozen=True)
class GroupProgress:
    key: str
    label: str
    eligible: int
    issued: int
    used_online: int
    paper_slips: int
    paper_returned: int
    paper_issued: int

    @property
    def returned(self) -> int:
        return self.used_online + self.paper_slips + self.paper_returned


def progress(rnd: EvaluationRound) -> list[GroupProgress]:
    """Per group: eligible, codes issued, ballots returned online, slips keyed in, paper counts."""
    cred = {
        row["group"]: row
        for row in Credential.objects.filter(round=rnd)
        .values("group")
        .annotate(n=Count("id"), used=Count("id", filter=Q(is_used=True, is_burned_on_paper=False)))
    }
    ballots = {
        row["group"]: row
        for row in Ballot.objects.filter(round=rnd)
        .values("group")
        .annotate(online=Count("id", filter=Q(is_paper=False)), paper=Count("id", filter=Q(is_paper=True)))
    }
    paper = dict(
        PaperReturn.objects.filter(round=rnd, entry_no=1).values_list("group").annotate(n=Sum("returned"))
    )
    out = []
    for g in groups_of(rnd):
        out.append(
            GroupProgress(
                key=g.key,
                label=g.label,
                eligible=g.eligible,
                issued=cred.get(g.pk, {}).get("n", 0),
                used_online=ballots.get(g.pk, {}).get("online", 0),
                paper_slips=ballots.get(g.pk, {}).get("paper", 0),
                paper_returned=paper.get(g.pk) or 0,
                paper_issued=g.paper_issued,
            )
        )
    return out


def paper_entry_diff(rnd: EvaluationRound) -> list[str]:
    """Where the two tellers' entries disagree (only when double entry is on)."""
    if not rnd.paper_double_entry:
        return []
    lines: list[str] = []
    returns: dict[tuple, dict[int, int]] = defaultdict(dict)
    for r in PaperReturn.objects.filter(round=rnd).select_related("group"):
        returns[(r.group.key,)][r.entry_no] = r.returned
    for (gkey,), entries in sorted(returns.items()):
        if entries.get(1) != entries.get(2):
            lines.append(f"{gkey} 组收回票数 {entries.get(1, '—')} ≠ {entries.get(2, '—')}")
    cells: dict[tuple, dict[int, int]] = defaultdict(dict)
    for t in PaperTally.objects.filter(round=rnd).select_related("group", "subject"):
        cells[(t.group.key, t.subject.label, t.item, t.option)][t.entry_no] = t.count
    for key, entries in sorted(cells.items()):
        if entries.get(1, 0) != entries.get(2, 0):
            lines.append(f"{key[0]} 组 {key[1]} {key[2]} {key[3]}：{entries.get(1, 0)} ≠ {entries.get(2, 0)}")
    return lines


# ----------------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class SubjectResult:
    subject_id: int
    external_ref: str
    person_id: int | None
    unit_id: int | None
    label: str
    counts: dict[str, dict[str, dict[str, int]]]  # group → item → option → votes
    valid: dict[str, dict[str, int]]  # group → item → valid votes (abstentions excluded)
    score: Derivation | None
    shares: dict[str, dict[str, Decimal]]  # item → option → share of all valid votes

    def combined(self, item: str) -> dict[str, int]:
        """Votes per option for ``item`` over every group."""
        out: dict[str, int] = defaultdict(int)
        for per_item in self.counts.values():
            for option, n in per_item.get(item, {}).items():
                out[option] += n
        return dict(out)


@dataclass(frozen=True)
class RoundResults:
    round_id: int
    is_closed: bool
    is_valid: bool
    invalid_reasons: tuple[str, ...]
    participation: Participation
    returned_by_group: dict[str, int]
    eligible_by_group: dict[str, int]
    issued_by_group: dict[str, int]
    subjects: tuple[SubjectResult, ...]
    suppression: Suppression
    template: BallotTemplate


def _count_rows(rnd: EvaluationRound) -> dict[tuple[int, str, str, str], int]:
    """(subject id, group key, item, option) → votes, from ballots and the first paper entry."""
    out: dict[tuple[int, str, str, str], int] = defaultdict(int)
    rows = (
        BallotChoice.objects.filter(ballot__round=rnd)
        .values_list("subject_id", "ballot__group__key", "item", "option")
        .annotate(n=Count("id"))
    )
    for subject_id, gkey, item, option, n in rows:
        out[(subject_id, gkey, item, option)] += n
    paper = (
        PaperTally.objects.filter(round=rnd, entry_no=1)
        .values_list("subject_id", "group__key", "item", "option")
        .annotate(n=Sum("count"))
    )
    for subject_id, gkey, item, option, n in paper:
        out[(subject_id, gkey, item, option)] += n or 0
    return out


def round_results(rnd: EvaluationRound) -> RoundResults:
    """Tallies, scores, shares, participation (R000-16), reconciliation (RP-09) and suppression of a
    round. Counts are complete (for the calling process); pages apply :attr:`RoundResults.suppression`."""
    groups = groups_of(rnd)
    template = ballot_template(rnd, groups)
    prog = {p.key: p for p in progress(rnd)}
    returned = {g.key: prog[g.key].returned for g in groups}
    eligible = {g.key: g.eligible for g in groups}
    issued = {g.key: prog[g.key].issued + g.paper_issued for g in groups}
    participation = check_participation(
        sum(returned.values()), sum(eligible.values()), rnd.participation_threshold
    )
    reasons: list[str] = []
    if participation.ok is None:
        reasons.extend(participation.derivation.all_incomplete_reasons())
    elif not participation.ok:
        reasons.append(f"参加率不足：{participation.derivation.formula}")
    online = reconcile_ballots(
        {g.key: prog[g.key].issued for g in groups},
        {g.key: prog[g.key].used_online + prog[g.key].paper_slips for g in groups},
    )
    paper = reconcile_ballots(
        {f"{g.key}（纸质）": g.paper_issued for g in groups},
        {f"{g.key}（纸质）": prog[g.key].paper_returned for g in groups},
    )
    reasons.extend(online.problems + paper.problems)
    reasons.extend(f"纸质票两次录入不一致：{d}" for d in paper_entry_diff(rnd))
    counts = _count_rows(rnd)
    options = template.option_names
    results = []
    for subject in subjects_of(rnd):
        per_group = {
            g.key: {
                i.key: {o: counts.get((subject.pk, g.key, i.key, o), 0) for o in options}
                for i in template.items
            }
            for g in groups
        }
        tallies = {i.key: {g.key: per_group[g.key][i.key] for g in groups} for i in template.items}
        item_totals = {
            i.key: {o: sum(per_group[g.key][i.key][o] for g in groups) for o in options}
            for i in template.items
        }
        results.append(
            SubjectResult(
                subject_id=subject.pk,
                external_ref=subject.external_ref,
                person_id=subject.person_id,
                unit_id=subject.unit_id,
                label=subject.label,
                counts=per_group,
                valid={g: {i: sum(c.values()) for i, c in items.items()} for g, items in per_group.items()},
                score=subject_score(template, tallies),
                shares={i: shares(c, options) for i, c in item_totals.items()},
            )
        )
    return RoundResults(
        round_id=rnd.pk,
        is_closed=rnd.is_closed,
        is_valid=not reasons,
        invalid_reasons=tuple(reasons),
        participation=participation,
        returned_by_group=returned,
        eligible_by_group=eligible,
        issued_by_group=issued,
        subjects=tuple(results),
        suppression=breakdown_visibility(returned, rnd.min_group_size),
        template=template,
    )


def require_closed(rnd: EvaluationRound) -> None:
    """Results pages and exports exist only once voting has ended."""
    if not rnd.is_closed:
        raise not_found()
