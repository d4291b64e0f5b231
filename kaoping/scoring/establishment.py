"""Position establishment plans (岗位设置) and their checker, R004-01, R004-02, RP-10.

Grades (RP-10): 管理 职员 1–10, 专业技术 1–13 (senior 1–7 = 正高 1–4 + 副高 5–7, middle 8–10,
junior 11–13), 工勤技能 1–5 plus 普通工 written as grade 6. A smaller number is a higher grade.
:func:`check_plan` returns every violation with the numbers in a Chinese message; the seed's own
table passes. Structure ratios compare counts exactly (``mode="exact"``: counts proportional to the
ratio) or as ceilings (``mode="max"``: every band but the lowest within its share of the total).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ._validate import count, dec, num, required, share
from .decimals import HUNDRED, ZERO
from .errors import SchemeError

MAX_GRADE = {"管理": 10, "专业技术": 13, "工勤技能": 6}
CATEGORY_NAMES = {"管理": "管理岗位", "专业技术": "专业技术岗位", "工勤技能": "工勤技能岗位"}


@dataclass(frozen=True)
class Violation:
    """One broken rule of a plan: rule id, a stable ``code`` and a Chinese message with the numbers."""

    rule: str
    code: str
    message: str


@dataclass(frozen=True)
class Band:
    """A band of grades, e.g. 高级 = grades 1–7."""

    name: str
    grades: tuple[int, ...]


@dataclass(frozen=True)
class StructureRatio:
    """A structure ratio over bands of one category, e.g. 专业技术 高级:中级:初级 = 5:4:4."""

    category: str
    bands: tuple[Band, ...]
    ratio: tuple[Decimal, ...]
    mode: str = "exact"


@dataclass(frozen=True)
class GradeShareLimit:
    """At most ``max_share`` of a category's posts in ``grades`` (e.g. 工勤 grades 1–3 ≤ 25 %)."""

    category: str
    grades: tuple[int, ...]
    max_share: Decimal
    label: str = ""


@dataclass(frozen=True)
class StructureTemplate:
    """Structure rules a province or the nation sets (RP-10 presets); a plan carries one."""

    structure_ratios: tuple[StructureRatio, ...] = ()
    grade_share_limits: tuple[GradeShareLimit, ...] = ()
    main_category: str | None = None
    main_min_share: Decimal | None = None

    @classmethod
    def from_dict(cls, data: dict | None) -> StructureTemplate:
        """Validate ``{"structure_ratios": [...], "grade_share_limits": [...], "main_category",
        "main_min_share"}``."""
        data = data or {}
        ratios = []
        for i, r in enumerate(data.get("structure_ratios", [])):
            f = f"structure_ratios[{i}]"
            category = _category(required(r, "category", f), f"{f}.category")
            bands = tuple(
                Band(required(b, "name", f"{f}.bands[{j}]"), _grades(b, category, f"{f}.bands[{j}]"))
                for j, b in enumerate(required(r, "bands", f))
            )
            ratio = tuple(
                dec(x, f"{f}.ratio[{j}]", allow_zero=False) for j, x in enumerate(required(r, "ratio", f))
            )
            if len(ratio) != len(bands) or len(bands) < 2:
                raise SchemeError(f"{f}.ratio", "结构比例的项数必须与档次数相同且至少两档")
            mode = r.get("mode", "exact")
            if mode not in ("exact", "max"):
                raise SchemeError(f"{f}.mode", "结构比例校验方式只能是 exact 或 max")
            ratios.append(StructureRatio(category, bands, ratio, mode))
        limits = []
        for i, lim in enumerate(data.get("grade_share_limits", [])):
            f = f"grade_share_limits[{i}]"
            category = _category(required(lim, "category", f), f"{f}.category")
            limits.append(
                GradeShareLimit(
                    category,
                    _grades(lim, category, f),
                    share(required(lim, "max_share", f), f"{f}.max_share"),
                    lim.get("label", ""),
                )
            )
        main = data.get("main_category")
        min_share = data.get("main_min_share")
        return cls(
            structure_ratios=tuple(ratios),
            grade_share_limits=tuple(limits),
            main_category=_category(main, "main_category") if main else None,
            main_min_share=share(min_share, "main_min_share") if min_share is not None else None,
        )


@dataclass(frozen=True)
class CategoryQuota:
    """A category's approved quota, its highest grade and the share declared in the plan (percent)."""

    category: str
    quota: int
    highest_grade: int | None = None
    declared_percent: Decimal | None = None


@dataclass(frozen=True)
class PostLine:
    """A row of the distribution table (岗位设置分布表)."""

    department: str
    name: str
    category: str
    grade: int
    count: int
    is_leadership: bool = False

    @property
    def key(self) -> str:
        return f"{self.department}/{self.name}/{self.category}{self.grade}级"


@dataclass(frozen=True)
class EstablishmentPlan:
    """R004-01: an establishment plan and its distribution table."""

    unit: str
    approved_staffing: int
    approved_posts: int
    staff_now: int
    categories: tuple[CategoryQuota, ...]
    lines: tuple[PostLine, ...] = ()
    leadership_posts: int | None = None
    template: StructureTemplate = StructureTemplate()

    @classmethod
    def from_dict(cls, data: dict) -> EstablishmentPlan:
        """Validate ``data`` (see ``presets/establishment.py``); :class:`SchemeError` names the field."""
        categories = []
        for i, c in enumerate(required(data, "categories", "")):
            f = f"categories[{i}]"
            category = _category(required(c, "category", f), f"{f}.category")
            highest = c.get("highest_grade")
            if highest is not None:
                highest = _grade(highest, category, f"{f}.highest_grade")
            declared = c.get("declared_percent")
            categories.append(
                CategoryQuota(
                    category,
                    count(required(c, "quota", f), f"{f}.quota"),
                    highest,
                    None if declared is None else dec(declared, f"{f}.declared_percent"),
                )
            )
        if len({c.category for c in categories}) != len(categories):
            raise SchemeError("categories", "岗位类别不能重复")
        lines = []
        for i, ln in enumerate(data.get("lines", [])):
            f = f"lines[{i}]"
            category = _category(required(ln, "category", f), f"{f}.category")
            lines.append(
                PostLine(
                    department=required(ln, "department", f),
                    name=required(ln, "name", f),
                    category=category,
                    grade=_grade(required(ln, "grade", f), category, f"{f}.grade"),
                    count=count(required(ln, "count", f), f"{f}.count", allow_zero=False),
                    is_leadership=bool(ln.get("is_leadership", False)),
                )
            )
        leaders = data.get("leadership_posts")
        return cls(
            unit=required(data, "unit", ""),
            approved_staffing=count(
                required(data, "approved_staffing", ""), "approved_staffing", allow_zero=False
            ),
            approved_posts=count(required(data, "approved_posts", ""), "approved_posts", allow_zero=False),
            staff_now=count(data.get("staff_now", 0), "staff_now"),
            categories=tuple(categories),
            lines=tuple(lines),
            leadership_posts=None if leaders is None else count(leaders, "leadership_posts"),
            template=StructureTemplate.from_dict(data.get("template")),
        )

    def category_count(self, category: str, grades: tuple[int, ...] | None = None) -> int:
        """Posts of ``category`` (optionally only in ``grades``) in the distribution table."""
        return sum(
            ln.count
            for ln in self.lines
            if ln.category == category and (grades is None or ln.grade in grades)
        )


def _category(value: object, field: str) -> str:
    for code, name in CATEGORY_NAMES.items():
        if value in (code, name):
            return code
    raise SchemeError(field, f"未知的岗位类别：{value!r}（应为 管理、专业技术 或 工勤技能）")


def _grade(value: object, category: str, field: str) -> int:
    grade = count(value, field, allow_zero=False)
    if grade > MAX_GRADE[category]:
        raise SchemeError(
            field, f"{CATEGORY_NAMES[category]}等级必须在 1–{MAX_GRADE[category]} 之间，而不是 {grade}"
        )
    return grade


def _grades(data: dict, category: str, field: str) -> tuple[int, ...]:
    if "grades" in data:
        grades = tuple(_grade(g, category, f"{field}.grades") for g in data["grades"])
    else:
        low, high = (
            _grade(required(data, "from", field), category, f"{field}.from"),
            _grade(required(data, "to", field), category, f"{field}.to"),
        )
        grades = tuple(range(low, high + 1))
    if not grades:
        raise SchemeError(f"{field}.grades", "等级范围不能为空")
    return grades


def _ratio_text(values: tuple) -> str:
    return ":".join(num(Decimal(v)) for v in values)


def check_plan(plan: EstablishmentPlan) -> tuple[Violation, ...]:
    """R004-02 / RP-10: every violation of the plan, in a stable order."""
    out: list[Violation] = []
    total = sum(ln.count for ln in plan.lines)
    if plan.approved_posts > plan.approved_staffing:
        out.append(
            Violation(
                "R004-01",
                "posts_over_staffing",
                f"核准岗位总量 {plan.approved_posts} 超过编制数 {plan.approved_staffing}",
            )
        )
    if plan.staff_now > plan.approved_posts:
        out.append(
            Violation(
                "R004-01",
                "staff_over_posts",
                f"现有人员 {plan.staff_now} 人，超过核准岗位总量 {plan.approved_posts}",
            )
        )
    if total != plan.approved_posts:
        out.append(
            Violation(
                "R004-02", "total", f"分布表岗位数量合计 {total}，与核准岗位总量 {plan.approved_posts} 不一致"
            )
        )
    quotas = {c.category: c for c in plan.categories}
    if sum(c.quota for c in plan.categories) != plan.approved_posts:
        listed = " + ".join(f"{CATEGORY_NAMES[c.category]} {c.quota}" for c in plan.categories)
        out.append(
            Violation(
                "R004-01",
                "quota_sum",
                f"各类岗位核准数 {listed} 之和不等于核准岗位总量 {plan.approved_posts}",
            )
        )
    for c in plan.categories:
        name = CATEGORY_NAMES[c.category]
        n = plan.category_count(c.category)
        if n != c.quota:
            out.append(Violation("R004-02", "category", f"{name}合计 {n} 个，与核准数 {c.quota} 不一致"))
        if c.declared_percent is not None and plan.approved_posts:
            actual = (Decimal(c.quota) * HUNDRED / plan.approved_posts).quantize(Decimal(1), ROUND_HALF_UP)
            if actual != c.declared_percent:
                out.append(
                    Violation(
                        "R004-01",
                        "declared_share",
                        f"{name} {c.quota} 个占岗位总量 {actual}%，与方案所写 {num(c.declared_percent)}% 不符",
                    )
                )
    for ln in plan.lines:
        quota = quotas.get(ln.category)
        if quota is None:
            out.append(
                Violation(
                    "R004-02",
                    "category_missing",
                    f"“{ln.name}”属于{CATEGORY_NAMES[ln.category]}，方案未核准该类岗位",
                )
            )
        elif quota.highest_grade is not None and ln.grade < quota.highest_grade:
            msg = (
                f"“{ln.name}”为{CATEGORY_NAMES[ln.category]}{ln.grade}级，高于最高等级{quota.highest_grade}级"
            )
            out.append(Violation("R004-02", "grade_too_high", msg))
    if plan.leadership_posts is not None:
        leaders = sum(ln.count for ln in plan.lines if ln.is_leadership)
        if leaders != plan.leadership_posts:
            out.append(
                Violation(
                    "R004-01",
                    "leadership",
                    f"单位领导岗位 {leaders} 个，与核准的 {plan.leadership_posts} 个不一致",
                )
            )
    out.extend(_template_violations(plan))
    return tuple(out)


def _template_violations(plan: EstablishmentPlan) -> list[Violation]:
    out: list[Violation] = []
    tpl = plan.template
    for sr in tpl.structure_ratios:
        counts = tuple(plan.category_count(sr.category, b.grades) for b in sr.bands)
        n = sum(counts)
        if n == 0:
            continue
        weight = sum(sr.ratio, ZERO)
        names = ":".join(b.name for b in sr.bands)
        head = f"{CATEGORY_NAMES[sr.category]}{names} = {_ratio_text(counts)}"
        if sr.mode == "exact":
            if any(c * weight != n * r for c, r in zip(counts, sr.ratio, strict=True)):
                out.append(
                    Violation("R004-02", "ratio", f"{head}，与核准结构比例 {_ratio_text(sr.ratio)} 不符")
                )
        else:
            for band, c, r in zip(sr.bands[:-1], counts, sr.ratio, strict=False):
                if c * weight > n * r:
                    limit = num(n * r / weight) if (n * r) % weight == 0 else f"{n * r / weight:.2f}"
                    out.append(
                        Violation(
                            "RP-10",
                            "ratio_max",
                            f"{head}，{band.name} {c} 个超过比例 {_ratio_text(sr.ratio)} 允许的 {limit} 个",
                        )
                    )
    for lim in tpl.grade_share_limits:
        n = plan.category_count(lim.category)
        part = plan.category_count(lim.category, lim.grades)
        if n and Decimal(part) > lim.max_share * n:
            label = lim.label or f"{lim.grades[0]}–{lim.grades[-1]}级"
            pct = num(lim.max_share * HUNDRED)
            out.append(
                Violation(
                    "RP-10",
                    "grade_share",
                    f"{CATEGORY_NAMES[lim.category]}{label} {part} 个，占 {part}/{n}，超过 {pct}%",
                )
            )
    if tpl.main_category and tpl.main_min_share is not None:
        total = sum(ln.count for ln in plan.lines)
        main = plan.category_count(tpl.main_category)
        if total and Decimal(main) < tpl.main_min_share * total:
            pct = num(tpl.main_min_share * HUNDRED)
            out.append(
                Violation(
                    "RP-10",
                    "main_share",
                    f"主体岗位{CATEGORY_NAMES[tpl.main_category]} {main}/{total}，低于 {pct}%",
                )
            )
    return out
