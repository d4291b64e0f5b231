from django.urls import path  # noqa: F401

app_name = "org"

urlpatterns: list = [
    # pages (views.py, views_units.py …)
    # import/export (views_io.py)
]
