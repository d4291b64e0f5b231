"""The 任前公示 notice (R000-24, RP-08) as a .docx: who is to be appointed to which position, the notice period
in working days and where to report — plain data from the notice, bytes out (kaoping.documents.docx sets
the Chinese fonts explicitly)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kaoping.documents import docx as word
from kaoping.selection.models import PublicNotice
from kaoping.selection.services_notice import appointees


def notice_rows(notice: PublicNotice) -> list[list[str]]:
    """序号, 姓名, 性别, 出生年月, 现任职务, 拟任职务 — in position order."""
    rows = []
    for i, p in enumerate(appointees(notice.campaign), start=1):
        person = p.registration.person
        rows.append(
            [
                str(i),
                person.name,
                str(person.get_gender_display()),
                person.birth_date.strftime("%Y.%m"),
                f"{person.unit.name}{person.current_post}",
                p.position.title,
            ]
        )
    return rows


def notice_title(notice: PublicNotice) -> str:
    return _("%(title)s任职前公示") % {"title": notice.campaign.title}


def notice_docx(notice: PublicNotice) -> bytes:
    campaign = notice.campaign
    period = _("公示时间：%(start)s至%(end)s（不少于%(n)s个工作日，节假日不计）。") % {
        "start": f"{notice.start:%Y年%m月%d日}",
        "end": f"{notice.end:%Y年%m月%d日}",
        "n": campaign.notice_working_days,
    }
    blocks: list = [
        word.Title(notice_title(notice)),
        word.Paragraph(
            _("根据《%(title)s》（%(doc)s），经党组会议研究，拟任用下列同志，现予以任前公示：")
            % {"title": campaign.title, "doc": campaign.doc_number or "—"},
            indent_first=True,
        ),
        word.Table(
            header=[_("序号"), _("姓名"), _("性别"), _("出生年月"), _("现任职务"), _("拟任职务")],
            rows=notice_rows(notice),
            align=["center", "center", "center", "center", "left", "left"],
        ),
        word.Paragraph(period, indent_first=True),
        word.Paragraph(
            _(
                "公示期间，对公示对象在德、能、勤、绩、廉等方面的问题，可以通过来信、来电、来访等方式向组织部反映。"
                "反映问题要实事求是，以个人名义反映的提倡署真实姓名，并提供具体事实或线索。"
            ),
            indent_first=True,
        ),
    ]
    if notice.contact:
        blocks.append(word.Paragraph(_("受理联系方式：%(c)s") % {"c": notice.contact}, indent_first=True))
    if notice.text:
        blocks.append(word.Heading(_("公示说明")))
        blocks.extend(
            word.Paragraph(line, indent_first=True) for line in notice.text.splitlines() if line.strip()
        )
    return word.docx_bytes(word.DocumentSpec(title=notice_title(notice), blocks=blocks))
