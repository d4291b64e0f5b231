"""Related assessments page of a round: probation (R002-07), grassroots training (R002-08), reserve cadres
(R002-09) and the institution staff appraisal (R002-10)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from kaoping.accounts.roles import Cap
from kaoping.annual import selectors as sel
from kaoping.annual import services_related as rsvc
from kaoping.annual.forms import PersonField, _Styled
from kaoping.annual.models import GrassrootsTraining, Probation, ReserveCandidate
from kaoping.annual.views import round_context
from kaoping.annual.views_setup import _call, _errors
from kaoping.common.access import get_or_not_found
from kaoping.org.forms import DateInput
from kaoping.org.models import Person


def _people(rnd):
    return (
        Person.objects.filter(is_active=True, unit__path__startswith=rnd.unit.path)
        .select_related("unit")
        .order_by("unit__path", "name")
    )


class ProbationForm(_Styled, forms.Form):
    person = PersonField(label=_l("干部"), queryset=Person.objects.none())
    post_title = forms.CharField(label=_l("试任职务"), max_length=100)
    former_post = forms.CharField(label=_l("试用前职务职级"), max_length=100, required=False)
    start_date = forms.DateField(label=_l("试用开始日期"), widget=DateInput())


class TrainingForm(_Styled, forms.Form):
    person = PersonField(label=_l("新录用公务员"), queryset=Person.objects.none())
    place = forms.CharField(label=_l("锻炼单位"), max_length=100, required=False)


class ReserveForm(_Styled, forms.Form):
    team = forms.ModelChoiceField(label=_l("班子"), queryset=None)
    person = PersonField(label=_l("后备干部"), queryset=Person.objects.none())
    post_kind = forms.ChoiceField(label=_l("后备类别"), choices=ReserveCandidate.PostKind.choices)


class AppraisalForm(_Styled, forms.Form):
    person = PersonField(label=_l("工作人员"), queryset=Person.objects.none())
    bonus = forms.DecimalField(label=_l("特殊加分"), required=False, max_digits=5, decimal_places=2)
    bonus_note = forms.CharField(label=_l("加分事由"), required=False, max_length=300)


def _forms(rnd, data=None) -> dict:
    people = _people(rnd)
    out = {
        "probation": ProbationForm(data),
        "training": TrainingForm(data),
        "reserve": ReserveForm(data),
        "appraisal": AppraisalForm(data),
    }
    for form in out.values():
        form.fields["person"].queryset = people
    out["reserve"].fields["team"].queryset = rnd.teams.all()
    return out


def related(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    context = round_context(request, rnd, "related")
    context.update(
        {
            "forms": _forms(rnd),
            "probations": list(rnd.probations.select_related("person")),
            "trainings": list(rnd.trainings.select_related("person")),
            "reserve_status": rsvc.reserve_status(rnd),
            "reserves": list(rnd.reserves.select_related("person", "team")),
            "appraisals": list(rnd.appraisals.select_related("person")),
            "aspects": [c for c in rsvc.appraisal_scheme(rnd).components if not c.optional],
            "probation_results": Probation.Result.choices,
            "training_results": GrassrootsTraining.Result.choices,
        }
    )
    return render(request, "annual/related.html", context)


@require_POST
def related_add(request, pk: int, what: str):
    rnd = sel.access_round(request.user, pk, Cap.ANNUAL_MANAGE)
    forms_ = _forms(rnd, request.POST)
    form = forms_.get(what)
    if form is None:
        return redirect("annual:related", pk=rnd.pk)
    if not form.is_valid():
        _errors(request, form)
        return redirect("annual:related", pk=rnd.pk)
    data = form.cleaned_data
    if what == "appraisal":
        aspects = {}
        for component in rsvc.appraisal_scheme(rnd).components:
            raw = request.POST.get(f"aspect-{component.key}", "").strip()
            if raw:
                try:
                    aspects[component.key] = Decimal(raw)
                except InvalidOperation:
                    messages.error(request, _("“%(a)s”得分不是数字。") % {"a": component.label})
                    return redirect("annual:related", pk=rnd.pk)
        call = lambda: rsvc.appraisal_set(actor=request.user, round=rnd, aspects=aspects, **data)  # noqa: E731
    else:
        fn = {"probation": rsvc.probation_add, "training": rsvc.training_add, "reserve": rsvc.reserve_add}[
            what
        ]
        call = lambda: fn(actor=request.user, round=rnd, **data)  # noqa: E731
    _call(request, call, _("已保存。"))
    return redirect("annual:related", pk=rnd.pk)


@require_POST
def related_decide(request, what: str, pk: int):
    model = {"probation": Probation, "training": GrassrootsTraining}.get(what)
    if model is None:
        return redirect("annual:index")
    row = get_or_not_found(
        sel.scoped(
            model.objects.select_related("round"), request.user, Cap.ANNUAL_MANAGE, "round__unit__path"
        ),
        pk,
    )
    result = request.POST.get("result", "")
    if what == "probation":
        _call(
            request,
            lambda: rsvc.probation_decide(actor=request.user, probation=row, result=result),
            _("已记录。"),
        )
    else:
        _call(
            request,
            lambda: rsvc.training_assess(actor=request.user, training=row, result=result),
            _("已记录。"),
        )
    return redirect("annual:related", pk=row.round_id)
