from django.urls import include, path

from kaoping.org import views_history, views_people, views_ranks, views_units

app_name = "org"

urlpatterns: list = [
    path("units/", views_units.unit_tree, name="unit_tree"),
    path("units/new/", views_units.unit_create, name="unit_create"),
    path("units/<int:pk>/", views_units.unit_detail, name="unit_detail"),
    path("units/<int:parent_pk>/new/", views_units.unit_create, name="unit_create_child"),
    path("units/<int:pk>/edit/", views_units.unit_edit, name="unit_edit"),
    path("units/<int:pk>/move/", views_units.unit_move, name="unit_move"),
    path("units/<int:pk>/deactivate/", views_units.unit_deactivate, name="unit_deactivate"),
    path("units/<int:pk>/reactivate/", views_units.unit_reactivate, name="unit_reactivate"),
    path("people/", views_people.person_list, name="person_list"),
    path("people/new/", views_people.person_create, name="person_create"),
    path("people/<int:pk>/", views_people.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views_people.person_edit, name="person_edit"),
    path("people/<int:pk>/active/", views_people.person_set_active, name="person_set_active"),
    path("people/<int:pk>/photo/", views_people.person_photo, name="person_photo"),
    path("people/<int:pk>/history/<slug:kind>/", views_history.history_section, name="history_section"),
    path("people/<int:pk>/history/<slug:kind>/new/", views_history.history_create, name="history_create"),
    path("history/<slug:kind>/<int:record_pk>/edit/", views_history.history_edit, name="history_edit"),
    path("history/<slug:kind>/<int:record_pk>/delete/", views_history.history_delete, name="history_delete"),
    path("ranks/", views_ranks.rank_list, name="rank_list"),
    path("ranks/new/", views_ranks.rank_create, name="rank_create"),
    path("ranks/<int:pk>/edit/", views_ranks.rank_edit, name="rank_edit"),
    # import/export: views_io.urlpatterns
    path("", include("kaoping.org.views_io")),
]
