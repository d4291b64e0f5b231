from django.shortcuts import render


def index(request):
    """Placeholder until the attendance pages land."""
    return render(request, "common/placeholder.html", {"title": "考勤"})
