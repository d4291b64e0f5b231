"""The demo people generator (see ``kaoping.org.demo``): fictional names, ranks and tenure. Their history
(ranks, results, secondments, trainings, sanctions, resume) is generated in ``demo_history``."""

from __future__ import annotations

import datetime as dt
import random

from kaoping.org import choices as c
from kaoping.org.demo_history import CUTOFF, DemoHistory
from kaoping.org.idcard import check_digit
from kaoping.org.models import (
    AnnualResult,
    Person,
    Rank,
    RankHistory,
    ResumeLine,
    Sanction,
    Secondment,
    Training,
    Unit,
)

AGENCY = c.UnitCategory.CIVIL_SERVICE_LIKE
AFFILIATED = c.UnitCategory.AFFILIATED

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔汤"
)
GIVEN = (
    "建国华明伟丽敏静强军杰涛斌磊洋勇艳娟霞平刚辉鹏宇晨颖琳红梅兰芳玉秀英志新海波峰立文博远航凯"
    "亮健春雪燕萍德宏彬晓睿哲思源嘉怡欣然悦琪雅婷蕾倩云帆天佑振东永庆国栋书恒卫宁晶瑞安泽"
)
REGIONS = (
    "110101",
    "110102",
    "110105",
    "110108",
    "120103",
    "130102",
    "140105",
    "210102",
    "320102",
    "330106",
    "370102",
    "410105",
    "420106",
    "430104",
    "510107",
    "610113",
)
SCHOOLS = (
    "中国人民大学",
    "北京师范大学",
    "南开大学",
    "武汉大学",
    "中国劳动关系学院",
    "山东大学",
    "吉林大学",
    "西北大学",
    "华东师范大学",
    "四川大学",
)


# ----------------------------------------------------------------------------------------------- people

# (rank code, post title template, person category override)
LEADERS_AGENCY = (
    ("zheng_ju", "{head}"),
    ("fu_ju", "{deputy}"),
    ("fu_ju", "{deputy}"),
    ("fu_xunshiyuan", "副巡视员"),
)
SECTION_STAFF = (
    ("chuzhang", "{section}处长"),
    ("diaoyanyuan", "调研员"),
    ("fu_chuzhang", "{section}副处长"),
    ("zhuli_diaoyanyuan", "助理调研员"),
    ("zhuren_keyuan", "主任科员"),
    ("keyuan", "科员"),
)
# birth-year range and years in current rank (min, max) by rank code
PROFILE = {
    "zheng_ju": ((1951, 1960), (1, 9)),
    "fu_ju": ((1951, 1966), (1, 8)),
    "fu_xunshiyuan": ((1952, 1962), (1, 6)),
    "chuzhang": ((1958, 1975), (0, 9)),
    "diaoyanyuan": ((1955, 1972), (0, 8)),
    "fu_chuzhang": ((1965, 1981), (0, 7)),
    "zhuli_diaoyanyuan": ((1962, 1980), (0, 6)),
    "zhuren_keyuan": ((1972, 1985), (0, 5)),
    "keyuan": ((1980, 1988), (0, 4)),
}


class DemoPeople(DemoHistory):
    """Generates the demo people (:meth:`create`); their history records come from :class:`DemoHistory`."""

    def __init__(self, rng: random.Random, units: dict[str, Unit], departments: tuple):
        self.departments = departments
        self.rng = rng
        self.units = units
        self.ranks = {r.code: r for r in Rank.objects.all()}
        self.names: set[str] = set()
        self.people: list[Person] = []
        self.extra: list[tuple[Person, dict]] = []

    # -- small generators

    def name(self) -> str:
        while True:
            given = "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2, 2))))
            name = self.rng.choice(SURNAMES) + given
            if name not in self.names:
                self.names.add(name)
                return name

    def id_number(self, birth: dt.date, gender: str) -> str:
        serial = self.rng.randint(0, 99) * 10 + self.rng.choice(
            (1, 3, 5, 7, 9) if gender == "M" else (0, 2, 4, 6, 8)
        )
        first17 = f"{self.rng.choice(REGIONS)}{birth:%Y%m%d}{serial:03d}"
        return first17 + check_digit(first17)

    # -- people

    def add(self, unit: Unit, rank_code: str, post: str) -> None:
        rng = self.rng
        (born_from, born_to), (min_years, max_years) = PROFILE[rank_code]
        birth = self.date_in(dt.date(born_from, 1, 1), dt.date(born_to, 12, 31))
        gender = "M" if rng.random() < 0.62 else "F"
        work_start = dt.date(birth.year + rng.choice((21, 22, 22, 23, 24)), rng.choice((7, 8, 9)), 1)
        years = rng.uniform(min_years, max_years + 0.99)
        rank_start = CUTOFF - dt.timedelta(days=int(years * 365.25))
        rank_start = max(rank_start, work_start + dt.timedelta(days=365))
        affiliated = unit.category == AFFILIATED
        if affiliated:
            category = c.PersonCategory.INSTITUTION_MANAGEMENT
        else:
            category = c.PersonCategory.CIVIL_SERVICE_LIKE
        education = rng.choice(
            (c.Education.BACHELOR,) * 5
            + (c.Education.MASTERS,) * 3
            + (c.Education.COLLEGE,)
            + (c.Education.DOCTORATE,)
        )
        degree = {
            c.Education.DOCTORATE: c.Degree.DOCTOR,
            c.Education.MASTERS: c.Degree.MASTER,
            c.Education.BACHELOR: c.Degree.BACHELOR,
        }.get(education, c.Degree.NONE)
        person = Person(
            name=self.name(),
            gender=gender,
            birth_date=birth,
            ethnicity=rng.choice(("汉族",) * 12 + ("回族", "满族", "蒙古族", "壮族")),
            native_place=rng.choice(
                (
                    "北京",
                    "河北石家庄",
                    "山东济南",
                    "河南郑州",
                    "湖北武汉",
                    "江苏南京",
                    "四川成都",
                    "陕西西安",
                    "辽宁沈阳",
                    "湖南长沙",
                    "浙江杭州",
                    "山西太原",
                )
            ),
            id_number=self.id_number(birth, gender) if rng.random() < 0.9 else "",
            political_status=rng.choice(
                (c.PoliticalStatus.CPC,) * 9 + (c.PoliticalStatus.DEMOCRATIC_PARTY, c.PoliticalStatus.NONE)
            ),
            education=education,
            degree=degree,
            education_parttime=c.Education.MASTERS if rng.random() < 0.25 else "",
            degree_parttime="",
            work_start_date=work_start,
            unit=unit,
            current_post=post,
            rank=self.ranks[rank_code],
            rank_start_date=rank_start,
            post_start_date=rank_start if rng.random() < 0.8 else self.date_in(rank_start, CUTOFF),
            category=category,
            health=c.HealthStatus.HEALTHY if rng.random() < 0.93 else c.HealthStatus.FAIR,
            phone=f"010-6859{rng.randint(0, 9999):04d}",
        )
        self.people.append(person)
        self.extra.append((person, {"rank_code": rank_code, "school": rng.choice(SCHOOLS)}))

    def roster(self) -> None:
        rng = self.rng
        for code, name, category, sections in self.departments:
            top = self.units[code]
            is_union = name.startswith("中国") and name.endswith("全国委员会")
            if category == AFFILIATED:
                head, deputy = ("所长", "副所长") if name.endswith("研究所") else ("主任", "副主任")
                if name.endswith("文工团"):
                    head, deputy = "团长", "副团长"
            elif is_union:
                head, deputy = "主席", "副主席"
            elif name.endswith("办公厅") or name.endswith("办公室"):
                head, deputy = "主任", "副主任"
            else:
                head, deputy = "部长", "副部长"
            for rank_code, post in LEADERS_AGENCY:
                if rank_code == "fu_xunshiyuan" and (category == AFFILIATED or rng.random() < 0.4):
                    continue
                if post == "{deputy}" and rng.random() < 0.3:
                    continue
                self.add(top, rank_code, post.format(head=head, deputy=deputy))
            for i, section_name in enumerate(sections, start=1):
                section = self.units[f"{code}-{i:02d}"]
                label = section_name.removesuffix("处").removesuffix("部").removesuffix("室")
                for rank_code, post in SECTION_STAFF:
                    count = 1
                    if rank_code in ("diaoyanyuan", "zhuli_diaoyanyuan"):
                        count = rng.choice((0, 1, 1, 2))
                    elif rank_code in ("zhuren_keyuan", "keyuan"):
                        count = rng.choice((1, 1, 2))
                    title = post.format(section=label)
                    if section_name.endswith(("部", "室")) and rank_code == "chuzhang":
                        title = f"{section_name}主任"
                    elif section_name.endswith(("部", "室")) and rank_code == "fu_chuzhang":
                        title = f"{section_name}副主任"
                    for _ in range(count):
                        self.add(section, rank_code, title)

    def create(self) -> int:
        self.roster()
        # A few fixed edge cases for the seed-000 rules (cut-off 2011-09-30).
        office = self.units["BGT-01"]
        self.add(office, "diaoyanyuan", "调研员")
        self.people[-1].rank_start_date = dt.date(2008, 9, 30)
        self.people[-1].notes = "演示：正处级任职至2011-09-30恰满三年（R000-07 边界，符合）。"
        self.add(office, "diaoyanyuan", "调研员")
        self.people[-1].rank_start_date = dt.date(2008, 10, 1)
        self.people[-1].notes = "演示：正处级任职至2011-09-30差一天满三年（R000-07 边界，不符合）。"
        self.add(self.units["JKW"], "fu_ju", "副主席")
        self.people[-1].birth_date = dt.date(1953, 9, 30)
        self.people[-1].id_number = self.id_number(self.people[-1].birth_date, self.people[-1].gender)
        self.people[-1].notes = "演示：1953-09-30出生，早于1953-10-01（R000-08 边界，不符合）。"
        for person in self.people:
            if person.rank_start_date <= person.work_start_date:
                person.rank_start_date = person.work_start_date + dt.timedelta(days=365)
            if person.post_start_date < person.rank_start_date:
                person.post_start_date = person.rank_start_date
        Person.objects.bulk_create(self.people)
        records = self.history()
        for model, kind in (
            (RankHistory, "rank"),
            (AnnualResult, "result"),
            (Secondment, "secondment"),
            (Training, "training"),
            (Sanction, "sanction"),
            (ResumeLine, "resume"),
        ):
            model.objects.bulk_create(records[kind])
        return len(self.people)
