from django.urls import include, path
from django.views.generic import RedirectView

from kaoping.positions import views_lines, views_plans, views_rounds

app_name = "positions"

urlpatterns: list = [
    path("", RedirectView.as_view(pattern_name="positions:plan_list"), name="index"),
    path("plans/", views_plans.plan_list, name="plan_list"),
    path("plans/new/", views_plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views_plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views_plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/categories/", views_plans.category_set, name="category_set"),
    path("plans/<int:pk>/template/", views_plans.template_edit, name="template_edit"),
    path("plans/<int:pk>/submit/", views_plans.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/approve/", views_plans.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/return/", views_plans.plan_return, name="plan_return"),
    path("plans/<int:pk>/phases/<int:phase_pk>/complete/", views_plans.phase_complete, name="phase_complete"),
    path("plans/<int:pk>/phases/new/", views_plans.phase_save, name="phase_create"),
    path("plans/<int:pk>/phases/<int:phase_pk>/edit/", views_plans.phase_save, name="phase_edit"),
    path("plans/<int:pk>/lines/", views_lines.lines_section, name="lines_section"),
    path("plans/<int:pk>/lines/new/", views_lines.line_create, name="line_create"),
    path("lines/<int:line_pk>/edit/", views_lines.line_edit, name="line_edit"),
    path("lines/<int:line_pk>/delete/", views_lines.line_delete, name="line_delete"),
    path("lines/<int:line_pk>/description/", views_lines.description_edit, name="description_edit"),
    path("rounds/", views_rounds.round_list, name="round_list"),
    path("plans/<int:pk>/rounds/new/", views_rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", views_rounds.round_detail, name="round_detail"),
    path("rounds/<int:pk>/advance/", views_rounds.round_advance, name="round_advance"),
    path("rounds/<int:pk>/applications/new/", views_rounds.application_add, name="application_add"),
    path("applications/<int:pk>/review/", views_rounds.application_review, name="application_review"),
    path("applications/<int:pk>/score/", views_rounds.application_score, name="application_score"),
    path("applications/<int:pk>/decide/", views_rounds.application_decide, name="application_decide"),
    path("rounds/<int:pk>/objections/new/", views_rounds.objection_add, name="objection_add"),
    path(
        "rounds/<int:pk>/objections/<int:objection_pk>/resolve/",
        views_rounds.objection_resolve,
        name="objection_resolve",
    ),
    path(
        "rounds/<int:pk>/appointments/<int:appointment_pk>/contract/",
        views_rounds.contract_sign,
        name="contract_sign",
    ),
    # downloads: distribution table (xlsx/docx), plan (docx), post descriptions (docx), chart (svg)
    path("", include("kaoping.positions.views_documents")),
]
