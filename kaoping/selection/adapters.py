"""Turn selection rows into the rules engine's inputs: the campaign's scheme, a registrant's cadre file
(with the reviewer's judgements, exemption and avoidance declarations) and the eligibility rules that apply
to one registration (R000-07 … R000-12)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kaoping.org.adapters import person_record
from kaoping.org.choices import UnitCategory
from kaoping.scoring import records as r
from kaoping.scoring.base_score import BaseScoreScheme
from kaoping.scoring.eligibility import Predicate, rule_from_dict
from kaoping.scoring.errors import SchemeError
from kaoping.scoring.selection import SelectionScheme

# R000-11: the list added for 直属单位 people applying to 副局级 posts of 参照公务员法管理的部门.
TRANSFER_LIST = "调任"
TRANSFER_LEVEL = "副局级"
EXEMPTION_REQUIREMENTS = ("基层工作经历", "培训")
AFFILIATED_CATEGORIES = (UnitCategory.AFFILIATED, UnitCategory.INSTITUTION)


def campaign_scheme(campaign) -> SelectionScheme:
    """The campaign's scheme as the engine's frozen dataclass (SchemeError when invalid)."""
    return SelectionScheme.from_dict(campaign.scheme or {})


def base_score_scheme(campaign) -> BaseScoreScheme:
    scheme = campaign_scheme(campaign)
    try:
        return BaseScoreScheme.from_dict(dict(scheme.base_score))
    except SchemeError as exc:
        raise SchemeError(f"base_score.{exc.field}", exc.message) from None


def person_unit_category(person) -> str:
    """The management category of the person's unit (org.Unit.category), as the registry adapter reads it
    for the engine's ``unit_kind`` (机关 / 直属单位)."""
    return person.unit.category


def is_transfer_applicant(registration) -> bool:
    """R000-11: a 直属单位 person applying to a 副局级 post of a 参照公务员法管理的部门."""
    position = registration.position
    return (
        position.kind == position.Kind.AGENCY
        and position.level == TRANSFER_LEVEL
        and person_unit_category(registration.person) in AFFILIATED_CATEGORIES
    )


def rule_list_names(registration) -> list[str]:
    """Names of the scheme's eligibility lists that apply: the post level, the post's extra lists and,
    for a transfer applicant, the 调任 list."""
    position = registration.position
    names = [position.level, *(position.extra_rule_lists or [])]
    if is_transfer_applicant(registration) and TRANSFER_LIST not in names:
        names.append(TRANSFER_LIST)
    return names


def registration_rules(registration, scheme: SelectionScheme | None = None) -> list[Predicate]:
    """The predicates for one registration; a list missing from the scheme raises SchemeError."""
    scheme = scheme or campaign_scheme(registration.campaign)
    lists = scheme.eligibility
    rules: list[Predicate] = []
    for name in rule_list_names(registration):
        if name not in lists:
            raise SchemeError(
                f"eligibility.{name}", _("计分方案中没有“%(name)s”资格条件列表") % {"name": name}
            )
        for i, data in enumerate(lists[name]):
            rules.append(rule_from_dict(data, f"eligibility.{name}[{i}]"))
    return rules


def _review_parts(registration) -> tuple[tuple, tuple, tuple]:
    review = getattr(registration, "review", None) if _has_review(registration) else None
    commitments: tuple = ()
    judgements: tuple = ()
    if review is not None:
        if review.has_exemption:
            commitments = tuple(
                r.Commitment(
                    requirement=name,
                    is_approved=bool(review.exemption_approved_by.strip()),
                    is_signed_by_head=review.exemption_head_signed,
                    note=review.exemption_approved_by,
                )
                for name in EXEMPTION_REQUIREMENTS
            )
        judgements = tuple(
            r.Judgement(item=item, status=(v or {}).get("status", "pending"), note=(v or {}).get("note", ""))
            for item, v in (review.judgements or {}).items()
        )
    conflicts = tuple(
        r.Conflict(kind=str(a.get_kind_display()), description=f"{a.related_person} {a.description}".strip())
        for a in registration.avoidances.all()
        if a.resolution == a.Resolution.BLOCK
    )
    return commitments, conflicts, judgements


def _has_review(registration) -> bool:
    from kaoping.selection.models import EligibilityReview

    try:
        registration.review  # noqa: B018
    except EligibilityReview.DoesNotExist:
        return False
    return True


def registration_record(registration) -> r.PersonRecord:
    """The registrant's cadre file plus what the review recorded (R000-10, R000-11, R000-12)."""
    base = person_record(registration.person)
    commitments, conflicts, judgements = _review_parts(registration)
    return r.PersonRecord(
        **{
            **{f: getattr(base, f) for f in base.__dataclass_fields__},
            "commitments": commitments,
            "conflicts": conflicts,
            "judgements": judgements,
        }
    )
