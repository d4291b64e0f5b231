"""The REST API (django-ninja), served under /api/ with OpenAPI docs at /api/docs (bundled Swagger files).

Authentication (every operation):
- ``Authorization: Bearer kp_…`` — a per-user API token (accounts.ApiToken; only its SHA-256 is stored).
  A present but unknown, revoked or no-longer-permitted token is refused with 401 at once (no fallback to
  the session). The header value is never logged.
- the Django session cookie (browser use of /api/docs), with Django's CSRF check on unsafe methods.

Answers: 401 not authenticated; 403 the user lacks the capability for the endpoint altogether
(e.g. a leader writing); 404 the object is missing *or* outside the user's units (indistinguishable);
422 invalid input, always ``{"detail": [{"field": …, "message": "<中文>"}, …]}``.

/api/docs and /api/openapi.json need a logged-in session (Django's LoginRequiredMiddleware); the
operations themselves are exempt from it and answer 401 in JSON instead of redirecting.
"""

from __future__ import annotations

import functools
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer
from ninja.security import SessionAuth
from ninja.security.http import HttpBearer

from kaoping.common.errors import DomainError, NotFound, PermissionDenied, ValidationFailed


class BearerTokenAuth(HttpBearer):
    """``Authorization: Bearer <token>`` against accounts.ApiToken."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization")
        if not header:
            return None
        scheme, _sep, credentials = header.partition(" ")
        if scheme.lower() != "bearer":
            return None  # deliberately silent: the value may be a secret
        return self.authenticate(request, credentials.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from kaoping.accounts.services import api_token_authenticate

        user = api_token_authenticate(plaintext=token)
        if user is None:
            raise AuthenticationError()
        request.user = user
        return user


class ReadableJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Chinese text as is (not \\u escapes), so curl output is readable."""

    json_dumps_params = {"ensure_ascii": False}


class KaopingAPI(NinjaAPI):
    def _get_urls(self) -> list:
        urls = super()._get_urls()
        for pattern in urls:
            callback = getattr(pattern, "callback", None)
            # Operation views authenticate themselves (401 JSON). The docs, the schema and the root are
            # functools.partial views: they stay behind the login page like every other page.
            if callback is not None and not isinstance(callback, functools.partial):
                callback.login_required = False
        return urls


api = KaopingAPI(
    title=gettext_lazy("考评 API"),
    version="1",
    description=gettext_lazy(
        "考评平台接口。认证：在请求头中携带 Authorization: Bearer <接口令牌>（在“系统 → 接口令牌”中创建），"
        "或在浏览器中登录后直接使用本页面。错误：401 未认证；403 无此功能权限；404 记录不存在或不在您的管辖范围内；"
        "422 输入有误（detail 为 [{field, message}] 列表）。日期均为 ISO 8601 格式（YYYY-MM-DD）。"
    ),
    urls_namespace="api",
    auth=[BearerTokenAuth(), SessionAuth(csrf=True)],
    renderer=ReadableJSONRenderer(),
)


# ------------------------------------------------------------------------------------- error handling

_PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("此字段为必填项。"),
    "date_parsing": gettext_lazy("日期格式不正确，应为 YYYY-MM-DD 格式的有效日期。"),
    "date_from_datetime_parsing": gettext_lazy("日期格式不正确，应为 YYYY-MM-DD 格式的有效日期。"),
    "date_from_datetime_inexact": gettext_lazy("日期格式不正确，应为 YYYY-MM-DD 格式的有效日期。"),
    "date_type": gettext_lazy("日期格式不正确，应为 YYYY-MM-DD 格式的有效日期。"),
    "datetime_parsing": gettext_lazy("时间格式不正确，应为 ISO 8601 格式。"),
    "datetime_from_date_parsing": gettext_lazy("时间格式不正确，应为 ISO 8601 格式。"),
    "datetime_type": gettext_lazy("时间格式不正确，应为 ISO 8601 格式。"),
    "int_parsing": gettext_lazy("请输入整数。"),
    "int_type": gettext_lazy("请输入整数。"),
    "int_from_float": gettext_lazy("请输入整数。"),
    "float_parsing": gettext_lazy("请输入数字。"),
    "float_type": gettext_lazy("请输入数字。"),
    "decimal_parsing": gettext_lazy("请输入数字。"),
    "decimal_type": gettext_lazy("请输入数字。"),
    "bool_parsing": gettext_lazy("请输入 true 或 false。"),
    "bool_type": gettext_lazy("请输入 true 或 false。"),
    "string_type": gettext_lazy("请输入文本。"),
    "string_too_long": gettext_lazy("长度不能超过 {max_length} 个字符。"),
    "string_too_short": gettext_lazy("长度不能少于 {min_length} 个字符。"),
    "greater_than_equal": gettext_lazy("不能小于 {ge}。"),
    "greater_than": gettext_lazy("必须大于 {gt}。"),
    "less_than_equal": gettext_lazy("不能大于 {le}。"),
    "less_than": gettext_lazy("必须小于 {lt}。"),
    "enum": gettext_lazy("取值无效，可选值：{expected}。"),
    "literal_error": gettext_lazy("取值无效，可选值：{expected}。"),
    "json_invalid": gettext_lazy("请求内容不是有效的 JSON。"),
    "model_type": gettext_lazy("格式不正确，应为 JSON 对象。"),
    "model_attributes_type": gettext_lazy("格式不正确，应为 JSON 对象。"),
    "dict_type": gettext_lazy("格式不正确，应为 JSON 对象。"),
    "list_type": gettext_lazy("格式不正确，应为数组。"),
    "extra_forbidden": gettext_lazy("不支持该字段。"),
}
_SOURCES = {"body", "query", "path", "form", "file", "header", "cookie"}
# Names of operation parameters that wrap a whole schema; they are not part of the field path.
_WRAPPERS = {"payload", "filters", "data"}


def _field_of(loc: list | tuple) -> str | None:
    parts = list(loc)
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in _WRAPPERS:
        parts = parts[1:]
    if parts and parts[0] in _WRAPPERS and len(parts) == 1:
        return None  # the whole body is at fault (e.g. invalid JSON)
    return ".".join(str(p) for p in parts) or None


def _schema_message(error: dict) -> str:
    template = _PYDANTIC_MESSAGES.get(error.get("type", ""))
    if template is None:
        return _("输入有误。")
    ctx = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, (str, int, float))}
    if isinstance(ctx.get("expected"), str):
        ctx["expected"] = ctx["expected"].replace(" or ", ", ").replace(", ", "、")
    try:
        return str(template).format(**ctx)
    except (KeyError, IndexError):
        return str(template).split("{")[0].rstrip("，：") + "。"


def _detail_response(request: HttpRequest, items: list[dict], status: int = 422) -> HttpResponse:
    return api.create_response(request, {"detail": items}, status=status)


def schema_errors(errors: list[dict]) -> list[dict[str, Any]]:
    """Ninja/pydantic errors as ``[{"field", "message", "code"}]`` with Chinese messages (code = pydantic type)."""
    return [
        {
            "field": _field_of(e.get("loc", ())),
            "message": _schema_message(e),
            "code": e.get("type") or "invalid",
        }
        for e in errors
    ]


def _on_schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return _detail_response(request, schema_errors(exc.errors))


def _on_validation_failed(request: HttpRequest, exc: ValidationFailed) -> HttpResponse:
    items = [
        {"field": None if field == "__all__" else field, "message": str(message), "code": "invalid"}
        for field, messages in exc.errors.items()
        for message in messages
    ]
    return _detail_response(request, items or [{"field": None, "message": exc.message, "code": "invalid"}])


def _on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _detail_response(request, [{"field": exc.field, "message": str(exc.message), "code": exc.code}])


def _on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    message = exc.message if isinstance(exc, NotFound) else _("未找到该记录，或您无权访问。")
    return api.create_response(request, {"detail": str(message)}, status=404)


def _on_permission_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
    message = exc.message if isinstance(exc, PermissionDenied) else _("您没有执行此操作的权限。")
    return api.create_response(request, {"detail": str(message)}, status=403)


def _on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": _("未登录，或接口令牌无效、已撤销。")}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    messages = {
        400: _("请求内容无法解析，请检查 JSON 格式。"),
        401: _("未登录，或接口令牌无效、已撤销。"),
        403: _("您没有执行此操作的权限，或 CSRF 校验失败。"),
        404: _("未找到该记录，或您无权访问。"),
        405: _("不支持该请求方法。"),
        429: _("请求过于频繁，请稍后再试。"),
    }
    return api.create_response(
        request, {"detail": messages.get(exc.status_code, str(exc))}, status=exc.status_code
    )


api.add_exception_handler(NinjaValidationError, _on_schema_error)
api.add_exception_handler(ValidationFailed, _on_validation_failed)
api.add_exception_handler(NotFound, _on_not_found)
api.add_exception_handler(Http404, _on_not_found)
api.add_exception_handler(PermissionDenied, _on_permission_denied)
api.add_exception_handler(AuthorizationError, _on_permission_denied)
api.add_exception_handler(DomainError, _on_domain_error)
api.add_exception_handler(AuthenticationError, _on_authentication_error)
api.add_exception_handler(HttpError, _on_http_error)


# ------------------------------------------------------------------------------------------- routers

# ruff: noqa: E402  (routers need ``api`` configured)
from kaoping.annual.api import router as annual_router
from kaoping.assessment.api import router as assessment_router
from kaoping.attendance.api import router as attendance_router
from kaoping.ballots.api import router as ballots_router
from kaoping.marking.api import router as marking_router
from kaoping.org.api import people_router, units_router
from kaoping.selection.api import router as selection_router

api.add_router("/units/", units_router)
api.add_router("/people/", people_router)
api.add_router("/selection/", selection_router)
api.add_router("/ballots/", ballots_router)
api.add_router("/marking/", marking_router)
api.add_router("/assessment/", assessment_router)
api.add_router("/attendance/", attendance_router)
api.add_router("/annual/", annual_router)
