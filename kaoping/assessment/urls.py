from django.urls import path

from kaoping.assessment import views_placeholder

app_name = "assessment"

urlpatterns: list = [
    path("", views_placeholder.index, name="index"),
]
