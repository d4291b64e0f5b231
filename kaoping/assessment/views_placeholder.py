from django.shortcuts import render


def index(request):
    """Placeholder until the assessment pages land."""
    return render(request, "common/placeholder.html", {"title": "目标考核"})
