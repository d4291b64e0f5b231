from django.urls import path

from kaoping.marking import views_placeholder

app_name = "marking"

urlpatterns: list = [
    path("", views_placeholder.index, name="index"),
]
