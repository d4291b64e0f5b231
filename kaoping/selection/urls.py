from django.urls import include, path

from kaoping.selection import urls_decision, urls_results, views_campaigns, views_registrations, views_review

app_name = "selection"

c, r, v = views_campaigns, views_registrations, views_review

urlpatterns: list = [
    path("", c.campaign_list, name="index"),
    path("new/", c.campaign_create, name="campaign_create"),
    path("<int:pk>/", c.campaign_detail, name="campaign_detail"),
    path("<int:pk>/edit/", c.campaign_edit, name="campaign_edit"),
    path("<int:pk>/delete/", c.campaign_delete, name="campaign_delete"),
    path("<int:pk>/advance/", c.campaign_advance, name="campaign_advance"),
    path("<int:pk>/scheme/", c.campaign_scheme, name="campaign_scheme"),
    path("<int:pk>/positions/", c.campaign_positions, name="campaign_positions"),
    path("<int:pk>/positions/new/", c.position_create, name="position_create"),
    path("<int:pk>/positions.docx", c.positions_docx, name="positions_docx"),
    path("positions/<int:pk>/edit/", c.position_edit, name="position_edit"),
    path("positions/<int:pk>/delete/", c.position_delete, name="position_delete"),
    path("positions/<int:pk>/description.docx", c.position_docx, name="position_docx"),
    path("<int:pk>/counts/", c.campaign_counts, name="campaign_counts"),
    path("<int:pk>/counts/publish/", r.counts_publish, name="counts_publish"),
    path("<int:pk>/registrations/", r.campaign_registrations, name="campaign_registrations"),
    path("<int:pk>/registrations/new/", r.registration_create, name="registration_create"),
    path("registrations/<int:pk>/", r.registration_detail, name="registration_detail"),
    path("registrations/<int:pk>/sign/", r.registration_sign, name="registration_sign"),
    path("registrations/<int:pk>/edit/", r.registration_edit, name="registration_edit"),
    path("registrations/<int:pk>/change/", r.registration_change, name="registration_change"),
    path("registrations/<int:pk>/move/", r.registration_move, name="registration_move"),
    path("registrations/<int:pk>/withdraw/", r.registration_withdraw, name="registration_withdraw"),
    path("registrations/<int:pk>/form.docx", r.registration_docx, name="registration_docx"),
    path("<int:pk>/review/", v.campaign_review, name="campaign_review"),
    path("<int:pk>/review/run-all/", v.review_run_all, name="review_run_all"),
    path("<int:pk>/qualified/", v.qualified_list, name="qualified_list"),
    path("<int:pk>/qualified.docx", v.qualified_docx, name="qualified_docx"),
    path("<int:pk>/qualified.xlsx", v.qualified_xlsx, name="qualified_xlsx"),
    path("review/<int:pk>/", v.review_detail, name="review_detail"),
    path("review/<int:pk>/run/", v.review_run, name="review_run"),
    path("review/<int:pk>/record/", v.review_record, name="review_record"),
    path("review/<int:pk>/decide/", v.review_decide, name="review_decide"),
    path("review/<int:pk>/avoidance/", v.avoidance_add, name="avoidance_add"),
    path("review/<int:pk>/avoidance/<int:avoidance_pk>/delete/", v.avoidance_delete, name="avoidance_delete"),
    path("", include(urls_results)),
    path("", include(urls_decision)),
]
