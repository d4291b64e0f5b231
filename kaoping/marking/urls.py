from django.urls import path

from kaoping.marking import views_draws, views_examiner, views_exams, views_interviews, views_marker

app_name = "marking"

urlpatterns: list = [
    path("", views_exams.index, name="index"),
    # organiser: exams
    path("exams/", views_exams.exam_list, name="exam_list"),
    path("exams/<int:pk>/", views_exams.exam_detail, name="exam_detail"),
    path("exams/<int:pk>/items/<int:item_pk>/", views_exams.exam_item_update, name="exam_item_update"),
    path("exams/<int:pk>/settings/", views_exams.exam_settings, name="exam_settings"),
    path("exams/<int:pk>/candidates/add/", views_exams.exam_candidate_add, name="exam_candidate_add"),
    path(
        "exams/<int:pk>/candidates/<int:candidate_pk>/remove/",
        views_exams.exam_candidate_remove,
        name="exam_candidate_remove",
    ),
    path("exams/<int:pk>/assign/", views_exams.exam_assign, name="exam_assign"),
    path(
        "exams/<int:pk>/assign/<int:assignment_pk>/remove/", views_exams.exam_unassign, name="exam_unassign"
    ),
    path("exams/<int:pk>/draw/<str:kind>/", views_exams.exam_draw, name="exam_draw"),
    path("exams/<int:pk>/do/<str:action>/", views_exams.exam_transition, name="exam_transition"),
    path("exams/<int:pk>/marks/", views_exams.exam_marks, name="exam_marks"),
    path("exams/<int:pk>/labels.docx", views_exams.exam_code_labels, name="exam_code_labels"),
    path("exams/<int:pk>/results/", views_exams.exam_results, name="exam_results"),
    path("marks/<int:pk>/unlock/", views_exams.mark_unlock, name="mark_unlock"),
    # organiser: interviews
    path("interviews/", views_interviews.interview_list, name="interview_list"),
    path("interviews/<int:pk>/", views_interviews.interview_detail, name="interview_detail"),
    path("interviews/<int:pk>/settings/", views_interviews.interview_settings, name="interview_settings"),
    path("interviews/<int:pk>/panels/add/", views_interviews.panel_add, name="panel_add"),
    path(
        "interviews/<int:pk>/candidates/add/",
        views_interviews.interview_candidate_add,
        name="interview_candidate_add",
    ),
    path(
        "interviews/<int:pk>/candidates/<int:candidate_pk>/remove/",
        views_interviews.interview_candidate_remove,
        name="interview_candidate_remove",
    ),
    path(
        "interviews/<int:pk>/do/<str:action>/",
        views_interviews.interview_transition,
        name="interview_transition",
    ),
    path("interviews/<int:pk>/results/", views_interviews.interview_results, name="interview_results"),
    path("panels/<int:panel_pk>/members/add/", views_interviews.member_add, name="member_add"),
    path("panels/<int:panel_pk>/draw/", views_interviews.panel_draw, name="panel_draw"),
    path("members/<int:member_pk>/remove/", views_interviews.member_remove, name="member_remove"),
    path(
        "interview-marks/<int:mark_pk>/unlock/",
        views_interviews.interview_mark_unlock,
        name="interview_mark_unlock",
    ),
    # draws
    path("draws/verify/", views_draws.draw_verify, name="draw_verify"),
    path("draws/<int:pk>/", views_draws.draw_detail, name="draw_detail"),
    # markers
    path("mark/", views_marker.marker_home, name="marker_home"),
    path("mark/<int:pk>/", views_marker.marker_exam, name="marker_exam"),
    path("mark/<int:pk>/submit/", views_marker.marker_submit, name="marker_submit"),
    # examiners
    path("examine/", views_examiner.examiner_home, name="examiner_home"),
    path("examine/<int:pk>/", views_examiner.examiner_panel, name="examiner_panel"),
    path("examine/<int:pk>/sheet.docx", views_examiner.examiner_score_sheet, name="examiner_score_sheet"),
    path(
        "examine/<int:pk>/sheet.pdf", views_examiner.examiner_score_sheet_pdf, name="examiner_score_sheet_pdf"
    ),
    path("examine/<int:pk>/<int:candidate_pk>/", views_examiner.examiner_entry, name="examiner_entry"),
    path(
        "examine/<int:pk>/<int:candidate_pk>/confirm/",
        views_examiner.examiner_confirm,
        name="examiner_confirm",
    ),
]
