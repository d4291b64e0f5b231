"""REST endpoints of the cadre registry: units and people. Mounted on ``kaoping.api.api``.

Scoping is the UI's: reads go through ``org.selectors``, objects through ``org.access`` (404 for missing
and not-yours alike), writes through ``org.services``. A user who lacks the capability for an endpoint
altogether (e.g. a leader, who may only read) gets 403 before any object is looked up, so the answer never
depends on whether the id exists.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import covers_all_units, scope_for
from kaoping.common.api_access import api_user
from kaoping.common.errors import NotFound, ValidationFailed
from kaoping.org import schemas as s
from kaoping.org import services
from kaoping.org.access import access_person, access_unit
from kaoping.org.models import Unit
from kaoping.org.selectors import PersonFilter, person_detail, person_list, ranks_active, units_visible

ERRORS = {403: s.MessageOut, 404: s.MessageOut, 422: s.ValidationErrorOut}

units_router = Router(tags=[gettext_lazy("单位")])
people_router = Router(tags=[gettext_lazy("干部")])


# ------------------------------------------------------------------------------------------- helpers


def _active(value: str) -> bool | None:
    return {"true": True, "false": False}.get(value)


def _page(qs, paging: s.PageParams) -> dict[str, Any]:
    start, stop = paging.bounds()
    return {"count": qs.count(), "limit": paging.limit, "offset": start, "items": list(qs[start:stop])}


def _unit_ref(user, unit_id: int, cap: str, field: str) -> Unit:
    """A unit named in a request body: one the user may act on with ``cap``, else a 422 on ``field``."""
    try:
        return access_unit(user, unit_id, cap)
    except NotFound:
        raise ValidationFailed({field: [_("未找到该单位，或该单位不在您的管辖范围内。")]}) from None


def _rank_ref(rank_id: int | None):
    if rank_id is None:
        return None
    rank = ranks_active().filter(pk=rank_id).first()
    if rank is None:
        raise ValidationFailed({"rank": [_("未找到该职级，或该职级已停用。")]})
    return rank


def _blank_strings(fields: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """``null`` on a text field that may be blank means empty."""
    return {k: ("" if v is None and k in names else v) for k, v in fields.items()}


# --------------------------------------------------------------------------------------------- units


@units_router.get(
    "",
    response={200: s.UnitPage, **ERRORS},
    summary=gettext_lazy("单位列表"),
    description=gettext_lazy(
        "您管辖范围内的单位，按树的顺序排列；可按上级单位、在用状态与关键字筛选，分页返回。"
    ),
)
def unit_list(request: HttpRequest, filters: Query[s.UnitFilters], paging: Query[s.PageParams]):
    user = api_user(request, Cap.ORG_VIEW)
    qs = units_visible(user).order_by("path")
    is_active = _active(filters.active)
    if is_active is not None:
        qs = qs.filter(is_active=is_active)
    if filters.parent is not None:
        qs = qs.filter(parent_id=filters.parent)
    q = filters.q.strip()
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(short_name__contains=q) | Q(code__icontains=q))
    return _page(qs, paging)


@units_router.get(
    "{int:unit_id}",
    response={200: s.UnitOut, **ERRORS},
    summary=gettext_lazy("单位详情"),
    description=gettext_lazy("不存在或不在您管辖范围内的单位一律返回 404。"),
)
def unit_get(request: HttpRequest, unit_id: int):
    user = api_user(request, Cap.ORG_VIEW)
    return access_unit(user, unit_id, Cap.ORG_VIEW)


@units_router.post(
    "",
    response={201: s.UnitOut, **ERRORS},
    summary=gettext_lazy("新增单位"),
    description=gettext_lazy(
        "需要“维护单位与职务”权限；上级单位须在您的管辖范围内，新增顶级单位须管辖全部单位。"
    ),
)
def unit_create(request: HttpRequest, payload: s.UnitIn):
    user = api_user(request, Cap.ORG_UNITS)
    fields = payload.dict()
    parent_id = fields.pop("parent")
    if parent_id is None:
        if not covers_all_units(user, Cap.ORG_UNITS):
            raise ValidationFailed({"parent": [_("只有管辖全部单位的管理员才能新增顶级单位。")]})
        parent = None
    else:
        parent = _unit_ref(user, parent_id, Cap.ORG_UNITS, "parent")
    unit = services.unit_create(actor=user, parent=parent, **fields)
    return Status(201, unit)


@units_router.patch(
    "{int:unit_id}",
    response={200: s.UnitOut, **ERRORS},
    summary=gettext_lazy("修改单位"),
    description=gettext_lazy(
        "只修改请求中给出的字段。给出 parent 表示移动单位（连同其下级）；is_active=false 停用单位。"
    ),
)
def unit_update(request: HttpRequest, unit_id: int, payload: s.UnitPatch):
    user = api_user(request, Cap.ORG_UNITS)
    unit = access_unit(user, unit_id, Cap.ORG_UNITS)
    fields = _blank_strings(payload.dict(exclude_unset=True), ("short_name",))
    move = "parent" in fields
    new_parent_id = fields.pop("parent", None)
    is_active = fields.pop("is_active", None)
    with transaction.atomic():
        if fields:
            unit = services.unit_update(actor=user, unit=unit, **fields)
        if move and new_parent_id != unit.parent_id:
            if new_parent_id is None:
                if not covers_all_units(user, Cap.ORG_UNITS):
                    raise ValidationFailed({"parent": [_("只有管辖全部单位的管理员才能设置顶级单位。")]})
                new_parent = None
            else:
                new_parent = _unit_ref(user, new_parent_id, Cap.ORG_UNITS, "parent")
            unit = services.unit_move(actor=user, unit=unit, new_parent=new_parent)
        if is_active is False and unit.is_active:
            unit = services.unit_deactivate(actor=user, unit=unit)
        elif is_active is True and not unit.is_active:
            unit = services.unit_reactivate(actor=user, unit=unit)
    return access_unit(user, unit.pk, Cap.ORG_UNITS)


# -------------------------------------------------------------------------------------------- people


@people_router.get(
    "",
    response={200: s.PersonPage, **ERRORS},
    summary=gettext_lazy("干部列表"),
    description=gettext_lazy(
        "您管辖范围内的干部（与“干部名册”页面相同的筛选规则），分页返回；unit 筛选包含下级单位。"
        "身份证号在列表中只显示前 6 位和后 4 位。"
    ),
)
def person_list_view(request: HttpRequest, filters: Query[s.PersonFilters], paging: Query[s.PageParams]):
    user = api_user(request, Cap.ORG_VIEW)
    flt = PersonFilter(
        q=filters.q,
        unit_id=filters.unit,
        rank_id=filters.rank,
        category=filters.category,
        is_active=_active(filters.active),
        sort=filters.sort,
    )
    return _page(person_list(user, flt), paging)


class _PersonWithHistory:
    """A person plus its history lists (``ranks``, ``results`` …) for PersonDetailOut."""

    def __init__(self, person, history: dict[str, list]) -> None:
        self._person = person
        self._history = history

    def __getattr__(self, name: str):
        if name in self._history:
            return self._history[name]
        return getattr(self._person, name)


def _detail(person) -> _PersonWithHistory:
    return _PersonWithHistory(person, person_detail(person))


@people_router.get(
    "{int:person_id}",
    response={200: s.PersonDetailOut, **ERRORS},
    summary=gettext_lazy("干部详情"),
    description=gettext_lazy(
        "含任职经历、年度考核结果、挂职、培训、处分与审查、简历。不存在或无权访问时返回 404。"
    ),
)
def person_get(request: HttpRequest, person_id: int):
    user = api_user(request, Cap.ORG_VIEW)
    return _detail(access_person(user, person_id, Cap.ORG_VIEW))


_PERSON_BLANK_TEXT = (
    "ethnicity",
    "native_place",
    "id_number",
    "education",
    "degree",
    "education_parttime",
    "degree_parttime",
    "current_post",
    "health",
    "phone",
    "notes",
)


@people_router.post(
    "",
    response={201: s.PersonDetailOut, **ERRORS},
    summary=gettext_lazy("新增干部"),
    description=gettext_lazy(
        "需要“维护干部信息”权限；所在单位须在您的管辖范围内，否则返回 422（字段 unit）。"
    ),
)
def person_create(request: HttpRequest, payload: s.PersonIn):
    user = api_user(request, Cap.ORG_EDIT)
    fields = payload.dict()
    fields["unit"] = _unit_ref(user, fields["unit"], Cap.ORG_EDIT, "unit")
    fields["rank"] = _rank_ref(fields["rank"])
    person = services.person_create(actor=user, **fields)
    return Status(201, _detail(access_person(user, person.pk, Cap.ORG_VIEW)))


@people_router.patch(
    "{int:person_id}",
    response={200: s.PersonDetailOut, **ERRORS},
    summary=gettext_lazy("修改干部信息"),
    description=gettext_lazy(
        "只修改请求中给出的字段（null 清除可选字段）。调往其他单位时，目标单位也须在您的管辖范围内。"
    ),
)
def person_update(request: HttpRequest, person_id: int, payload: s.PersonPatch):
    user = api_user(request, Cap.ORG_EDIT)
    person = access_person(user, person_id, Cap.ORG_EDIT)
    fields = _blank_strings(payload.dict(exclude_unset=True), _PERSON_BLANK_TEXT)
    is_active = fields.pop("is_active", None)
    if "unit" in fields:
        if fields["unit"] is None:
            raise ValidationFailed({"unit": [_("所在单位不能为空。")]})
        fields["unit"] = _unit_ref(user, fields["unit"], Cap.ORG_EDIT, "unit")
    if "rank" in fields:
        fields["rank"] = _rank_ref(fields["rank"])
    with transaction.atomic():
        if fields:
            person = services.person_update(actor=user, person=person, **fields)
        if is_active is not None:
            person = services.person_set_active(actor=user, person=person, is_active=is_active)
    return _detail(access_person(user, person.pk, Cap.ORG_VIEW))


@people_router.post(
    "import",
    response={200: s.ImportOut, 403: s.MessageOut, 422: s.ImportErrorOut},
    summary=gettext_lazy("导入干部名册"),
    description=gettext_lazy(
        "上传 .xlsx 干部名册（multipart/form-data，字段 file）。全部行通过校验才保存；"
        "有任何问题时返回 422 和全部问题（行号、列名、说明），不保存任何数据。"
    ),
)
def person_import(request: HttpRequest, file: File[UploadedFile]):
    from kaoping.org.importing import import_people

    user = api_user(request, Cap.ORG_IMPORT)
    if not (file.name or "").lower().endswith(".xlsx"):
        return Status(
            422,
            {"detail": [{"row": None, "field": "file", "message": _("请上传 .xlsx 格式的 Excel 文件。")}]},
        )
    result = import_people(actor=user, file=file, scope=scope_for(user, Cap.ORG_IMPORT))
    if not result.is_saved:
        problems = [
            {"row": p.row or None, "field": p.column or None, "message": str(p.message)}
            for p in result.errors
        ]
        return Status(
            422,
            {
                "detail": problems
                or [{"row": None, "field": None, "message": _("导入失败，未保存任何数据。")}]
            },
        )
    return Status(200, {"created": result.created, "updated": result.updated, "unchanged": result.unchanged})
