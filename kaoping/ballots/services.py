"""Evaluation rounds: create from a preset, edit, subjects and groups, open / close, test-round wipe.

Every write validates, saves and audits in one transaction. Voting, credentials and paper entry live in
:mod:`kaoping.ballots.services_voting`.
"""

from __future__ import annotations

import copy
import random
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
from kaoping.ballots.presets import get_preset
from kaoping.common.audit import audit_record, snapshot
from kaoping.common.errors import DomainError, TransitionBlocked, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.common.validation import validate_model
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.tally import BallotTemplate

Status = EvaluationRound.Status
ROUND_OPTIONS = ("participation_threshold", "min_group_size", "allow_abstain", "paper_double_entry")


def _audit(actor, action: str, obj, changes: dict | None = None, note: str = "") -> None:
    audit_record(actor=actor, action=action, obj=obj, changes=changes or {}, note=note)


def _require_status(rnd: EvaluationRound, *statuses: str) -> None:
    if rnd.status not in statuses:
        labels = "、".join(str(Status(s).label) for s in statuses)
        raise DomainError(
            _("测评当前为“%(now)s”状态，此操作只能在“%(allowed)s”状态进行。")
            % {"now": rnd.get_status_display(), "allowed": labels},
            code="wrong_status",
        )


def validate_template(data: Any) -> BallotTemplate:
    """The template dict validated by the engine; errors become ValidationFailed on ``template``."""
    if not isinstance(data, dict):
        raise ValidationFailed({"template": [_("测评票模板格式不正确。")]})
    try:
        return BallotTemplate.from_dict(data)
    except SchemeError as exc:
        raise ValidationFailed({"template": [f"{exc.field}：{exc.message}"]}) from None


def _decimal(value: Any, field: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationFailed({field: [_("请输入数字。")]}) from None


# ------------------------------------------------------------------------------------------------ rounds


@transaction.atomic
def round_create(
    *,
    actor,
    title: str,
    preset_key: str | None = None,
    template: dict | None = None,
    purpose: str = "",
    external_ref: str = "",
    is_test: bool = False,
    **options: Any,
) -> EvaluationRound:
    """A draft round whose template is copied from ``preset_key`` or given as ``template``.

    ``options``: participation_threshold (Decimal, 0.8 = 80 %), min_group_size, allow_abstain,
    paper_double_entry, and ``eligible`` ({group key: number who should take part})."""
    eligible = options.pop("eligible", None) or {}
    unknown = set(options) - set(ROUND_OPTIONS)
    if unknown:
        raise DomainError(_("未知的测评设置：%(f)s") % {"f": "、".join(sorted(unknown))}, code="bad_option")
    if template is None:
        if not preset_key:
            raise ValidationFailed({"preset_key": [_("请选择测评票模板。")]})
        try:
            template = get_preset(preset_key).data()
        except KeyError:
            raise ValidationFailed({"preset_key": [_("测评票模板不存在。")]}) from None
    data = copy.deepcopy(template)
    parsed = validate_template(data)
    threshold = options.pop("participation_threshold", data.pop("participation_threshold", "0.80"))
    data.pop("participation_threshold", None)
    groups = data.pop("groups")
    rnd = EvaluationRound(
        title=title,
        purpose=purpose,
        external_ref=external_ref,
        is_test=is_test,
        preset_key=preset_key or "",
        template=data,
        participation_threshold=_decimal(threshold, "participation_threshold"),
        code_salt=codes.new_salt(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **options,
    )
    validate_model(rnd)
    rnd.save()
    unknown_groups = set(eligible) - {g.key for g in parsed.scheme.groups}
    if unknown_groups:
        raise ValidationFailed(
            {"eligible": [_("未知投票组：%(g)s") % {"g": "、".join(sorted(unknown_groups))}]}
        )
    for order, group in enumerate(groups):
        row = VoterGroup(
            round=rnd,
            key=group["key"],
            label=group.get("label") or group["key"],
            points=_decimal(group["points"], "points"),
            eligible=int(eligible.get(group["key"], group.get("eligible", 0))),
            order=order,
        )
        validate_model(row, exclude=["round"])
        row.save()
    _audit(actor, AuditEntry.Action.CREATE, rnd, snapshot(rnd, ["title", "purpose", "is_test", "preset_key"]))
    return rnd


@transaction.atomic
def round_update(*, actor, round: EvaluationRound, **fields: Any) -> EvaluationRound:
    """Edit the title and purpose (until closed) or the template and settings (while a draft)."""
    allowed_any = {"title", "purpose", "external_ref"}
    allowed_draft = {"template", *ROUND_OPTIONS}
    unknown = set(fields) - allowed_any - allowed_draft
    if unknown:
        raise DomainError(_("不可修改的字段：%(f)s") % {"f": "、".join(sorted(unknown))}, code="bad_field")
    _require_status(round, Status.DRAFT, Status.OPEN)
    if set(fields) & allowed_draft:
        _require_status(round, Status.DRAFT)
    before = snapshot(round)
    if "template" in fields:
        data = copy.deepcopy(fields.pop("template"))
        data["groups"] = [
            {"key": g.key, "label": g.label, "points": str(g.points)} for g in round.groups.all()
        ]
        validate_template(data)
        data.pop("groups")
        data.pop("participation_threshold", None)
        round.template = data
    if "participation_threshold" in fields:
        fields["participation_threshold"] = _decimal(
            fields["participation_threshold"], "participation_threshold"
        )
    for name, value in fields.items():
        setattr(round, name, value)
    validate_model(round)
    round.save()
    after = snapshot(round)
    _audit(
        actor,
        AuditEntry.Action.UPDATE,
        round,
        {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
    )
    return round


@transaction.atomic
def group_update(
    *,
    actor,
    group: VoterGroup,
    eligible: int | None = None,
    paper_issued: int | None = None,
    label: str | None = None,
    points: Decimal | None = None,
) -> VoterGroup:
    """Eligible voters and paper ballots handed out (until closed); label and points (draft only)."""
    rnd = group.round
    _require_status(rnd, Status.DRAFT, Status.OPEN)
    if (label is not None or points is not None or eligible is not None) and not rnd.is_draft:
        raise DomainError(_("投票开始后不能修改投票组名称、分值和应参加人数。"), code="wrong_status")
    before = snapshot(group)
    if eligible is not None:
        group.eligible = eligible
    if paper_issued is not None:
        group.paper_issued = paper_issued
    if label is not None:
        group.label = label
    if points is not None:
        group.points = points
    validate_model(group)
    group.save()
    after = snapshot(group)
    _audit(
        actor,
        AuditEntry.Action.UPDATE,
        group,
        {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
    )
    return group


# ---------------------------------------------------------------------------------------------- subjects


@transaction.atomic
def subject_add(
    *, actor, round: EvaluationRound, label: str, person=None, unit=None, external_ref: str = ""
) -> Subject:
    """Add a subject (candidate, team or cadre) to a draft round."""
    _require_status(round, Status.DRAFT)
    last = round.subjects.order_by("-order").values_list("order", flat=True).first()
    subject = Subject(
        round=round,
        label=(label or "").strip(),
        person=person,
        unit=unit,
        external_ref=external_ref,
        order=(last or 0) + 1,
    )
    validate_model(subject)
    try:
        with transaction.atomic():
            subject.save()
    except IntegrityError as exc:
        raise DomainError(_("该测评对象已在本轮中。"), code="conflict", field="label") from exc
    _audit(actor, AuditEntry.Action.CREATE, subject, snapshot(subject))
    return subject


@transaction.atomic
def subject_remove(*, actor, subject: Subject) -> None:
    _require_status(subject.round, Status.DRAFT)
    _audit(actor, AuditEntry.Action.DELETE, subject, snapshot(subject))
    subject.delete()


# ------------------------------------------------------------------------------------------- transitions


def round_blocking_issues(rnd: EvaluationRound, target: str) -> list[str]:
    """What keeps ``rnd`` from moving to ``target`` (open / closed)."""
    issues: list[str] = []
    if target == Status.OPEN:
        if not rnd.is_draft:
            issues.append(_("只有准备中的测评可以开始投票。"))
        if not rnd.subjects.exists():
            issues.append(_("尚未添加测评对象。"))
        for group in rnd.groups.all():
            if group.eligible <= 0:
                issues.append(_("投票组“%(g)s”的应参加人数须大于 0。") % {"g": group.label})
    elif target == Status.CLOSED:
        if not rnd.is_open:
            issues.append(_("只有投票中的测评可以结束。"))
        from kaoping.ballots.selectors import paper_entry_diff

        for line in paper_entry_diff(rnd):
            issues.append(_("纸质票两次录入不一致：%(d)s") % {"d": line})
    return issues


@transaction.atomic
def round_open(*, actor, round: EvaluationRound) -> EvaluationRound:
    rnd = EvaluationRound.objects.select_for_update().get(pk=round.pk)
    issues = round_blocking_issues(rnd, Status.OPEN)
    if issues:
        raise TransitionBlocked(issues)
    rnd.status = Status.OPEN
    rnd.opened_at = timezone.now()
    rnd.save(update_fields=["status", "opened_at", "updated_at"])
    _audit(actor, AuditEntry.Action.UPDATE, rnd, {"status": [Status.DRAFT, Status.OPEN]}, _("开始投票"))
    round.refresh_from_db()
    return round


def _reshuffle_ballots(rnd: EvaluationRound) -> None:
    """Rewrite the round's ballots in random order with new keys, so the storage order (SQLite's rowid,
    PostgreSQL's heap order) no longer follows the order in which people voted."""
    ballots = list(Ballot.objects.filter(round=rnd).values_list("id", "group_id", "is_paper"))
    choices: dict = {}
    for ballot_id, subject_id, item, option in BallotChoice.objects.filter(ballot__round=rnd).values_list(
        "ballot_id", "subject_id", "item", "option"
    ):
        choices.setdefault(ballot_id, []).append((subject_id, item, option))
    random.SystemRandom().shuffle(ballots)
    Ballot.objects.filter(round=rnd).delete()
    new_ballots, new_choices = [], []
    for old_id, group_id, is_paper in ballots:
        ballot = Ballot(round=rnd, group_id=group_id, is_paper=is_paper)
        new_ballots.append(ballot)
        new_choices += [
            BallotChoice(ballot=ballot, subject_id=sid, item=item, option=opt)
            for sid, item, opt in choices.get(old_id, [])
        ]
    Ballot.objects.bulk_create(new_ballots, batch_size=1000)
    BallotChoice.objects.bulk_create(new_choices, batch_size=2000)


@transaction.atomic
def round_close(*, actor, round: EvaluationRound) -> EvaluationRound:
    """Close voting. The row lock waits for ballots being cast (they hold a share lock on the round), so
    the results are final from here: every later cast or paper entry is refused."""
    rnd = EvaluationRound.objects.select_for_update().get(pk=round.pk)
    issues = round_blocking_issues(rnd, Status.CLOSED)
    if issues:
        raise TransitionBlocked(issues)
    rnd.status = Status.CLOSED
    rnd.closed_at = timezone.now()
    rnd.save(update_fields=["status", "closed_at", "updated_at"])
    _reshuffle_ballots(rnd)
    _audit(actor, AuditEntry.Action.UPDATE, rnd, {"status": [Status.OPEN, Status.CLOSED]}, _("结束投票"))
    round.refresh_from_db()
    return round


@transaction.atomic
def round_wipe_test(*, actor, round: EvaluationRound, make_live: bool = False) -> EvaluationRound:
    """RP-09 test mode: delete every ballot, credential and paper count of a test round and return it to
    draft (optionally as the live round)."""
    rnd = EvaluationRound.objects.select_for_update().get(pk=round.pk)
    if not rnd.is_test:
        raise DomainError(_("只有测试轮次可以清空。"), code="not_test")
    counts = {
        "ballots": Ballot.objects.filter(round=rnd).count(),
        "credentials": Credential.objects.filter(round=rnd).count(),
    }
    Ballot.objects.filter(round=rnd).delete()
    Credential.objects.filter(round=rnd).delete()
    PaperTally.objects.filter(round=rnd).delete()
    PaperReturn.objects.filter(round=rnd).delete()
    VoterGroup.objects.filter(round=rnd).update(paper_issued=0)
    rnd.status = Status.DRAFT
    rnd.opened_at = None
    rnd.closed_at = None
    rnd.code_salt = codes.new_salt()
    if make_live:
        rnd.is_test = False
    rnd.save()
    _audit(actor, AuditEntry.Action.DELETE, rnd, counts, _("清空测试数据"))
    round.refresh_from_db()
    return round
