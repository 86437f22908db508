import pytest

from tests.inovasi.factories import current_period
from tests.inovasi.workflow_helpers import build_complete_draft


@pytest.fixture
def complete_draft(personas):
    """The personas plus `.period` and `.inovasi`: a draft of OPD A complete enough to submit."""
    return build_complete_draft(personas)


@pytest.fixture
def operator_a(client, personas):
    """The personas, with operator A signed in and the current period open."""
    current_period()
    client.force_login(personas.operator_a)
    return personas
