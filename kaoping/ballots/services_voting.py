"""Credentials, casting a ballot, and paper entry (RP-09).

Casting is one transaction: a share lock on the round (so closing waits for ballots in flight), a
conditional ``UPDATE credential SET is_used = true WHERE id = … AND NOT is_used`` whose row count must be
1, then the ballot rows. A crash between the two leaves neither. No audit row is written per ballot (its
time would be a link); nothing about the code or the voter is logged.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from kaoping.ballots import codes, fastpath
from kaoping.ballots.models import (
    Credential,
    EvaluationRound,
    PaperReturn,
    PaperTally,
    Subject,
    VoterGroup,
)
from kaoping.ballots.selectors import ballot_spec_for, ballot_template, find_credential, subjects_of
from kaoping.common.audit import audit_record
from kaoping.common.errors import DomainError, ValidationFailed
from kaoping.common.models import AuditEntry
from kaoping.scoring.tally import BallotTemplate

Status = EvaluationRound.Status
Choices = Mapping[tuple[int, str], str]  # (subject id, item key) → option name

MAX_CODES_PER_CALL = 5000


# ------------------------------------------------------------------------------------------- credentials


@transaction.atomic
def credentials_issue(*, actor, round: EvaluationRound, counts: Mapping[str, int]) -> list[tuple[str, str]]:
    """Generate ``counts[group key]`` new codes; return ``[(group key, code)]`` in random order.

    This is the only time the plaintext exists: the caller turns it into slips at once and the server
    keeps only the hashes."""
    if round.is_closed:
        raise DomainError(_("测评已结束，不能再生成凭证。"), code="wrong_status")
    groups = {g.key: g for g in VoterGroup.objects.filter(round=round)}
    unknown = set(counts) - set(groups)
    if unknown:
        raise ValidationFailed({"counts": [_("未知投票组：%(g)s") % {"g": "、".join(sorted(unknown))}]})
    total = sum(counts.values())
    if any(n < 0 for n in counts.values()) or total <= 0:
        raise ValidationFailed({"counts": [_("请填写要生成的凭证数量。")]})
    if total > MAX_CODES_PER_CALL:
        raise ValidationFailed({"counts": [_("一次最多生成 %(n)s 个凭证。") % {"n": MAX_CODES_PER_CALL}]})
    issued: list[tuple[str, str]] = []
    rows: list[Credential] = []
    seen: set[str] = set()
    for key, n in counts.items():
        for _i in range(n):
            code = codes.new_code()
            while code in seen:
                code = codes.new_code()
            seen.add(code)
            issued.append((key, code))
    random.SystemRandom().shuffle(issued)
    for key, code in issued:
        rows.append(
            Credential(round=round, group=groups[key], code_hash=codes.code_hash(round.code_salt, code))
        )
    try:
        with transaction.atomic():
            Credential.objects.bulk_create(rows, batch_size=1000)
    except IntegrityError as exc:  # a 50-bit collision with an existing code: astronomically rare
        raise DomainError(_("凭证生成冲突，请重试。"), code="conflict") from exc
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=round,
        changes={"credentials": {k: n for k, n in counts.items() if n}},
        note=_("生成投票凭证并下载凭证条"),
    )
    return issued


# ------------------------------------------------------------------------------------------------ choices


def check_choices(
    rnd: EvaluationRound | None,
    subjects: list[Subject],
    choices: Choices,
    template: BallotTemplate | None = None,
    allow_abstain: bool | None = None,
) -> tuple[dict[tuple[int, str], str], dict[str, list[str]]]:
    """The choices limited to the round's subjects, items and options, and Chinese errors per field
    (``s<subject id>_<item>``) — missing choices unless abstention is allowed."""
    template = template or ballot_template(rnd)  # type: ignore[arg-type]
    options = set(template.option_names)
    clean: dict[tuple[int, str], str] = {}
    errors: dict[str, list[str]] = {}
    for subject in subjects:
        for item in template.items:
            value = (choices.get((subject.pk, item.key)) or "").strip()
            field = f"s{subject.pk}_{item.key}"
            if not value:
                if not (rnd.allow_abstain if allow_abstain is None else allow_abstain):  # type: ignore[union-attr]
                    errors[field] = [
                        _("请对“%(s)s”的“%(i)s”作出选择。") % {"s": subject.label, "i": item.label}
                        if len(template.items) > 1
                        else _("请对“%(s)s”作出选择。") % {"s": subject.label}
                    ]
                continue
            if value not in options:
                errors[field] = [_("“%(s)s”的选项无效。") % {"s": subject.label}]
                continue
            clean[(subject.pk, item.key)] = value
    return clean, errors


def _lock_round_for_casting(rnd_id: int) -> str:
    """The round's status under a share lock (PostgreSQL; SQLite transactions are already serialised)."""
    table = EvaluationRound._meta.db_table
    suffix = " FOR SHARE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT status FROM {table} WHERE id = %s{suffix}", [rnd_id])
        row = cursor.fetchone()
    return row[0] if row else ""


def _insert_ballot(rnd_id: int, group_id: int, clean: dict[tuple[int, str], str], is_paper: bool) -> None:
    fastpath.insert_ballot(rnd_id, group_id, clean, is_paper)


def _spend(cred: Credential, *, burn: bool) -> None:
    """Mark the credential used — only if it still is not (the row count is the guard)."""
    if not fastpath.spend(cred.pk, burn=burn):
        raise DomainError(_("该投票凭证已经使用过，不能重复投票。"), code="used")


def resolve_code(code: str) -> Credential:
    """The unused credential of ``code`` in an open round, or a DomainError saying why not."""
    cred = find_credential(code)
    if cred is None:
        raise DomainError(_("投票码无效，请核对后重新输入。"), code="bad_code", field="code")
    if cred.round.status != Status.OPEN:
        raise DomainError(_("本次测评不在投票时间内。"), code="not_open", field="code")
    if cred.is_used:
        raise DomainError(_("该投票凭证已经使用过，不能重复投票。"), code="used", field="code")
    return cred


def cast_ballot(*, code: str, choices: Choices) -> None:
    """Cast the ballot of ``code`` (no actor: voting is anonymous). Returns nothing that identifies it."""
    found = fastpath.find(code)
    if found is None:
        raise DomainError(_("投票码无效，请核对后重新输入。"), code="bad_code", field="code")
    if found.status != Status.OPEN:
        raise DomainError(_("本次测评不在投票时间内。"), code="not_open", field="code")
    if found.is_used:
        raise DomainError(_("该投票凭证已经使用过，不能重复投票。"), code="used", field="code")
    spec = ballot_spec_for(found.round_id, found.opened_at)
    clean, errors = check_choices(None, spec.subjects, choices, spec.template, spec.allow_abstain)
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        if _lock_round_for_casting(found.round_id) != Status.OPEN:
            raise DomainError(_("本次测评不在投票时间内。"), code="not_open")
        if not fastpath.spend(found.credential_id, burn=False):
            raise DomainError(_("该投票凭证已经使用过，不能重复投票。"), code="used")
        _insert_ballot(found.round_id, found.group_id, clean, is_paper=False)


# --------------------------------------------------------------------------------------------------- paper


def _require_open(rnd: EvaluationRound) -> None:
    if not rnd.is_open:
        raise DomainError(_("只能在投票期间录入纸质票。"), code="not_open")


def paper_slip_enter(*, actor, round: EvaluationRound, code: str, choices: Choices) -> None:
    """A teller keys in one paper ballot carrying a code: the code is burned so it cannot also vote
    online (RP-09), and the ballot counts like an online one."""
    cred = find_credential(code)
    if cred is None or cred.round_id != round.pk:
        raise DomainError(_("投票码无效，请核对后重新输入。"), code="bad_code", field="code")
    if cred.is_used:
        raise DomainError(_("该投票凭证已经使用过，不能重复计票。"), code="used", field="code")
    clean, errors = check_choices(round, subjects_of(round), choices)
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        if _lock_round_for_casting(round.pk) != Status.OPEN:
            raise DomainError(_("只能在投票期间录入纸质票。"), code="not_open")
        _spend(cred, burn=True)
        _insert_ballot(round.pk, cred.group_id, clean, is_paper=True)
        audit_record(
            actor=actor, action=AuditEntry.Action.CREATE, obj=round, note=_("逐张录入纸质测评票 1 张")
        )


@transaction.atomic
def paper_counts_save(
    *,
    actor,
    round: EvaluationRound,
    group: VoterGroup,
    returned: int,
    counts: Mapping[tuple[int, str, str], int],
    entry_no: int = 1,
) -> None:
    """A teller's counts for ``group``: ballots returned and votes per (subject id, item, option).
    With double entry, entry 2 is a second teller's independent count; any difference blocks closing."""
    _require_open(round)
    if group.round_id != round.pk:
        raise DomainError(_("投票组不属于本轮测评。"), code="bad_group")
    if entry_no not in (1, 2) or (entry_no == 2 and not round.paper_double_entry):
        raise DomainError(_("本轮未启用双人录入。"), code="bad_entry")
    if entry_no == 2:
        first = PaperReturn.objects.filter(round=round, group=group, entry_no=1).first()
        if first and first.entered_by_id and first.entered_by_id == getattr(actor, "pk", None):
            raise DomainError(_("第二次录入须由另一名计票员完成。"), code="same_teller")
    template = ballot_template(round)
    subjects = {s.pk: s for s in subjects_of(round)}
    items = {i.key for i in template.items}
    options = set(template.option_names)
    errors: dict[str, list[str]] = {}
    if returned < 0:
        errors["returned"] = [_("收回票数不能为负。")]
    if returned > group.paper_issued:
        errors["returned"] = [
            _("收回票数 %(r)s 超过发出纸质票数 %(i)s。") % {"r": returned, "i": group.paper_issued}
        ]
    per_subject_item: dict[tuple[int, str], int] = {}
    for (sid, item, option), n in counts.items():
        if sid not in subjects or item not in items or option not in options:
            errors.setdefault("counts", []).append(_("票数表中有不属于本轮的对象或选项。"))
            continue
        if n < 0:
            errors.setdefault(f"c{sid}_{item}_{option}", []).append(_("票数不能为负。"))
        per_subject_item[(sid, item)] = per_subject_item.get((sid, item), 0) + n
    for (sid, item), total in sorted(per_subject_item.items()):
        if total > returned:
            errors.setdefault(f"c{sid}_{item}", []).append(
                _("“%(s)s”的票数合计 %(t)s 超过收回票数 %(r)s。")
                % {"s": subjects[sid].label, "t": total, "r": returned}
            )
    if errors:
        raise ValidationFailed(errors)
    PaperReturn.objects.update_or_create(
        round=round,
        group=group,
        entry_no=entry_no,
        defaults={
            "returned": returned,
            "entered_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    PaperTally.objects.filter(round=round, group=group, entry_no=entry_no).delete()
    PaperTally.objects.bulk_create(
        [
            PaperTally(
                round=round, group=group, subject_id=sid, item=item, option=option, entry_no=entry_no, count=n
            )
            for (sid, item, option), n in counts.items()
            if n
        ]
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=round,
        changes={
            "group": group.key,
            "entry_no": entry_no,
            "returned": returned,
            "votes": sum(counts.values()),
        },
        note=_("录入纸质测评票统计"),
    )
