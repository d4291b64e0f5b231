"""Downloads of an annual round: results (.xlsx), 年度考核登记表 (.docx), the 公示 (.docx), charts (.svg)."""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from kaoping.annual import documents
from kaoping.annual import selectors as sel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def results_xlsx(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    return _attachment(documents.results_workbook(rnd), XLSX, _("%(t)s考核结果.xlsx") % {"t": rnd.title})


def cadre_form_docx(request, pk: int):
    cadre = sel.access_cadre(request.user, pk, "annual.view")
    return _attachment(
        documents.cadre_form(cadre),
        DOCX,
        _("%(y)s年度考核登记表-%(n)s.docx") % {"y": cadre.round.year, "n": cadre.person.name},
    )


def notice_docx(request, pk: int):
    rnd = sel.access_round(request.user, pk)
    if not hasattr(rnd, "notice"):
        raise Http404
    return _attachment(documents.notice_document(rnd), DOCX, _("%(t)s优秀等次公示.docx") % {"t": rnd.title})


def chart_svg(request, pk: int, kind: str):
    rnd = sel.access_round(request.user, pk)
    if kind not in ("team", "cadre"):
        raise Http404
    response = HttpResponse(documents.distribution_chart(rnd, kind), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=60"
    return response


def flag_evidence(request, pk: int):
    """A flag's evidence file, only to users who may see the round (never served as public media)."""
    import mimetypes

    from django.http import FileResponse

    flag = sel.access_flag(request.user, pk, "annual.view")
    if not flag.evidence:
        raise Http404
    content_type = mimetypes.guess_type(flag.evidence.name)[0] or "application/octet-stream"
    response = FileResponse(flag.evidence.open("rb"), content_type=content_type, as_attachment=True)
    response["Cache-Control"] = "private, max-age=300"
    return response
