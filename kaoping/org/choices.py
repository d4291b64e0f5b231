"""Enumerations of the cadre registry. Values are stable codes; labels are what users see."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    ORGANIZATION = "organization", _("单位")
    DEPARTMENT = "department", _("部门")
    SECTION = "section", _("科室")


class UnitCategory(models.TextChoices):
    """How a unit is managed; drives eligibility (R000-11) and comparison groups (R002-03, R002-06)."""

    AGENCY = "agency", _("机关部门")
    CIVIL_SERVICE_LIKE = "civil_service_like", _("参照公务员法管理的部门")
    AFFILIATED = "affiliated", _("直属单位")
    INSTITUTION = "institution", _("事业单位")
    ENTERPRISE = "enterprise", _("企业")
    FARM = "farm", _("团场")
    OTHER = "other", _("其他")


class RankLevel(models.TextChoices):
    """The level band of a post or rank (职务层次)."""

    MINISTER = "minister", _("正部级")
    VICE_MINISTER = "vice_minister", _("副部级")
    BUREAU = "bureau", _("正局级")
    VICE_BUREAU = "vice_bureau", _("副局级")
    DIVISION = "division", _("正处级")
    VICE_DIVISION = "vice_division", _("副处级")
    SECTION = "section", _("正科级")
    VICE_SECTION = "vice_section", _("副科级")
    STAFF = "staff", _("科员级")
    CLERK = "clerk", _("办事员级")
    GRADED = "graded", _("事业单位岗位等级")
    OTHER = "other", _("其他")


class RankCategory(models.TextChoices):
    LEADERSHIP = "leadership", _("领导职务")
    NON_LEADERSHIP = "non_leadership", _("职级（非领导职务）")
    MANAGEMENT = "management", _("管理岗位")
    PROFESSIONAL = "professional", _("专业技术岗位")
    SKILLED = "skilled", _("工勤技能岗位")


class PersonCategory(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", _("公务员")
    CIVIL_SERVICE_LIKE = "civil_service_like", _("参公")
    INSTITUTION_MANAGEMENT = "institution_management", _("事业管理")
    INSTITUTION_PROFESSIONAL = "institution_professional", _("事业专技")
    SKILLED_WORKER = "skilled_worker", _("工勤")
    ENTERPRISE = "enterprise", _("企业")


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class PoliticalStatus(models.TextChoices):
    CPC = "cpc", _("中共党员")
    CPC_PROBATIONARY = "cpc_probationary", _("中共预备党员")
    CYL = "cyl", _("共青团员")
    DEMOCRATIC_PARTY = "democratic_party", _("民主党派")
    NONE = "masses", _("群众")


class Education(models.TextChoices):
    DOCTORATE = "doctorate", _("研究生（博士）")
    MASTERS = "masters", _("研究生（硕士）")
    BACHELOR = "bachelor", _("大学本科")
    COLLEGE = "college", _("大学专科")
    SECONDARY = "secondary", _("中专")
    HIGH_SCHOOL = "high_school", _("高中及以下")


class Degree(models.TextChoices):
    DOCTOR = "doctor", _("博士")
    MASTER = "master", _("硕士")
    BACHELOR = "bachelor", _("学士")
    NONE = "none", _("无")


class AnnualGrade(models.TextChoices):
    """Annual assessment results of both grade sets (公务员 and 事业单位, RP-06)."""

    EXCELLENT = "excellent", _("优秀")
    COMPETENT = "competent", _("称职")
    BASIC_COMPETENT = "basic_competent", _("基本称职")
    INCOMPETENT = "incompetent", _("不称职")
    QUALIFIED = "qualified", _("合格")
    BASIC_QUALIFIED = "basic_qualified", _("基本合格")
    UNQUALIFIED = "unqualified", _("不合格")
    UNDETERMINED = "undetermined", _("不确定等次")


class SecondmentKind(models.TextChoices):
    XINJIANG = "xinjiang", _("援疆")
    TIBET = "tibet", _("援藏")
    ATTACHMENT = "attachment", _("挂职")
    POVERTY = "poverty", _("扶贫")
    TEACHING = "teaching", _("支教")
    GRASSROOTS = "grassroots", _("下基层")


class SanctionKind(models.TextChoices):
    """Sanctions and investigations; R002-06 不确定等次 and eligibility read them."""

    WARNING = "warning", _("警告")
    DEMERIT = "demerit", _("记过")
    MAJOR_DEMERIT = "major_demerit", _("记大过")
    DEMOTION = "demotion", _("降级")
    DISMISSAL_FROM_POST = "dismissal_from_post", _("撤职")
    PARTY_WARNING = "party_warning", _("党内警告")
    PARTY_SERIOUS_WARNING = "party_serious_warning", _("党内严重警告")
    ADMONITION = "admonition", _("诫勉")
    ORGANIZATIONAL = "organizational", _("组织处理")
    INVESTIGATION = "investigation", _("立案审查调查")
    OTHER = "other", _("其他")


INVESTIGATION_KINDS = frozenset({SanctionKind.INVESTIGATION})


class HealthStatus(models.TextChoices):
    HEALTHY = "healthy", _("健康")
    FAIR = "fair", _("一般")
    POOR = "poor", _("较差")
