"""The list-with-create page shared by the organiser pages of written exams and interviews."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from kaoping.common.errors import DomainError
from kaoping.org.forms import apply_service_error


def list_with_create(request, *, search, form_class, create, success_message, template, detail_url):
    """A searchable, paginated list page that also holds the create form: ``search(q)`` gives the rows,
    a valid POST calls ``create(actor=..., **cleaned_data)`` and redirects to ``detail_url`` of the new
    object; service errors are put back on the form."""
    q = request.GET.get("q", "").strip()
    page = Paginator(search(q), 20).get_page(request.GET.get("page"))
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, success_message)
            return redirect(detail_url, pk=obj.pk)
    return render(request, template, {"page": page, "q": q, "form": form})
