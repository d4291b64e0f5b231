from django.urls import path

from kaoping.ballots import views_placeholder

app_name = "ballots"

urlpatterns: list = [
    path("", views_placeholder.index, name="index"),
]
