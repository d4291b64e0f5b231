"""The rank catalogue preset (seed 000 ranks, 事业单位 grades of seed 004 / RP-10). Users edit the catalogue
afterwards; loading is idempotent (existing codes are left as the user edited them)."""

from __future__ import annotations

from kaoping.org.choices import RankCategory as C
from kaoping.org.choices import RankLevel as L

# (code, name, level, category, grade, order)
RANK_PRESETS: tuple[tuple[str, str, str, str, int | None, int], ...] = (
    ("zheng_ju", "正局级", L.BUREAU, C.LEADERSHIP, None, 10),
    ("xunshiyuan", "巡视员", L.BUREAU, C.NON_LEADERSHIP, None, 15),
    ("fu_ju", "副局级", L.VICE_BUREAU, C.LEADERSHIP, None, 20),
    ("fu_xunshiyuan", "副巡视员", L.VICE_BUREAU, C.NON_LEADERSHIP, None, 25),
    ("chuzhang", "处长", L.DIVISION, C.LEADERSHIP, None, 30),
    ("diaoyanyuan", "调研员", L.DIVISION, C.NON_LEADERSHIP, None, 35),
    ("fu_chuzhang", "副处长", L.VICE_DIVISION, C.LEADERSHIP, None, 40),
    ("zhuli_diaoyanyuan", "助理调研员", L.VICE_DIVISION, C.NON_LEADERSHIP, None, 45),
    ("kezhang", "正科级", L.SECTION, C.LEADERSHIP, None, 50),
    ("zhuren_keyuan", "主任科员", L.SECTION, C.NON_LEADERSHIP, None, 55),
    ("fu_kezhang", "副科级", L.VICE_SECTION, C.LEADERSHIP, None, 60),
    ("fu_zhuren_keyuan", "副主任科员", L.VICE_SECTION, C.NON_LEADERSHIP, None, 65),
    ("keyuan", "科员", L.STAFF, C.NON_LEADERSHIP, None, 70),
    ("banshiyuan", "办事员", L.CLERK, C.NON_LEADERSHIP, None, 75),
    *((f"zhiyuan_{g}", f"管理岗位职员{g}级", L.GRADED, C.MANAGEMENT, g, 100 + g) for g in range(1, 11)),
    *((f"zhuanji_{g}", f"专业技术岗位{g}级", L.GRADED, C.PROFESSIONAL, g, 200 + g) for g in range(1, 14)),
    *((f"gongqin_{g}", f"工勤技能岗位技术工{g}级", L.GRADED, C.SKILLED, g, 300 + g) for g in range(1, 6)),
    ("gongqin_general", "工勤技能岗位普通工", L.GRADED, C.SKILLED, None, 399),
)


def load_rank_presets() -> int:
    """Create the preset ranks that do not exist yet; returns how many were created."""
    from kaoping.org.models import Rank

    existing = set(Rank.objects.values_list("code", flat=True))
    new = [
        Rank(code=code, name=name, level=level, category=category, grade=grade, order=order)
        for code, name, level, category, grade, order in RANK_PRESETS
        if code not in existing
    ]
    Rank.objects.bulk_create(new)
    return len(new)
