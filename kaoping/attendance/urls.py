from django.urls import path

from kaoping.attendance import views_leave, views_settings, views_signin, views_summary

app_name = "attendance"

urlpatterns: list = [
    path("", views_summary.index, name="index"),
    path("export.xlsx", views_summary.export, name="export"),
    path("people/<int:pk>/", views_summary.person, name="person"),
    path("years/", views_settings.year_list, name="year_list"),
    path("years/<int:pk>/", views_settings.year_detail, name="year_detail"),
    path("years/<int:pk>/approvers/", views_settings.approver_add, name="approver_add"),
    path(
        "years/<int:pk>/approvers/<int:setting_pk>/remove/",
        views_settings.approver_remove,
        name="approver_remove",
    ),
    path("signins/", views_signin.signin_grid, name="signin_grid"),
    path("signins/import/", views_signin.signin_import, name="signin_import"),
    path("signins/template.xlsx", views_signin.signin_template, name="signin_template"),
    path("leaves/", views_leave.leave_list, name="leave_list"),
    path("leaves/new/", views_leave.leave_create, name="leave_create"),
    path("leaves/<int:pk>/", views_leave.leave_detail, name="leave_detail"),
    path("leaves/<int:pk>/decide/", views_leave.leave_decide, name="leave_decide"),
]
