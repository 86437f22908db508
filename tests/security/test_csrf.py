"""A POST without a CSRF token is refused with 403 and changes nothing, on every state-changing URL."""

import pytest
from django.apps import apps
from django.urls import reverse

from portal.audit.models import AuditEntry
from tests.clients import PortalClient
from tests.portal.url_cases import url_for
from tests.security.scenarios import ACCOUNT_POSTS, SCENARIOS, state_changing_urls

SESSION_BOOKKEEPING = {AuditEntry._meta.label, "sessions.Session", "usersessions.UserSession"}


def _everything():
    """Every row of every model but the audit trail and the session's own bookkeeping (idle timer)."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.label not in SESSION_BOOKKEEPING
    }


def _target(name, records_of_every_kind):
    if name in SCENARIOS:
        scenario = SCENARIOS[name]
        if scenario.prepare:
            scenario.prepare(records_of_every_kind)
        return scenario.role, scenario.url(name, records_of_every_kind), scenario.data(records_of_every_kind)
    if name == "admin:accounts_opd_change":
        return "admin", reverse(name, args=[records_of_every_kind.opd_a.pk]), {"name": "Diubah", "kind": "dinas"}
    role = "admin" if name.startswith("admin:") else "operator_a"
    return role, url_for(name, records_of_every_kind), {"login": "operator_a", "password": "x", "email": "a@b.test"}


@pytest.mark.parametrize("name", [*state_changing_urls(), *ACCOUNT_POSTS])
def test_a_post_without_csrf_token_is_refused_and_changes_nothing(records_of_every_kind, name):
    client = PortalClient(enforce_csrf_checks=True)
    role, url, data = _target(name, records_of_every_kind)
    if name != "account_login":
        client.force_login(records_of_every_kind.by_name(role))
    before, last = _everything(), AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.post(url, data)
    assert response.status_code == 403
    assert _everything() == before
    assert list(AuditEntry.objects.filter(id__gt=last).values_list("action", flat=True)) == ["security.denied"]
