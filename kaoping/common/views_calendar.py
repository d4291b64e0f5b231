"""Holidays and make-up workdays (节假日与调休), the calendar public notices count working days against."""

from django.shortcuts import render


def calendar_list(request):
    """Placeholder until the calendar page lands."""
    return render(request, "common/placeholder.html", {"title": "节假日与调休"})
