from django.urls import path

from kaoping.annual import views_placeholder

app_name = "annual"

urlpatterns: list = [
    path("", views_placeholder.index, name="index"),
]
