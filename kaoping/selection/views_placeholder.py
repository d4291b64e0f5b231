from django.shortcuts import render


def index(request):
    """Placeholder until the selection pages land."""
    return render(request, "common/placeholder.html", {"title": "竞争上岗"})
