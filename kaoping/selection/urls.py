from django.urls import path

from kaoping.selection import views_placeholder

app_name = "selection"

urlpatterns: list = [
    path("", views_placeholder.index, name="index"),
]
