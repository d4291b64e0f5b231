"""Stage entry and results pages (owned by the results work; included by urls.py)."""

from django.urls import path

from kaoping.selection import views_entry, views_results

urlpatterns: list = [
    path("results/<int:pk>/", views_results.results_overview, name="results"),
    path("results/<int:pk>/compute/", views_results.results_compute_view, name="results_compute"),
    path("results/<int:pk>/<str:stage>.xlsx", views_results.results_xlsx, name="results_xlsx"),
    path("results/position/<int:pk>/", views_results.results_position, name="results_position"),
    path(
        "results/registration/<int:pk>/derivations/",
        views_results.results_derivations,
        name="results_derivations",
    ),
    path("results/cut/<int:pk>/resolve/", views_results.cut_resolve_view, name="cut_resolve"),
    path(
        "results/registration/<int:pk>/notice.docx",
        views_results.results_notice_docx,
        name="results_notice_docx",
    ),
    path("entry/<int:pk>/evaluation/", views_entry.entry_evaluation, name="entry_evaluation"),
    path("entry/<int:pk>/exam/", views_entry.entry_exam, name="entry_exam"),
    path("entry/<int:pk>/interview/", views_entry.entry_interview, name="entry_interview"),
    path("entry/<int:pk>/<str:stage>/template.xlsx", views_entry.entry_template, name="entry_template"),
    path("entry/<int:pk>/<str:stage>/import/", views_entry.entry_import_view, name="entry_import"),
    path("entry/<int:pk>/<str:stage>/linked/<str:action>/", views_entry.entry_linked, name="entry_linked"),
    path("entry/position/<int:pk>/<str:stage>/", views_entry.entry_position, name="entry_position"),
]
