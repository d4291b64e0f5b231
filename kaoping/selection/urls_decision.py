"""Inspection, decision and notice pages (owned by the decision work; included by urls.py)."""

urlpatterns: list = []
