"""Draw pages (抽签, R000-22): the witness screen of one draw and a public re-verification form.

Any signed-in user may open a draw: before the seed is revealed it shows only the commitment; a sealed
blind-code draw never shows its order before the key is opened. Names appear only for organisers.
"""

from __future__ import annotations

from django.shortcuts import render

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import has_cap
from kaoping.marking import services_draws
from kaoping.marking.access import access_draw
from kaoping.marking.forms import VerifyForm
from kaoping.marking.models import Draw, ExamCandidate, InterviewCandidate


def _names(draw: Draw) -> dict[str, str]:
    if draw.kind == Draw.Kind.EXAM_SEATS:
        return {
            f"C{pk}": name
            for pk, name in ExamCandidate.objects.filter(exam=draw.exam).values_list("pk", "person__name")
        }
    if draw.kind == Draw.Kind.INTERVIEW_ORDER:
        return {
            f"I{pk}": name
            for pk, name in InterviewCandidate.objects.filter(panel=draw.panel).values_list(
                "pk", "person__name"
            )
        }
    return {}


def draw_detail(request, pk):
    draw = access_draw(request.user, pk)
    organiser = has_cap(request.user, Cap.MARKING_MANAGE)
    public = draw.status == Draw.Status.REVEALED or (
        draw.kind != Draw.Kind.EXAM_CODES and draw.status != Draw.Status.COMMITTED
    )
    names = _names(draw) if organiser else {}
    order = [(i + 1, item, names.get(item, "")) for i, item in enumerate(draw.order)] if public else []
    return render(
        request,
        "marking/draw_detail.html",
        {
            "draw": draw,
            "organiser": organiser,
            "order": order,
            "verified": services_draws.draw_verify(draw),
            "items_text": "\n".join(draw.items) if public else "",
        },
    )


def draw_verify(request):
    """Anyone re-runs a draw from its seed and items (and checks the seed against a commitment)."""
    form = VerifyForm(request.POST or None)
    result = matches = None
    if request.method == "POST" and form.is_valid():
        try:
            result, matches = services_draws.verify_manual(
                form.cleaned_data["seed"].strip(), form.item_list(), form.cleaned_data["commitment"]
            )
        except ValueError as exc:
            form.add_error("items", str(exc))
    return render(request, "marking/draw_verify.html", {"form": form, "result": result, "matches": matches})
