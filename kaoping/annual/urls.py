from django.urls import path

from kaoping.annual import views, views_documents, views_grading, views_related, views_setup

app_name = "annual"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.round_create, name="round_create"),
    path("<int:pk>/", views.round_detail, name="round_detail"),
    path("<int:pk>/advance/", views.round_advance, name="round_advance"),
    path("<int:pk>/settings/", views.round_settings, name="round_settings"),
    path("<int:pk>/schemes/<str:field>/", views.round_scheme, name="round_scheme"),
    path("<int:pk>/setup/", views_setup.setup, name="setup"),
    path("<int:pk>/setup/<str:what>/add/", views_setup.setup_add, name="setup_add"),
    path("<int:pk>/sub-items/", views_setup.sub_items, name="sub_items"),
    path("sub-items/<int:pk>/save/", views_setup.sub_item_save, name="sub_item_save"),
    path("<int:pk>/counts/", views_setup.counts, name="counts"),
    path("<int:pk>/counts/save/", views_setup.counts_save, name="counts_save"),
    path("<int:pk>/counts/import/", views_setup.counts_import, name="counts_import"),
    path("<int:pk>/counts/ballots/", views_setup.counts_ballots_create, name="counts_ballots_create"),
    path("<int:pk>/cadre-inputs/", views_setup.cadre_inputs, name="cadre_inputs"),
    path("cadres/<int:pk>/inputs/", views_setup.cadre_input_save, name="cadre_input_save"),
    path("<int:pk>/flags/", views_setup.flags, name="flags"),
    path("<int:pk>/flags/add/", views_setup.flag_add, name="flag_add"),
    path("flags/<int:pk>/remove/", views_setup.flag_remove, name="flag_remove"),
    path("<int:pk>/proposals/", views_grading.proposals, name="proposals"),
    path("<int:pk>/proposals/compute/", views_grading.proposals_compute, name="proposals_compute"),
    path("<int:pk>/proposals/accept/", views_grading.proposals_accept, name="proposals_accept"),
    path("proposals/<int:pk>/decide/", views_grading.proposal_decide, name="proposal_decide"),
    path("<int:pk>/notice/", views_grading.notice, name="notice"),
    path("<int:pk>/notice/publish/", views_grading.notice_publish, name="notice_publish"),
    path("<int:pk>/notice/objections/", views_grading.objection_add, name="objection_add"),
    path("objections/<int:pk>/resolve/", views_grading.objection_resolve, name="objection_resolve"),
    path("<int:pk>/confirm/", views_grading.round_confirm, name="round_confirm"),
    path("<int:pk>/results/", views_grading.results, name="results"),
    path("<int:pk>/results.xlsx", views_documents.results_xlsx, name="results_xlsx"),
    path("<int:pk>/notice.docx", views_documents.notice_docx, name="notice_docx"),
    path("<int:pk>/chart-<str:kind>.svg", views_documents.chart_svg, name="chart_svg"),
    path("cadres/<int:pk>/form.docx", views_documents.cadre_form_docx, name="cadre_form_docx"),
    path("<int:pk>/related/", views_related.related, name="related"),
    path("<int:pk>/related/<str:what>/add/", views_related.related_add, name="related_add"),
    path("related/<str:what>/<int:pk>/decide/", views_related.related_decide, name="related_decide"),
]
