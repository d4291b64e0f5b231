"""The rank catalogue (职务职级): list, create, edit."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import require_cap
from kaoping.common.errors import DomainError
from kaoping.org import selectors, services
from kaoping.org.forms import RankForm, apply_service_error
from kaoping.org.models import Rank


def rank_list(request):
    require_cap(request.user, Cap.ORG_UNITS)
    show_all = request.GET.get("all") == "1"
    ranks = selectors.rank_catalogue(include_inactive=show_all)
    return render(request, "org/rank_list.html", {"ranks": ranks, "show_all": show_all})


def rank_create(request):
    require_cap(request.user, Cap.ORG_UNITS)
    form = RankForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rank_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("org:rank_list")
    return render(request, "org/rank_form.html", {"form": form, "rank": None})


def rank_edit(request, pk: int):
    require_cap(request.user, Cap.ORG_UNITS)
    rank = get_object_or_404(Rank, pk=pk)
    form = RankForm(request.POST or None, instance=copy.copy(rank))
    if request.method == "POST" and form.is_valid():
        try:
            services.rank_update(actor=request.user, rank=rank, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("org:rank_list")
    return render(request, "org/rank_form.html", {"form": form, "rank": rank})
