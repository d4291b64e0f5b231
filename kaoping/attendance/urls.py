from django.urls import path

from kaoping.attendance import views_placeholder

app_name = "attendance"

urlpatterns: list = [
    path("", views_placeholder.index, name="index"),
]
