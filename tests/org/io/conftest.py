import pytest

from kaoping.accounts.roles import Cap
from kaoping.accounts.scoping import scope_for
from kaoping.org.importing import import_people


@pytest.fixture
def run_import(tree, hr_admin):
    """run_import(file, user=hr_admin) → ImportResult, with the user's Cap.ORG_IMPORT scope."""
    from tests.factories import rank

    rank("chuzhang")  # rank catalogue

    def run(file, user=None, **kwargs):
        user = user or hr_admin
        return import_people(actor=user, file=file, scope=scope_for(user, Cap.ORG_IMPORT), **kwargs)

    return run
