"""The 考察 tab (R000-23): teams with their members and rule check, one team per position, talk records and
the report of each candidate. Forms post here, call one service and redirect back with a message."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaoping.accounts.scoping import require_cap
from kaoping.common.access import get_or_not_found, not_found
from kaoping.common.errors import DomainError
from kaoping.org.forms import apply_service_error
from kaoping.selection import selectors_decision as sel
from kaoping.selection import services_inspection as svc
from kaoping.selection.forms_decision import AssignForm, MemberForm, ReportForm, TalkForm, TeamForm
from kaoping.selection.models import Campaign, InspectionReport, Registration


def _url(campaign_pk: int, anchor: str = "") -> str:
    return reverse("selection:inspection", args=[campaign_pk]) + (f"#{anchor}" if anchor else "")


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _run(request, form, call, done: str, back: str):
    """Validate the form, call the service, report the outcome as a message, redirect."""
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            call(form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, done)
    return redirect(back)


def _team_candidates(team):
    ids = [r.pk for p in team.positions.all() for r in svc.inspection_candidates(p)]
    return Registration.objects.filter(pk__in=ids).select_related("person__unit")


def my_inspections(request):
    """考察任务: the teams the user belongs to (an inspector's entry point), newest campaign first."""
    from kaoping.accounts.roles import Cap

    require_cap(request.user, Cap.SELECTION_INSPECT)
    memberships = (
        request.user.inspection_memberships.select_related("team__campaign")
        .prefetch_related("team__positions")
        .order_by("-team__campaign__created_at", "team__name")
    )
    return render(request, "selection/inspection_mine.html", {"memberships": list(memberships)})


def inspection(request, pk: int):
    campaign = sel.access_inspection_campaign(request.user, pk)
    teams, unassigned = sel.inspection_page(request.user, campaign)
    may_manage = sel.may_manage(request.user)
    editable = campaign.stage in (Campaign.Stage.INTERVIEW, Campaign.Stage.INSPECTION)
    context = {
        **sel.header_context(request.user, campaign, "inspection"),
        "teams": teams,
        "unassigned": unassigned,
        "may_manage": may_manage,
        "teams_editable": may_manage and editable,
        "records_editable": campaign.stage == Campaign.Stage.INSPECTION,
        "today": timezone.localdate(),
        "team_form": TeamForm(auto_id="id_team_%s"),
        "member_form": MemberForm(auto_id="id_member_%s"),
        "all_teams": list(sel.teams_visible(request.user, campaign)),
        "rule": svc.team_rule(campaign),
    }
    for block in teams:
        block.talk_form = TalkForm(
            auto_id=f"id_talk{block.team.pk}_%s", initial={"talk_date": timezone.localdate()}
        )
    return render(request, "selection/inspection_page.html", context)


@require_POST
def team_add(request, pk: int):
    campaign = sel.access_inspection_campaign(request.user, pk)
    if not sel.may_manage(request.user):
        raise not_found()
    return _run(
        request,
        TeamForm(request.POST),
        lambda d: svc.team_create(actor=request.user, campaign=campaign, name=d["name"]),
        _("考察组已建立。"),
        _url(campaign.pk, "teams"),
    )


@require_POST
def team_delete(request, team_pk: int):
    team = sel.access_team(request.user, team_pk)
    if not sel.may_manage(request.user):
        raise not_found()
    return _run(
        request,
        TeamForm({"name": team.name}),
        lambda d: svc.team_delete(actor=request.user, team=team),
        _("考察组已删除。"),
        _url(team.campaign_id, "teams"),
    )


@require_POST
def member_add(request, team_pk: int):
    team = sel.access_team(request.user, team_pk)
    if not sel.may_manage(request.user):
        raise not_found()
    return _run(
        request,
        MemberForm(request.POST),
        lambda d: svc.team_member_add(
            actor=request.user, team=team, person=d["person"], user=d["user"], is_leader=d["is_leader"]
        ),
        _("考察组成员已添加。"),
        _url(team.campaign_id, f"team-{team.pk}"),
    )


@require_POST
def member_add_any(request, pk: int):
    """The page's one 添加成员 form: the team is chosen in the form."""
    campaign = sel.access_inspection_campaign(request.user, pk)
    team = get_or_not_found(campaign.teams.all(), request.POST.get("team"))
    return member_add(request, team.pk)


@require_POST
def member_remove(request, member_pk: int):
    member = sel.access_member(request.user, member_pk)
    return _run(
        request,
        TeamForm({"name": member.team.name}),
        lambda d: svc.team_member_remove(actor=request.user, member=member),
        _("已移出考察组。"),
        _url(member.team.campaign_id, f"team-{member.team_id}"),
    )


@require_POST
def team_assign(request, pk: int, position_pk: int):
    campaign = sel.access_inspection_campaign(request.user, pk)
    if not sel.may_manage(request.user):
        raise not_found()
    position = get_or_not_found(campaign.positions.all(), position_pk)
    return _run(
        request,
        AssignForm(request.POST, teams=campaign.teams.all()),
        lambda d: svc.team_assign(actor=request.user, position=position, team=d["team"]),
        _("“%(p)s”的考察组已指定。") % {"p": position.title},
        _url(campaign.pk, "teams"),
    )


@require_POST
def talk_add(request, team_pk: int):
    team = sel.access_team(request.user, team_pk)
    return _run(
        request,
        TalkForm(request.POST, registrations=_team_candidates(team)),
        lambda d: svc.talk_add(actor=request.user, team=team, **d),
        _("谈话记录已保存。"),
        _url(team.campaign_id, f"team-{team.pk}"),
    )


@require_POST
def talk_delete(request, talk_pk: int):
    talk = sel.access_talk(request.user, talk_pk)
    campaign_pk, team_pk = talk.team.campaign_id, talk.team_id
    return _run(
        request,
        TeamForm({"name": "-"}),
        lambda d: svc.talk_delete(actor=request.user, talk=talk),
        _("谈话记录已删除。"),
        _url(campaign_pk, f"team-{team_pk}"),
    )


def report_edit(request, team_pk: int, registration_pk: int):
    """Write or revise one candidate's report; refused without shortcomings (R000-23)."""
    team = sel.access_team(request.user, team_pk, write=request.method == "POST")
    registration = get_or_not_found(_team_candidates(team), registration_pk)
    report = InspectionReport.objects.filter(registration=registration).first()
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            svc.report_save(actor=request.user, team=team, registration=registration, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("%(name)s的考察材料已保存。") % {"name": registration.person.name})
            return redirect(_url(team.campaign_id, f"team-{team.pk}"))
    return render(
        request,
        "selection/inspection_report.html",
        {
            **sel.header_context(request.user, team.campaign, "inspection"),
            "team": team,
            "registration": registration,
            "form": form,
            "editable": team.campaign.stage == Campaign.Stage.INSPECTION,
        },
        status=422 if form.errors else 200,
    )
