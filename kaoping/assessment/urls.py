from django.urls import path

from kaoping.assessment import views_pay, views_schemes, views_units

app_name = "assessment"

urlpatterns: list = [
    path("", views_schemes.scheme_list, name="index"),
    path("schemes/new/", views_schemes.scheme_create, name="scheme_create"),
    path("schemes/<int:pk>/", views_schemes.scheme_detail, name="scheme_detail"),
    path("schemes/<int:pk>/edit/", views_schemes.scheme_edit, name="scheme_edit"),
    path("schemes/<int:pk>/units/add/", views_schemes.scheme_unit_add, name="scheme_unit_add"),
    path("schemes/<int:pk>/status/<str:action>/", views_schemes.scheme_status, name="scheme_status"),
    path("schemes/<int:pk>/results/", views_schemes.results, name="results"),
    path("schemes/<int:pk>/results.xlsx", views_schemes.results_xlsx, name="results_xlsx"),
    path("schemes/<int:pk>/chart.svg", views_schemes.results_chart, name="results_chart"),
    path("schemes/<int:pk>/pay/", views_pay.pay_page, name="pay"),
    path("schemes/<int:pk>/pay/leaders/", views_pay.leader_set, name="leader_set"),
    path("schemes/<int:pk>/pay/runs/", views_pay.pay_run_create, name="pay_run_create"),
    path("leaders/<int:pk>/remove/", views_pay.leader_remove, name="leader_remove"),
    path("pay-runs/<int:pk>/", views_pay.pay_run_detail, name="pay_run"),
    path("pay-runs/<int:pk>/payout.xlsx", views_pay.pay_run_xlsx, name="pay_run_xlsx"),
    path("units/<int:pk>/", views_units.assessment_detail, name="assessment_detail"),
    path("units/<int:pk>/remove/", views_schemes.scheme_unit_remove, name="scheme_unit_remove"),
    path("units/<int:pk>/summary/", views_units.summary_set, name="summary_set"),
    path("units/<int:pk>/scores/", views_units.scores_save, name="scores_save"),
    path("units/<int:pk>/feedback/", views_units.feedback_set, name="feedback_set"),
    path("units/<int:pk>/evidence/", views_units.evidence_add, name="evidence_add"),
    path("units/<int:pk>/bonus/", views_units.bonus_add, name="bonus_add"),
    path("units/<int:pk>/transition/", views_units.transition, name="transition"),
    path("units/<int:pk>/archive.docx", views_units.archive_docx, name="archive_docx"),
    path("scores/<int:pk>/", views_units.score_set, name="score_set"),
    path("evidence/<int:pk>/", views_units.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", views_units.evidence_delete, name="evidence_delete"),
    path("bonus/<int:pk>/remove/", views_units.bonus_remove, name="bonus_remove"),
    path("bonus/<int:pk>/evidence/", views_units.bonus_evidence, name="bonus_evidence"),
]
