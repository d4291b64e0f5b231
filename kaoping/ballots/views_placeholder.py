from django.shortcuts import render


def index(request):
    """Placeholder until the ballots pages land."""
    return render(request, "common/placeholder.html", {"title": "民主测评"})
