"""History sections of a person (任职经历, 年度考核结果, 挂职经历, 培训经历, 处分与审查, 简历).

Each section is one fragment (``org/_history_section.html``); htmx swaps it whole after every add, edit
or delete, so the page never shows stale rows. Without JavaScript the same URLs work as plain pages.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.db import models
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.common.access import not_found
from kaoping.common.errors import DomainError
from kaoping.org import selectors, services
from kaoping.org.access import access_history, access_person
from kaoping.org.forms import apply_service_error, history_field_names, history_form_class
from kaoping.org.models import HISTORY_MODELS, Person
from kaoping.org.views import may

# kind → (section title, key in selectors.person_detail)
SECTIONS: dict[str, tuple[str, str]] = {
    "rank": (gettext_lazy("任职经历"), "ranks"),
    "result": (gettext_lazy("年度考核结果"), "results"),
    "secondment": (gettext_lazy("挂职经历"), "secondments"),
    "training": (gettext_lazy("培训经历"), "trainings"),
    "sanction": (gettext_lazy("处分与审查"), "sanctions"),
    "resume": (gettext_lazy("简历"), "resume"),
}


@dataclass
class Section:
    person: Person
    kind: str
    title: str
    headers: list[str]
    rows: list[tuple[models.Model, list[str]]]
    can_edit: bool
    form: object = None
    editing: object = None  # "new", a record pk, or None

    @property
    def colspan(self) -> int:
        return len(self.headers) + (1 if self.can_edit else 0)


def _cell(record: models.Model, name: str) -> str:
    f = record._meta.get_field(name)
    value = getattr(record, name)
    if value is None or value == "":
        return ""
    if f.choices:
        return str(getattr(record, f"get_{name}_display")())
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def build_section(person, kind, records, *, can_edit, form=None, editing=None) -> Section:
    model = HISTORY_MODELS[kind]
    names = history_field_names(kind)
    return Section(
        person=person,
        kind=kind,
        title=str(SECTIONS[kind][0]),
        headers=[str(model._meta.get_field(n).verbose_name) for n in names],
        rows=[(r, [_cell(r, n) for n in names]) for r in records],
        can_edit=can_edit,
        form=form,
        editing=editing,
    )


def detail_sections(user, person: Person, *, override: Section | None = None) -> list[Section]:
    """Every section of ``person`` (one of them possibly replaced by a section in edit state)."""
    history = selectors.person_detail(person)
    can_edit = may(user, Cap.ORG_EDIT, person.unit.path)
    sections = []
    for kind, (_title, key) in SECTIONS.items():
        if override is not None and override.kind == kind:
            sections.append(override)
        else:
            sections.append(build_section(person, kind, history[key], can_edit=can_edit))
    return sections


def _records(person: Person, kind: str) -> list:
    return selectors.person_detail(person)[SECTIONS[kind][1]]


def _respond(request, person: Person, section: Section, *, saved: str = ""):
    """The section fragment for htmx; a redirect or the whole page for a plain request."""
    if request.htmx:
        return render(request, "org/_history_section.html", {"section": section, "saved": saved})
    if saved:
        messages.success(request, saved)
        return redirect(reverse("org:person_detail", args=[person.pk]) + f"#hist-{section.kind}")
    from kaoping.org.views_people import render_person_detail

    return render_person_detail(request, person, override=section)


def _check_kind(kind: str) -> None:
    if kind not in SECTIONS:
        raise not_found()


def history_section(request, pk: int, kind: str):
    """One section as it reads (htmx 'cancel' goes here)."""
    _check_kind(kind)
    person = access_person(request.user, pk)
    can_edit = may(request.user, Cap.ORG_EDIT, person.unit.path)
    return _respond(request, person, build_section(person, kind, _records(person, kind), can_edit=can_edit))


def history_create(request, pk: int, kind: str):
    _check_kind(kind)
    person = access_person(request.user, pk, Cap.ORG_EDIT)
    form_class = history_form_class(kind)
    form = form_class(request.POST or None, instance=HISTORY_MODELS[kind](person=person))
    if request.method == "POST" and form.is_valid():
        try:
            services.history_add(actor=request.user, person=person, record_kind=kind, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            section = build_section(person, kind, _records(person, kind), can_edit=True)
            return _respond(request, person, section, saved=_("已保存。"))
    section = build_section(person, kind, _records(person, kind), can_edit=True, form=form, editing="new")
    return _respond(request, person, section)


def history_edit(request, kind: str, record_pk: int):
    _check_kind(kind)
    record = access_history(request.user, kind, record_pk, Cap.ORG_EDIT)
    person = record.person
    form = history_form_class(kind)(request.POST or None, instance=copy.copy(record))
    if request.method == "POST" and form.is_valid():
        try:
            services.history_update(actor=request.user, record=record, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            section = build_section(person, kind, _records(person, kind), can_edit=True)
            return _respond(request, person, section, saved=_("已保存。"))
    section = build_section(person, kind, _records(person, kind), can_edit=True, form=form, editing=record.pk)
    return _respond(request, person, section)


@require_POST
def history_delete(request, kind: str, record_pk: int):
    _check_kind(kind)
    record = access_history(request.user, kind, record_pk, Cap.ORG_EDIT)
    person = record.person
    services.history_delete(actor=request.user, record=record)
    section = build_section(person, kind, _records(person, kind), can_edit=True)
    return _respond(request, person, section, saved=_("已删除。"))
