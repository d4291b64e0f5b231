from django.urls import include, path
from django.views.generic import RedirectView

from kaoping.positions import views_lines, views_plans

app_name = "positions"

urlpatterns: list = [
    path("", RedirectView.as_view(pattern_name="positions:plan_list"), name="index"),
    path("plans/", views_plans.plan_list, name="plan_list"),
    path("plans/new/", views_plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views_plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views_plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/categories/", views_plans.category_set, name="category_set"),
    path("plans/<int:pk>/submit/", views_plans.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/approve/", views_plans.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/return/", views_plans.plan_return, name="plan_return"),
    path("plans/<int:pk>/phases/<int:phase_pk>/complete/", views_plans.phase_complete, name="phase_complete"),
    path("plans/<int:pk>/lines/", views_lines.lines_section, name="lines_section"),
    path("plans/<int:pk>/lines/new/", views_lines.line_create, name="line_create"),
    path("lines/<int:line_pk>/edit/", views_lines.line_edit, name="line_edit"),
    path("lines/<int:line_pk>/delete/", views_lines.line_delete, name="line_delete"),
    path("lines/<int:line_pk>/description/", views_lines.description_edit, name="description_edit"),
    # downloads: distribution table (xlsx/docx), plan (docx), post descriptions (docx), chart (svg)
    path("", include("kaoping.positions.views_documents")),
]
