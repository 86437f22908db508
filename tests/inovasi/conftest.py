import pytest

from tests.inovasi.workflow_helpers import build_complete_draft


@pytest.fixture
def complete_draft(personas):
    """The personas plus `.period` and `.inovasi`: a draft of OPD A complete enough to submit."""
    return build_complete_draft(personas)
