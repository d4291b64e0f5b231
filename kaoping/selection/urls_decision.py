"""Inspection, decision and notice pages (owned by the decision work; included by urls.py)."""

from django.urls import path

from kaoping.selection import views_decision as d
from kaoping.selection import views_inspection as i

urlpatterns: list = [
    path("inspection/mine/", i.my_inspections, name="inspection_mine"),
    path("<int:pk>/inspection/", i.inspection, name="inspection"),
    path("<int:pk>/inspection/teams/", i.team_add, name="inspection_team_add"),
    path(
        "<int:pk>/inspection/positions/<int:position_pk>/team/", i.team_assign, name="inspection_team_assign"
    ),
    path("inspection/teams/<int:team_pk>/delete/", i.team_delete, name="inspection_team_delete"),
    path("inspection/teams/<int:team_pk>/members/", i.member_add, name="inspection_member_add"),
    path("<int:pk>/inspection/members/", i.member_add_any, name="inspection_member_add_any"),
    path("inspection/members/<int:member_pk>/remove/", i.member_remove, name="inspection_member_remove"),
    path("inspection/teams/<int:team_pk>/talks/", i.talk_add, name="inspection_talk_add"),
    path("inspection/talks/<int:talk_pk>/delete/", i.talk_delete, name="inspection_talk_delete"),
    path(
        "inspection/teams/<int:team_pk>/report/<int:registration_pk>/",
        i.report_edit,
        name="inspection_report",
    ),
    path("<int:pk>/decision/", d.decision, name="decision"),
    path("<int:pk>/decision/<int:position_pk>/proposal/", d.proposal_save, name="decision_proposal"),
    path("<int:pk>/decision/<int:position_pk>/comments/", d.proposal_comment, name="decision_comment"),
    path("<int:pk>/decision/<int:position_pk>/decide/", d.proposal_decide, name="decision_decide"),
    path("<int:pk>/notice/", d.notice, name="notice"),
    path("<int:pk>/notice/edit/", d.notice_update, name="notice_update"),
    path("<int:pk>/notice/objections/", d.objection_add, name="notice_objection_add"),
    path(
        "<int:pk>/notice/objections/<int:objection_pk>/resolve/",
        d.objection_resolve,
        name="notice_objection_resolve",
    ),
    path("<int:pk>/notice/document.docx", d.notice_docx, name="notice_docx"),
]
