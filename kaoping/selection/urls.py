from django.urls import include, path

from kaoping.selection import urls_decision, urls_results, views_placeholder

app_name = "selection"

urlpatterns: list = [
    path("", views_placeholder.index, name="index"),
    path("", include(urls_results)),
    path("", include(urls_decision)),
]
