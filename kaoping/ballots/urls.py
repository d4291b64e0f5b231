from django.urls import path

from kaoping.ballots import views_results, views_rounds, views_vote

app_name = "ballots"

urlpatterns: list = [
    path("", views_rounds.index, name="index"),
    path("new/", views_rounds.round_create, name="round_create"),
    path("<int:pk>/", views_rounds.round_detail, name="round_detail"),
    path("<int:pk>/progress/", views_rounds.round_progress, name="round_progress"),
    path("<int:pk>/edit/", views_rounds.round_edit, name="round_edit"),
    path("<int:pk>/template/", views_rounds.round_template, name="round_template"),
    path("<int:pk>/groups/<int:group_pk>/", views_rounds.group_edit, name="group_edit"),
    path("<int:pk>/subjects/add/", views_rounds.subject_add, name="subject_add"),
    path("<int:pk>/subjects/<int:subject_pk>/remove/", views_rounds.subject_remove, name="subject_remove"),
    path("<int:pk>/open/", views_rounds.round_open, name="round_open"),
    path("<int:pk>/close/", views_rounds.round_close, name="round_close"),
    path("<int:pk>/wipe/", views_rounds.round_wipe, name="round_wipe"),
    path("<int:pk>/credentials/", views_rounds.credentials, name="credentials"),
    path("<int:pk>/paper/", views_results.paper, name="paper"),
    path("<int:pk>/results/", views_results.results, name="results"),
    path("<int:pk>/results.xlsx", views_results.results_export, name="results_export"),
    # the voter's pages (no login); the code never appears in a URL
    path("v/", views_vote.vote, name="vote"),
    path("v/done/", views_vote.vote_done, name="vote_done"),
]
