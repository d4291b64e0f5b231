"""Set-up and input pages of a round: team types, teams, cadres and sub-items (准备); the responsible
department's sub-item entry (ANNUAL_SUBITEM, only its own items); democratic counts; cadre inputs (leader
evaluation, supervising department's score, party-building grade); flags with evidence."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.annual import selectors as sel
from kaoping.annual import services as svc
from kaoping.annual.forms import CadreForm, CadreInputForm, FlagForm, SubItemForm, TeamForm, TeamTypeForm
from kaoping.annual.views import round_context
from kaoping.common.access import get_or_not_found
from kaoping.common.errors import DomainError, ValidationFailed


def _errors(request, form=None, exc: DomainError | None = None) -> None:
    if exc is not None:
        if isinstance(exc, ValidationFailed):
            for msgs in exc.errors.values():
                for m in msgs:
                    messages.error(request, m)
        else:
            messages.error(request, exc.message)
    if form is not None:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)


def _call(request, fn, done: str) -> bool:
    try:
        fn()
    except DomainError as exc:
        _errors(request, exc=exc)
        return False
    messages.success(request, done)
    return True


# ------------------------------------------------------------------------------------------------- set-up


def setup(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    context = round_context(request, rnd, "setup")
    items = list(rnd.sub_items.select_related("team_type", "responsible_unit"))
    sums: dict[str, Decimal] = {}
    for item in items:
        sums[item.team_type.name] = sums.get(item.team_type.name, Decimal(0)) + item.points
    context.update(
        {
            "item_sums": sorted(sums.items()),
            "teams": sel.round_teams(rnd),
            "cadres": sel.round_cadres(rnd),
            "items": items,
            "type_form": TeamTypeForm(),
            "team_form": TeamForm(round=rnd),
            "cadre_form": CadreForm(round=rnd),
            "item_form": SubItemForm(round=rnd),
        }
    )
    return render(request, "annual/setup.html", context)


@require_POST
def setup_add(request, pk: int, what: str):
    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_MANAGE)
    forms = {"type": TeamTypeForm, "team": TeamForm, "cadre": CadreForm, "item": SubItemForm}
    if what not in forms:
        return redirect("annual:setup", pk=rnd.pk)
    form_class = forms[what]
    form = form_class(request.POST) if what == "type" else form_class(request.POST, round=rnd)
    if not form.is_valid():
        _errors(request, form)
        return redirect("annual:setup", pk=rnd.pk)
    data = form.cleaned_data
    calls = {
        "type": lambda: svc.team_type_create(actor=request.user, round=rnd, **data),
        "team": lambda: svc.team_create(actor=request.user, round=rnd, **data),
        "cadre": lambda: svc.cadre_create(actor=request.user, round=rnd, **data),
        "item": lambda: svc.sub_item_create(actor=request.user, round=rnd, **data),
    }
    _call(request, calls[what], _("已添加。"))
    return redirect("annual:setup", pk=rnd.pk)


SETUP_MODELS = {"type": "team_types", "team": "teams", "cadre": "cadres", "item": "sub_items"}


@require_POST
def setup_remove(request, pk: int, what: str, obj_pk: int):
    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_MANAGE)
    if what not in SETUP_MODELS:
        return redirect("annual:setup", pk=rnd.pk)
    obj = get_or_not_found(getattr(rnd, SETUP_MODELS[what]).all(), obj_pk)
    _call(request, lambda: svc.setup_remove(actor=request.user, obj=obj), _("已删除。"))
    return redirect("annual:setup", pk=rnd.pk)


# -------------------------------------------------------------------------------------- sub-item entry


def sub_items(request, pk: int):
    """The responsible department's page: only the sub-items its unit scores (LIAISON is unit-scoped)."""
    rnd = sel.access_round_for_sub_items(request.user, pk)
    context = round_context(request, rnd, "sub_items")
    may_enter = has_cap(request.user, Cap.ANNUAL_SUBITEM)
    if may_enter:
        items = list(sel.my_sub_items(request.user, rnd))
    else:  # readers (leaders) see every item, read-only
        items = list(
            rnd.sub_items.select_related("team_type", "responsible_unit").order_by(
                "team_type__order", "order"
            )
        )
    context.update(
        {"sheets": sel.sub_item_sheets(items), "may_enter": may_enter and rnd.stage == rnd.Stage.SCORING}
    )
    return render(request, "annual/sub_items.html", context)


@require_POST
def sub_item_save(request, pk: int):
    """Save every team's score of one sub-item; nothing is saved when any value is bad."""
    item = sel.access_sub_item(request.user, pk)
    sheet = sel.sub_item_sheets([item])[0]
    values: dict = {}
    problems = []
    for team, _score in sheet.rows:
        raw = request.POST.get(f"score-{team.pk}", "").strip()
        if raw == "":
            continue
        try:
            values[team] = Decimal(raw)
        except InvalidOperation:
            problems.append(_("%(t)s：得分“%(v)s”不是数字。") % {"t": team.name, "v": raw})
    if problems:
        for p in problems:
            messages.error(request, p)
        return redirect("annual:sub_items", pk=item.round_id)

    def save_all():
        from django.db import transaction

        with transaction.atomic():
            for team, value in values.items():
                note = request.POST.get(f"note-{team.pk}", "")[:300]
                try:
                    svc.sub_item_score_set(
                        actor=request.user, sub_item=item, team=team, score=value, note=note
                    )
                except ValidationFailed as exc:
                    raise ValidationFailed(
                        {k: [f"{team.name}：{m}" for m in v] for k, v in exc.errors.items()}
                    ) from exc

    _call(request, save_all, _("“%(i)s”得分已保存。") % {"i": item.name})
    return redirect(f"{reverse('annual:sub_items', args=[item.round_id])}#item-{item.pk}")


# ---------------------------------------------------------------------------------------- democratic counts


def counts(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    context = round_context(request, rnd, "counts")
    context.update({"rows": sel.count_rows(rnd), "may_enter": rnd.is_editable and context["may_manage"]})
    context.update(ballot_import_context(request, rnd))
    return render(request, "annual/counts.html", context)


def ballot_import_context(request, rnd) -> dict:
    """Closed 民主测评 rounds to import from, when the ballots app offers them."""
    from kaoping.annual import ballots_import

    return {
        "ballot_rounds": ballots_import.available_rounds(request.user),
    }


@require_POST
def counts_save(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_MANAGE)
    subject, tally = request.POST.get("subject", ""), request.POST.get("tally", "main")
    kind, _sep, ident = subject.partition(":")
    if kind == "team":
        target = {"team": get_or_not_found(rnd.teams.all(), ident)}
    else:
        target = {"cadre": get_or_not_found(rnd.cadres.all(), ident)}
    row_counts = {}
    for key, value in request.POST.items():
        if key.startswith("opt-"):
            value = value.strip() or "0"
            if not value.isdigit():
                messages.error(request, _("票数应为非负整数：%(v)s") % {"v": value})
                return redirect("annual:counts", pk=rnd.pk)
            row_counts[key[4:]] = int(value)
    _call(
        request,
        lambda: svc.tally_set(actor=request.user, round=rnd, counts=row_counts, tally=tally, **target),
        _("票数已保存。"),
    )
    anchor = f"row-{'t' if 'team' in target else 'c'}{next(iter(target.values())).pk}-{tally}"
    return redirect(f"{reverse('annual:counts', args=[rnd.pk])}#{anchor}")


# ------------------------------------------------------------------------------------------- cadre inputs


def cadre_inputs(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    context = round_context(request, rnd, "cadre_inputs")
    context.update({"cadres": sel.round_cadres(rnd), "may_enter": rnd.is_editable and context["may_manage"]})
    return render(request, "annual/cadre_inputs.html", context)


@require_POST
def cadre_input_save(request, pk: int):
    cadre = sel.access_cadre(request.user, pk)
    form = CadreInputForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
    else:
        data = form.cleaned_data
        if cadre.role == cadre.Role.HEAD:
            data.pop("leader_score")
        if cadre.team_id:
            data.pop("supervisor_score")
        _call(
            request,
            lambda: svc.cadre_update(actor=request.user, cadre=cadre, **data),
            _("%(n)s的评价已保存。") % {"n": cadre.person.name},
        )
    return redirect(f"{reverse('annual:cadre_inputs', args=[cadre.round_id])}#cadre-{cadre.pk}")


# --------------------------------------------------------------------------------------------------- flags


def _subjects(rnd) -> list[tuple[str, str]]:
    teams = [(f"team:{t.pk}", t.name) for t in sel.round_teams(rnd)]
    cadres = [
        (f"cadre:{c.pk}", f"{c.person.name}（{c.post_title or c.get_role_display()}）")
        for c in sel.round_cadres(rnd)
    ]
    return teams + cadres


def flag_form(rnd, data=None, files=None) -> FlagForm:
    names = svc.flag_names(rnd, for_team=True) + [
        n for n in svc.flag_names(rnd, for_team=False) if n not in svc.flag_names(rnd, for_team=True)
    ]
    return FlagForm(data, files, subjects=_subjects(rnd), names=names)


def flags(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    context = round_context(request, rnd, "flags")
    context.update(
        {
            "flags": sel.round_flags(rnd),
            "form": flag_form(rnd),
            "team_names": svc.flag_names(rnd, for_team=True),
            "cadre_names": svc.flag_names(rnd, for_team=False),
            "may_enter": context["may_manage"]
            and rnd.stage in (rnd.Stage.SETUP, rnd.Stage.SCORING, rnd.Stage.GRADING),
        }
    )
    return render(request, "annual/flags.html", context)


@require_POST
def flag_add(request, pk: int):
    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_MANAGE)
    form = flag_form(rnd, request.POST, request.FILES)
    if not form.is_valid():
        _errors(request, form)
        return redirect("annual:flags", pk=rnd.pk)
    data = form.cleaned_data
    kind, _sep, ident = data["subject"].partition(":")
    target = (
        {"team": get_or_not_found(rnd.teams.all(), ident)}
        if kind == "team"
        else {"cadre": get_or_not_found(rnd.cadres.all(), ident)}
    )
    _call(
        request,
        lambda: svc.flag_add(
            actor=request.user,
            round=rnd,
            name=data["name"],
            note=data["note"],
            evidence=data["evidence"],
            **target,
        ),
        _("情形已登记。"),
    )
    return redirect("annual:flags", pk=rnd.pk)


@require_POST
def flag_remove(request, pk: int):
    flag = sel.access_flag(request.user, pk)
    _call(
        request,
        lambda: svc.flag_remove(actor=request.user, flag=flag, reason=request.POST.get("reason", "")),
        _("情形已撤销。"),
    )
    return redirect("annual:flags", pk=flag.round_id)


@require_POST
def counts_import(request, pk: int):
    """Import counts from a closed 民主测评 round (kaoping.ballots)."""
    from kaoping.annual import ballots_import

    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_MANAGE)
    from kaoping.ballots import selectors as ballots_selectors

    er = ballots_selectors.access_round(request.user, request.POST.get("ballots_round"))
    tally = request.POST.get("tally", "main")
    result: dict = {}

    def run():
        result["n"] = ballots_import.import_counts(
            actor=request.user, round=rnd, ballots_round=er, tally=tally
        )

    if _call(request, run, _("已从民主测评导入票数。")):
        messages.info(request, _("共导入 %(n)s 个测评对象。") % {"n": result["n"]})
    return redirect("annual:counts", pk=rnd.pk)


@require_POST
def counts_ballots_create(request, pk: int):
    """Open draft 民主测评 rounds for this round's teams and cadres."""
    from kaoping.annual import ballots_import

    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_MANAGE)
    if not has_cap(request.user, Cap.BALLOTS_MANAGE):
        messages.error(request, _("您无权组织民主测评。"))
        return redirect("annual:counts", pk=rnd.pk)
    _call(
        request,
        lambda: ballots_import.ballot_rounds_create(actor=request.user, round=rnd),
        _("已创建民主测评（草稿），请到“民主测评”中设置投票组并开始投票。"),
    )
    return redirect("annual:counts", pk=rnd.pk)
