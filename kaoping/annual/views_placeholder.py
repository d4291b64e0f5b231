from django.shortcuts import render


def index(request):
    """Placeholder until the annual pages land."""
    return render(request, "common/placeholder.html", {"title": "年度综合考核"})
