from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from kaoping.accounts.roles import Role
from kaoping.accounts.scoping import capabilities, roles_of


def navigation(request):
    """The menu sections the current user may use, and their role names."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from kaoping.navigation import MENU

    caps = capabilities(user)
    sections: dict[str, list[dict]] = {}
    for item in MENU:
        if item.cap not in caps:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        sections.setdefault(str(item.section), []).append(
            {"label": item.label, "url": url, "active": request.path.startswith(url) and url != "/"}
        )
    role_labels = [Role(r).label for r in sorted(roles_of(user)) if r in Role.values]
    return {"nav_sections": sections, "nav_roles": role_labels}
