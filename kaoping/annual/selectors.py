"""Reads of the annual app: who sees which round, sub-item and proposal (404 for missing and forbidden
alike), and the lists the pages show with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import scope_for, scoped
from kaoping.annual.models import (
    AnnualRound,
    Cadre,
    DemocraticTally,
    Flag,
    NoticeObjection,
    Proposal,
    SubItem,
    SubItemScore,
    Team,
)
from kaoping.common.access import get_or_not_found


def rounds_visible(user, cap: str = Cap.ANNUAL_VIEW) -> QuerySet[AnnualRound]:
    """Rounds whose organising unit lies in the user's scope for ``cap``."""
    return scoped(AnnualRound.objects.select_related("unit"), user, cap, "unit__path")


def rounds_with_my_sub_items(user) -> QuerySet[AnnualRound]:
    """Rounds where the user's unit scores at least one sub-item (responsible departments, LIAISON)."""
    items = scoped(SubItem.objects.all(), user, Cap.ANNUAL_SUBITEM, "responsible_unit__path")
    return AnnualRound.objects.filter(pk__in=items.values("round_id")).select_related("unit")


def round_list(user, q: str = "") -> QuerySet[AnnualRound]:
    """The list page: visible rounds plus those the user scores sub-items in; search by title or year."""
    visible = rounds_visible(user).values("pk")
    mine = rounds_with_my_sub_items(user).values("pk")
    qs = AnnualRound.objects.filter(Q(pk__in=visible) | Q(pk__in=mine)).select_related("unit")
    q = q.strip()
    if q:
        cond = Q(title__icontains=q)
        if q.isdigit():
            cond |= Q(year=int(q))
        qs = qs.filter(cond)
    return qs.annotate(
        team_count=Count("teams", distinct=True), cadre_count=Count("cadres", distinct=True)
    ).order_by("-year", "-id")


def access_round(user, pk, cap: str = Cap.ANNUAL_VIEW) -> AnnualRound:
    return get_or_not_found(rounds_visible(user, cap), pk)


def access_round_for_sub_items(user, pk) -> AnnualRound:
    """A round the user scores sub-items in (or may see in full)."""
    qs = AnnualRound.objects.filter(
        Q(pk__in=rounds_visible(user).values("pk")) | Q(pk__in=rounds_with_my_sub_items(user).values("pk"))
    ).select_related("unit")
    return get_or_not_found(qs, pk)


def my_sub_items(user, rnd: AnnualRound) -> QuerySet[SubItem]:
    """The sub-items of ``rnd`` whose responsible unit lies in the user's ANNUAL_SUBITEM scope."""
    return scoped(
        rnd.sub_items.select_related("team_type", "responsible_unit"),
        user,
        Cap.ANNUAL_SUBITEM,
        "responsible_unit__path",
    ).order_by("team_type__order", "order", "id")


def access_sub_item(user, pk) -> SubItem:
    """Only the responsible department (or someone whose scope covers it) may enter a sub-item's scores."""
    items = SubItem.objects.select_related("round", "team_type", "responsible_unit")
    return get_or_not_found(scoped(items, user, Cap.ANNUAL_SUBITEM, "responsible_unit__path"), pk)


def _in_round(model, user, pk, cap: str):
    return get_or_not_found(scoped(model.objects.select_related("round"), user, cap, "round__unit__path"), pk)


def access_team(user, pk, cap: str = Cap.ANNUAL_MANAGE) -> Team:
    return _in_round(Team, user, pk, cap)


def access_cadre(user, pk, cap: str = Cap.ANNUAL_MANAGE) -> Cadre:
    return _in_round(Cadre, user, pk, cap)


def access_flag(user, pk, cap: str = Cap.ANNUAL_MANAGE) -> Flag:
    return _in_round(Flag, user, pk, cap)


def access_proposal(user, pk, cap: str = Cap.ANNUAL_CONFIRM) -> Proposal:
    return _in_round(Proposal, user, pk, cap)


def access_objection(user, pk, cap: str = Cap.ANNUAL_MANAGE) -> NoticeObjection:
    qs = NoticeObjection.objects.select_related("notice", "notice__round")
    return get_or_not_found(scoped(qs, user, cap, "notice__round__unit__path"), pk)


def may(user, cap: str, rnd: AnnualRound) -> bool:
    scope = scope_for(user, cap)
    return scope is not None and scope.covers_path(rnd.unit.path)


# -------------------------------------------------------------------------------------------------- lists


def round_teams(rnd: AnnualRound) -> list[Team]:
    return list(rnd.teams.select_related("unit", "team_type").order_by("team_type__order", "name", "id"))


def round_cadres(rnd: AnnualRound) -> list[Cadre]:
    return list(
        rnd.cadres.select_related("person", "person__unit", "team", "team_type").order_by(
            "team_type__order", "team__name", "role", "person__name", "id"
        )
    )


@dataclass
class ItemSheet:
    """One sub-item with the teams it scores and their current scores (the responsible department's page)."""

    item: SubItem
    rows: list[tuple[Team, SubItemScore | None]]

    @property
    def done(self) -> int:
        return sum(1 for _t, s in self.rows if s is not None)


def sub_item_sheets(items: list[SubItem]) -> list[ItemSheet]:
    """Teams of each item's type with their scores: three queries whatever the size."""
    if not items:
        return []
    type_ids = {i.team_type_id for i in items}
    teams: dict[int, list[Team]] = {}
    rnd = items[0].round
    for team in rnd.teams.filter(team_type_id__in=type_ids).select_related("unit").order_by("name", "id"):
        teams.setdefault(team.team_type_id, []).append(team)
    scores = {(s.sub_item_id, s.team_id): s for s in SubItemScore.objects.filter(sub_item__in=items)}
    return [
        ItemSheet(i, [(t, scores.get((i.pk, t.pk))) for t in teams.get(i.team_type_id, [])]) for i in items
    ]


@dataclass
class CountRow:
    label: str
    team: Team | None
    cadre: Cadre | None
    tally: str
    options: list[str]
    counts: dict[str, int] | None
    source: str = ""
    score: object = None  # the table's score (Derivation), for main tables with counts

    @property
    def cells(self) -> list[tuple[str, int | str]]:
        """(option, current count or "") in the table's option order."""
        return [(o, "" if self.counts is None else self.counts.get(o, 0)) for o in self.options]

    @property
    def key(self) -> str:
        return f"{'t' if self.team else 'c'}{(self.team or self.cadre).pk}-{self.tally}"


def count_rows(rnd: AnnualRound) -> list[CountRow]:
    """Every table to enter: each team's own and party-building tables, each cadre's table."""
    from kaoping.annual.adapters import democratic_score
    from kaoping.annual.services import vote_options
    from kaoping.scoring.votes import VoteScheme

    schemes = {
        name: VoteScheme.from_dict(getattr(rnd, name))
        for name in ("team_votes", "head_votes", "deputy_votes")
    }
    tallies = {(t.team_id, t.cadre_id, t.tally): t for t in DemocraticTally.objects.filter(round=rnd)}
    rows = []
    for team in round_teams(rnd):
        for tally in DemocraticTally.Tally:
            t = tallies.get((team.pk, None, tally.value))
            rows.append(
                CountRow(
                    f"{team.name}（{tally.label}）",
                    team,
                    None,
                    tally.value,
                    vote_options(rnd, team=team, tally=tally.value),
                    t.counts if t else None,
                    t.get_source_display() if t else "",
                    democratic_score(schemes["team_votes"], t.counts)
                    if t and tally.value == "main"
                    else None,
                )
            )
    for cadre in round_cadres(rnd):
        t = tallies.get((None, cadre.pk, DemocraticTally.Tally.MAIN.value))
        rows.append(
            CountRow(
                f"{cadre.person.name}（{cadre.get_role_display()}）",
                None,
                cadre,
                "main",
                vote_options(rnd, cadre=cadre, tally="main"),
                t.counts if t else None,
                t.get_source_display() if t else "",
                democratic_score(
                    schemes["head_votes" if cadre.role == Cadre.Role.HEAD else "deputy_votes"], t.counts
                )
                if t
                else None,
            )
        )
    return rows


def round_flags(rnd: AnnualRound) -> list[Flag]:
    return list(rnd.flags.select_related("team", "cadre__person", "created_by").order_by("id"))


def round_proposals(rnd: AnnualRound, kind: str) -> list[Proposal]:
    """Team (``kind`` "team") or cadre proposals, best score first within each type."""
    qs = rnd.proposals.select_related(
        "team", "team__team_type", "cadre__person", "cadre__team", "cadre__team_type", "decided_by"
    )
    if kind == "team":
        return list(qs.filter(team__isnull=False).order_by("team__team_type__order", "-score", "team__name"))
    return list(
        qs.filter(cadre__isnull=False).order_by(
            "cadre__team_type__order", "cadre__role", "-score", "cadre__person__name"
        )
    )


def filter_proposals(rows: list[Proposal], q: str = "", show: str = "") -> list[Proposal]:
    """Search by name (班子 or 干部) and show only ``open`` (not yet decided), ``tie`` (需研究确定) or
    ``changed`` (decided differently from the proposal)."""
    if q:
        rows = [p for p in rows if q in p.subject_label]
    if show == "open":
        rows = [p for p in rows if not p.decided_grade]
    elif show == "tie":
        rows = [p for p in rows if p.status == Proposal.Status.NEEDS_DECISION]
    elif show == "changed":
        rows = [p for p in rows if p.is_overridden]
    return rows


def grade_distribution(proposals: list[Proposal]) -> dict[str, dict[str, int]]:
    """Type name → grade → count (the effective grade: decided, else proposed)."""
    out: dict[str, dict[str, int]] = {}
    for p in proposals:
        type_name = p.team.team_type.name if p.team_id else p.cadre.team_type.name
        grade = p.effective_grade or str(p.get_status_display())
        out.setdefault(type_name, {})
        out[type_name][grade] = out[type_name].get(grade, 0) + 1
    return out


def score_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def streak_preview(rnd: AnnualRound, rows: list[Proposal]) -> dict[int, list[str]]:
    """RP-07 ahead of confirmation: the consecutive-year flags each cadre would raise if the grade now on
    the table (decided, else proposed) were confirmed (proposal id → flag texts). Two queries."""
    from kaoping.org.choices import AnnualGrade
    from kaoping.org.models import AnnualResult
    from kaoping.scoring.streaks import StreakRule, consecutive_flags

    labels = {value: str(label) for value, label in AnnualGrade.choices}
    rules = [
        StreakRule.from_dict(r, f"rules[{i}]") for i, r in enumerate((rnd.streaks or {}).get("rules", []))
    ]
    persons = {p.cadre.person_id for p in rows if p.cadre_id}
    history: dict[int, dict[int, str]] = {}
    for person_id, year, grade in AnnualResult.objects.filter(person_id__in=persons).values_list(
        "person_id", "year", "grade"
    ):
        history.setdefault(person_id, {})[year] = labels.get(grade, grade)
    out: dict[int, list[str]] = {}
    for p in rows:
        if not p.cadre_id or not p.effective_grade:
            continue
        years = dict(history.get(p.cadre.person_id, {}))
        years[rnd.year] = p.effective_grade
        flags = [f.flag for f in consecutive_flags(years, rules) if rnd.year in f.years]
        if flags:
            out[p.pk] = flags
    return out
