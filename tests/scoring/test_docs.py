"""docs/scoring.md's examples run as doctests, so the public API documentation stays true."""

import doctest
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "scoring.md"


def test_scoring_doc_examples_run():
    result = doctest.testfile(str(DOC), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 20
    assert result.failed == 0
