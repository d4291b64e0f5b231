"""Seed 003: 彭泽县总工会机关工作目标管理考核办法 (R003-01 … R003-07).

Items that carry several point values in one line are split into sub-items ("8.1", "8.2"), so
"在市总以上媒体上稿1篇以上(3分),在县工会网上稿1篇以上(2分)" is 3 + 2 and
"年初有工作计划(2分),年底有工作总结(2分),做好文件、资料存查归档工作。(4分)" is 2 + 2 + 4; with that
reading every department's items add up to 100.
"""

from __future__ import annotations

from . import Preset

_MEDIA = [("在市总以上媒体上稿1篇以上", "3"), ("在县工会网上稿1篇以上", "2")]
_PLAN = [("年初有工作计划", "2"), ("年底有工作总结", "2"), ("做好文件、资料存查归档工作", "4")]
_OTHER = "完成领导交办的其他各项任务。"


def _dept(name: str, items: list, media_no: int | None, plan_no: int | None) -> dict:
    """A department: numbered items, then the shared media (x.1, x.2) and plan (y.1–y.3) items."""
    rows = [{"no": str(i), "text": text, "points": points} for i, (text, points) in enumerate(items, start=1)]
    if media_no is not None:
        rows += [
            {"no": f"{media_no}.{j}", "text": t, "points": p} for j, (t, p) in enumerate(_MEDIA, start=1)
        ]
    if plan_no is not None:
        rows += [{"no": f"{plan_no}.{j}", "text": t, "points": p} for j, (t, p) in enumerate(_PLAN, start=1)]
    return {"name": name, "items": rows}


TARGETS_2018: dict = {
    "title": "彭泽县总工会机关工作目标管理考核办法",
    "departments": [
        _dept(
            "办公室",
            [
                ("做好上情下达、下情上报、各部门之间的协调工作。", "30"),
                ("完成市总下达的报刊征订工作任务", "20"),
                ("做好由县总主持召开的会议会务工作。", "15"),
                ("及时做好上级、部门来文、来电等公务性文件呈阅、办理、督查和归档工作。", "10"),
                ("做好综合性文件、材料等审核、打印、发送，并做好原件的存查、归档工作。", "10"),
                ("做好接待工作。", "5"),
                (_OTHER, "5"),
            ],
            media_no=8,
            plan_no=None,
        ),
        _dept(
            "财务部",
            [
                ("县本级地税代征工会经费(工会筹备金)保持平稳增长。", "25"),
                ("做好财政划拨工会经费工作,做到足额划拨。", "20"),
                ("全面完成或超额完成市总工会下达的工会经费上缴任务。", "10"),
                ("足额收取县总所属门店租金。", "5"),
                ("做好总工会预算及财务基础工作的规范化管理,及时、正确报送年度预、决算及有关数据。", "16"),
                ("与县经审会联合进行年度财务收支检查,督促收好、管好、用好工会经费。", "6"),
                (_OTHER, "5"),
            ],
            media_no=8,
            plan_no=9,
        ),
        _dept(
            "组宣部",
            [
                ("继续开展“广普查、深组建、全覆盖”活动,做好工会组建数据库资料录入与更新管理工作。", "18"),
                ("按照“六有四归档二上墙”的要求,完善基层工会组织。", "20"),
                ("继续抓好工会宣传工作。全年在市级以上(含)媒体上稿24篇以上。", "25"),
                ("继续开展“学习型组织与知识型职工”活动工作。", "8"),
                ("继续认真实施“职工书屋”建设,在全县37家职工书屋的基础上,再增加5家。", "8"),
                ("完成上级对工会干部培训任务,完成市总下达的培训下岗失业人员、农民工工作目标任务。", "8"),
                (_OTHER, "5"),
            ],
            media_no=None,
            plan_no=8,
        ),
        _dept(
            "女工部",
            [
                ("全面完成市工会下达的保费目标任务。做好各项理赔服务工作,积极做好对互保工作的宣传。", "30"),
                ("在全县进一步推进女职工素质提升和女职工建功立业活动。", "12"),
                ("加强源头维护,全面推进女职工专项集体合同。", "15"),
                ("积极开展女职工“关爱行动”,做好对特困女职工、农民工的帮扶工作。", "10"),
                ("加强非公企业工会女职工组织建设,组建工作做到三同步。", "15"),
                (_OTHER, "5"),
            ],
            media_no=7,
            plan_no=8,
        ),
        _dept(
            "保障部",
            [
                ("在全县工会系统开展“心系职工情,温暖进万家”为主题的送温暖活动。", "15"),
                ("开展“决战工业400亿,建功当好主力军”创先争优劳动竞赛,继续开展“工人先锋号”创建活动。", "15"),
                ("组织完成全国、全省“五一劳动奖章(状)”的推荐、评选工作。", "15"),
                ("继续组织企事业单位参加全国“安康杯”竞赛活动,进一步扩大竞赛覆盖面。", "15"),
                ("发挥好职代会作用。深化厂务公开,推动公司制企业建立职工董事、职工监事制度。", "10"),
                ("推进工资集体协商,法律信访维稳工作。", "12"),
                (_OTHER, "5"),
            ],
            media_no=8,
            plan_no=9,
        ),
        _dept(
            "职工服务中心",
            [
                ("认真做好困难帮扶中心向职工服务中心转型工作,坚持一户一档的原则进行“依档帮扶”。", "25"),
                ("结合送温暖工作,开展“千名工会干部下基层,帮扶济困促和谐”活动。", "10"),
                ("继续做好日常帮扶工作。认真组织开展金秋助学、困难职工大病救助、生活救助等工作。", "17"),
                ("资金管理。严格执行上级财务规定和财务报告制度,实行专户管理。", "15"),
                ("做好工会网站管理工作。", "15"),
                (_OTHER, "5"),
            ],
            media_no=7,
            plan_no=8,
        ),
    ],
    "bonus_cap": "20",
    "bonus_items": [
        {"code": "1a", "text": "工作经验做法在省总会议上交流推广", "points": "4"},
        {"code": "1b", "text": "工作经验做法在全市有关会议上交流推广", "points": "2"},
        {"code": "2a", "text": "部门工作获得省总表彰奖励", "points": "4"},
        {"code": "2b", "text": "部门工作获得市总表彰奖励", "points": "2"},
        {"code": "3a", "text": "部门成员获得省总表彰奖励", "points": "3"},
        {"code": "3b", "text": "部门成员获得市总表彰奖励", "points": "2"},
        {
            "code": "4a",
            "text": "在《江西日报》《工人日报》《中国工运》《工会工作通讯》等综合性报刊发表",
            "points": "4",
        },
        {"code": "4b", "text": "在《九江日报》《江西工人报》头版头条发表", "points": "2"},
        {"code": "4c", "text": "在《九江日报》《江西工人报》其他版面发表", "points": "1"},
        {"code": "5", "text": "为完成招商引资任务直接作出突出贡献", "points": "6"},
        {"code": "6", "text": "其他有较大创新、有较大积极影响的工作（视情加分）", "points": None},
    ],
    "attendance": {
        "morning_in_by": "09:15",
        "afternoon_in_by": "15:00",
        "morning_out_after": "11:00",
        "afternoon_out_after": "17:00",
        "approvers": [
            {"max_days": "0.5", "approver": "分管领导"},
            {"max_days": "1", "approver": "常务副主席"},
            {"max_days": None, "approver": "主席"},
        ],
        "allowance": "2000",
        "deduction_per_half_day": "20",
        "deduction_per_day": "40",
        "forfeit_days": "15",
    },
    "target_bonus": {
        "full_amount": "4000",
        "full_score": "100",
        "band_size": "5",
        "per_band": "200",
        "band_rounding": "floor",
    },
    "leader_weights": {"all_share": "0.30", "supervised_share": "0.70"},
}

PRESETS = (
    Preset(
        key="targets.seed003",
        kind="targets",
        title="机关工作目标管理考核（部门目标、加分、考勤、奖金）",
        source="seed 003 彭泽县总工会机关工作目标管理考核办法（2018年3月16日）",
        data=TARGETS_2018,
    ),
)
