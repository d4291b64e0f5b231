from django.shortcuts import render


def index(request):
    """Placeholder until the marking pages land."""
    return render(request, "common/placeholder.html", {"title": "笔试面试"})
