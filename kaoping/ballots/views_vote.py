"""The voter's pages: no login, mobile first. The QR code opens ``/ballots/v/#<code>``; the fragment never
reaches the server or its logs — a small inline script moves it into a POSTed form field and removes it
from the address bar. The code travels only in POST bodies (marked sensitive for error reports)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from kaoping.ballots import codes
from kaoping.ballots.selectors import ballot_template, subjects_of
from kaoping.ballots.services_voting import cast_ballot, check_choices, resolve_code
from kaoping.common.errors import DomainError, ValidationFailed

FAIL_WINDOW = 600  # seconds


def _client_key(request) -> str:
    meta = request.META
    addr = meta.get("HTTP_X_FORWARDED_FOR", "") if getattr(settings, "BEHIND_PROXY", False) else ""
    addr = addr.split(",")[0].strip() or meta.get("REMOTE_ADDR", "")
    return f"ballots:fail:{addr}"


def _too_many_failures(request) -> bool:
    """Best-effort throttle of wrong codes per client address (the cache backend decides whether the count
    is shared between server processes). Only failures count, so a hall behind one address is not blocked
    by its correct votes."""
    return cache.get(_client_key(request), 0) >= getattr(settings, "KAOPING_BALLOT_FAIL_LIMIT", 50)


def _count_failure(request) -> None:
    key = _client_key(request)
    if not cache.add(key, 1, FAIL_WINDOW):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, FAIL_WINDOW)


def _no_referrer(response):
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _read_choices(post, subjects, template) -> dict[tuple[int, str], str]:
    return {(s.pk, i.key): post.get(f"s{s.pk}_{i.key}", "") for s in subjects for i in template.items}


def _rows(subjects, template, choices, errors):
    """Per subject, per item: field name, chosen option, error — for the templates."""
    rows = []
    for s in subjects:
        items = []
        for i in template.items:
            field = f"s{s.pk}_{i.key}"
            items.append(
                {
                    "field": field,
                    "label": i.label,
                    "value": choices.get((s.pk, i.key), ""),
                    "errors": errors.get(field, []),
                }
            )
        rows.append({"subject": s, "items": items})
    return rows


@sensitive_variables("code")
def _render_ballot(request, cred, code, choices=None, errors=None, status=200):
    rnd = cred.round
    template = ballot_template(rnd)
    subjects = subjects_of(rnd)
    ctx = {
        "round": rnd,
        "group": cred.group,
        "code": code,
        "options": template.option_names,
        "multi_item": len(template.items) > 1,
        "rows": _rows(subjects, template, choices or {}, errors or {}),
        "error_count": len(errors or {}),
    }
    return render(request, "ballots/vote_ballot.html", ctx, status=status)


@login_not_required
@never_cache
@sensitive_post_parameters()
@sensitive_variables("code", "cred")
def vote(request):
    """GET: the code page (the script fills the code from the fragment). POST: step through
    start → ballot → review → cast."""
    if request.method != "POST":
        return _no_referrer(render(request, "ballots/vote_start.html", {}))
    if _too_many_failures(request):
        return _no_referrer(
            render(
                request, "ballots/vote_start.html", {"error": _("输入错误次数过多，请稍后再试。")}, status=429
            )
        )
    code = codes.normalize(request.POST.get("code", ""))
    step = request.POST.get("step", "start")
    if step == "cast":
        return _cast(request, code)
    try:
        cred = resolve_code(code)
    except DomainError as exc:
        status = 410 if exc.code in ("used", "not_open") else 400
        if exc.code == "bad_code":
            _count_failure(request)
        return _no_referrer(
            render(
                request,
                "ballots/vote_start.html",
                {"error": exc.message, "code_kind": exc.code},
                status=status,
            )
        )
    if step == "start":
        return _no_referrer(_render_ballot(request, cred, code))
    rnd = cred.round
    subjects = subjects_of(rnd)
    template = ballot_template(rnd)
    choices = _read_choices(request.POST, subjects, template)
    if step == "edit":
        return _no_referrer(_render_ballot(request, cred, code, choices))
    if step == "review":
        _clean, errors = check_choices(rnd, subjects, choices)
        if errors:
            return _no_referrer(_render_ballot(request, cred, code, choices, errors, status=422))
        ctx = {
            "round": rnd,
            "group": cred.group,
            "code": code,
            "multi_item": len(template.items) > 1,
            "rows": _rows(subjects, template, choices, {}),
        }
        return _no_referrer(render(request, "ballots/vote_confirm.html", ctx))
    return _no_referrer(
        render(request, "ballots/vote_start.html", {"error": _("请求无效，请重新扫码。")}, status=400)
    )


@sensitive_variables("code", "cred")
def _cast(request, code: str):
    """Cast straight away (the hot path: the service resolves the code once); re-render on errors."""
    choices: dict[tuple[int, str], str] = {}
    for name, value in request.POST.items():
        sid, _sep, item = name[1:].partition("_")
        if name.startswith("s") and sid.isdigit() and item:
            choices[(int(sid), item)] = value
    try:
        cast_ballot(code=code, choices=choices)
    except ValidationFailed as exc:
        cred = resolve_code(code)
        return _no_referrer(_render_ballot(request, cred, code, choices, exc.errors, status=422))
    except DomainError as exc:
        status = 410 if exc.code in ("used", "not_open") else 400
        if exc.code == "bad_code":
            _count_failure(request)
        return _no_referrer(render(request, "ballots/vote_start.html", {"error": exc.message}, status=status))
    return redirect("ballots:vote_done")


@login_not_required
@never_cache
def vote_done(request):
    return _no_referrer(render(request, "ballots/vote_done.html", {}))
