"""People pages: the roster list, a person's record, create/edit, leave/return, the photo."""

from __future__ import annotations

import copy
import mimetypes

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap, require_cap, scope_for
from kaoping.common.access import not_found
from kaoping.common.errors import DomainError
from kaoping.org import selectors, services
from kaoping.org.access import access_person
from kaoping.org.forms import PersonFilterForm, PersonForm, apply_service_error
from kaoping.org.views import may
from kaoping.org.views_history import detail_sections

# (column title, sort key or None)
PERSON_COLUMNS = (
    (gettext_lazy("姓名"), "name"),
    (gettext_lazy("性别"), None),
    (gettext_lazy("出生日期"), "birth"),
    (gettext_lazy("身份证号"), None),
    (gettext_lazy("单位"), "unit"),
    (gettext_lazy("现任职务"), None),
    (gettext_lazy("职级"), "rank"),
    (gettext_lazy("任职级时间"), "rank_start"),
    (gettext_lazy("人员类别"), None),
)


def _sort_headers(current: str) -> list[dict]:
    headers = []
    for label, key in PERSON_COLUMNS:
        if key is None:
            headers.append({"label": label})
            continue
        active = current.lstrip("-") == key
        descending = current.startswith("-")
        headers.append(
            {
                "label": label,
                "sort": f"-{key}" if active and not descending else key,
                "arrow": ("▼" if descending else "▲") if active else "",
            }
        )
    return headers


def person_list(request):
    """The roster: search, filters, sortable columns, pagination; 身份证号 masked."""
    require_cap(request.user, Cap.ORG_VIEW)
    form = PersonFilterForm(
        request.GET or None,
        units=selectors.units_visible(request.user).order_by("path"),
        ranks=selectors.ranks_active(),
    )
    flt = selectors.PersonFilter(**form.cleaned())
    page = Paginator(selectors.person_list(request.user, flt), settings.KAOPING_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    export_url = reverse("org:export") if has_cap(request.user, Cap.ORG_EXPORT) else None
    return render(
        request,
        "org/person_list.html",
        {
            "form": form,
            "page": page,
            "headers": _sort_headers(flt.sort),
            "export_url": export_url,
            "import_url": reverse("org:import") if has_cap(request.user, Cap.ORG_IMPORT) else None,
            "can_create": has_cap(request.user, Cap.ORG_EDIT),
        },
    )


def render_person_detail(request, person, *, override=None):
    return render(
        request,
        "org/person_detail.html",
        {
            "person": person,
            "sections": detail_sections(request.user, person, override=override),
            "can_edit": may(request.user, Cap.ORG_EDIT, person.unit.path),
        },
    )


def person_detail(request, pk: int):
    return render_person_detail(request, access_person(request.user, pk))


def _person_form(request, user, instance):
    return PersonForm(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        units=selectors.units_visible(user, Cap.ORG_EDIT),
        ranks=selectors.ranks_active(),
    )


def person_create(request):
    if scope_for(request.user, Cap.ORG_EDIT) is None:
        raise not_found()
    form = _person_form(request, request.user, None)
    if request.method == "GET" and request.GET.get("unit"):
        form.initial["unit"] = request.GET["unit"]
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, **form.service_fields())
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("org:person_detail", pk=person.pk)
    return render(request, "org/person_form.html", {"form": form, "person": None})


def person_edit(request, pk: int):
    person = access_person(request.user, pk, Cap.ORG_EDIT)
    form = _person_form(request, request.user, copy.copy(person))
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.service_fields())
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("org:person_detail", pk=person.pk)
    return render(request, "org/person_form.html", {"form": form, "person": person})


@require_POST
def person_set_active(request, pk: int):
    """离职 (is_active=0) or 恢复在职 (is_active=1). People are never deleted."""
    person = access_person(request.user, pk, Cap.ORG_EDIT)
    is_active = request.POST.get("is_active") == "1"
    services.person_set_active(
        actor=request.user, person=person, is_active=is_active, note=request.POST.get("note", "")
    )
    messages.success(request, _("已恢复为在职。") if is_active else _("已标记为离职。"))
    return redirect("org:person_detail", pk=person.pk)


def person_photo(request, pk: int):
    """The photo, only to users who may see the person (photos are never served as public media)."""
    person = access_person(request.user, pk)
    if not person.photo:
        raise not_found()
    content_type = mimetypes.guess_type(person.photo.name)[0] or "application/octet-stream"
    response = FileResponse(person.photo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=300"
    return response
