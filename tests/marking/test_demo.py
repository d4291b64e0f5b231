"""The marking demo loads on top of the org demo, idempotently, with fictional marks in every state."""

import pytest

from kaoping.marking.demo import load_marking_demo
from kaoping.marking.models import Interview, Mark, WrittenExam
from kaoping.marking.selectors import exam_progress, interview_results
from kaoping.org.demo import load_demo

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_shows_every_state():
    load_demo()
    load_marking_demo()
    marks = Mark.objects.count()
    load_marking_demo()
    assert Mark.objects.count() == marks > 0
    exam = WrittenExam.objects.get()
    items, _markers, waiting = exam_progress(exam)
    kinds = {w.kind for w in waiting}
    assert kinds == {"dispute", "arbitration"}
    assert sum(i.missing for i in items) == 4  # two papers × two items left for the demo markers
    res = interview_results(Interview.objects.get())
    assert not res.is_final  # panel 2's chief has not confirmed
    assert all(s.score is not None and s.coefficient is not None for s in res.scores)
    assert len({s.coefficient for s in res.scores}) == 2
