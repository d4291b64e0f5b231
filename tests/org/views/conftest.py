"""People placed in the shared tree: one in each of 秘书处 (inside 办公厅), 组织部 and 办公厅 itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from tests.factories import id_number_for, make_person


@dataclass
class People:
    secretary: object  # 秘书处 (in the liaison's subtree)
    office_head: object  # 办公厅 (in the liaison's subtree)
    org_staff: object  # 组织部 (outside it)


@pytest.fixture
def people(tree) -> People:
    return People(
        secretary=make_person(
            tree.office_secretariat,
            "秘书甲",
            birth_date=dt.date(1980, 5, 6),
            id_number=id_number_for(dt.date(1980, 5, 6), 11),
        ),
        office_head=make_person(tree.office, "主任丙", current_post="办公厅主任"),
        org_staff=make_person(
            tree.org_dept,
            "组织乙",
            birth_date=dt.date(1975, 2, 3),
            id_number=id_number_for(dt.date(1975, 2, 3), 22),
        ),
    )


def menu_html(response) -> str:
    """The main menu's HTML (between the menu list's opening and closing tags)."""
    html = response.content.decode()
    start = html.find('id="kp-menu"')
    end = html.find("</ul>\n      <span", start)
    assert start != -1 and end != -1, "menu not found in page"
    return html[start:end]
