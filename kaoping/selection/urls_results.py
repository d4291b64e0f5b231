"""Stage entry and results pages (owned by the results work; included by urls.py)."""

urlpatterns: list = []
