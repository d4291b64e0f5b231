"""The demo loads both seeds, shows the checker's warnings and is idempotent."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from kaoping.assessment import engine
from kaoping.assessment.demo import load_assessment_demo
from kaoping.assessment.models import AssessmentScheme, Stage, UnitAssessment
from kaoping.assessment.models_pay import LeaderLink, PayLine
from kaoping.assessment.services_pay import pay_run_create


def test_demo_loads_once(db, client_for, hr_admin):
    load_assessment_demo()
    load_assessment_demo()
    assert AssessmentScheme.objects.count() == 2
    zz = AssessmentScheme.objects.get(year=2011)
    pz = AssessmentScheme.objects.get(year=2018)
    assert zz.assessments.count() == 12
    assert pz.assessments.count() == 6
    assert LeaderLink.objects.filter(scheme=pz).count() == 4
    messages = [w.message for w in engine.warnings(zz.kind, zz.scheme)]
    assert any("株洲市国资委系统工会 组织建设" in m for m in messages)
    health = UnitAssessment.objects.get(scheme=zz, key="市卫生系统工会")
    # 20 + 25 + 25 × 70% + (30 − 30 × 20%) = 20 + 25 + 17.50 + 24.00
    assert health.stage == Stage.APPROVED and health.total == Decimal("86.50")
    totals = dict(pz.assessments.values_list("key", "total"))
    assert totals["办公室"] == Decimal("101.50")  # 98.5 + 2 + 1
    assert totals["保障部"] == Decimal("120.00")  # 100 + min(4+4+3+4+6+2, 20)
    page = client_for(hr_admin).get(reverse("assessment:scheme_detail", args=[zz.pk])).content.decode()
    assert "考核内容分值合计 25，与权重 20 不一致" in page
    run = pay_run_create(actor=hr_admin, scheme=pz, forfeited=set())
    chair = PayLine.objects.get(run=run, person__name="吴建忠")
    assert chair.derivation["score"]["label"] == "主席考核得分"
