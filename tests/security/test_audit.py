"""Every portal mutation is audited; refusals are security events; the trail is append-only."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.audit.models import AppendOnly, AuditEntry
from tests.clients import PortalClient
from tests.inovasi.factories import make_inovasi
from tests.personas import PASSWORD
from tests.security.scenarios import SCENARIOS, portal_mutations, state_changing_urls


def test_every_state_changing_url_has_a_scenario():
    assert [name for name in state_changing_urls() if name not in SCENARIOS] == []


@pytest.mark.parametrize("name", portal_mutations())
def test_a_successful_mutation_writes_an_audit_entry(client, records_of_every_kind, name):
    scenario = SCENARIOS[name]
    if scenario.prepare:
        scenario.prepare(records_of_every_kind)
    user = records_of_every_kind.by_name(scenario.role)
    client.force_login(user)
    last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.post(
        scenario.url(name, records_of_every_kind), scenario.data(records_of_every_kind), REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code in (200, 302), response.content[:500]
    entries = AuditEntry.objects.filter(id__gt=last, action=scenario.audited_as)
    assert entries.count() >= 1, list(AuditEntry.objects.filter(id__gt=last).values_list("action", flat=True))
    entry = entries.first()
    assert (entry.actor, entry.actor_name, entry.ip) == (user, user.get_username(), "10.1.2.3")
    assert entry.at is not None
    assert entry.object_type and entry.object_id and entry.object_repr


def _denials():
    return list(AuditEntry.objects.filter(action="security.denied").values_list("actor_name", "ip", "after"))


def test_another_opds_innovation_is_a_logged_404(client, records_of_every_kind):
    client.force_login(records_of_every_kind.operator_b)
    path = reverse("inovasi-detail", args=[records_of_every_kind.inovasi_a.pk])
    assert client.get(path).status_code == 404
    assert _denials() == [
        (
            "operator_b",
            "127.0.0.1",
            {
                "path": path,
                "method": "GET",
                "status": 404,
                "url_name": "inovasi-detail",
                "arguments": {"pk": str(records_of_every_kind.inovasi_a.pk)},
            },
        )
    ]


def test_a_forbidden_change_is_a_logged_403(client, records_of_every_kind):
    client.force_login(records_of_every_kind.kepala_a)
    path = reverse("inovasi-edit", args=[records_of_every_kind.inovasi_a.pk])
    assert client.get(path).status_code == 403
    assert [(actor, after["status"], after["path"]) for actor, _ip, after in _denials()] == [("kepala_a", 403, path)]


def test_anonymous_redirects_and_allowed_pages_are_not_security_events(client, records_of_every_kind):
    client.get(reverse("inovasi-detail", args=[records_of_every_kind.inovasi_a.pk]))  # 302 to the login page
    client.force_login(records_of_every_kind.operator_a)
    client.get(reverse("inovasi-detail", args=[records_of_every_kind.inovasi_a.pk]))
    assert _denials() == []


def test_an_audit_entry_cannot_be_changed_or_deleted(personas):
    entry = AuditEntry.objects.create(action="login", actor_name="operator_a")
    entry.action = "nothing"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="nothing")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "login"


def test_deleting_a_user_keeps_their_entries_by_name(personas):
    user = get_user_model().objects.create_user(username="sementara", password="x")
    AuditEntry.objects.create(action="login", actor=user, actor_name="sementara")
    user.delete()
    assert list(AuditEntry.objects.values_list("actor", "actor_name")) == [(None, "sementara")]


def test_the_admin_offers_no_change_or_delete_of_the_trail(client, personas):
    entry = AuditEntry.objects.create(action="login", actor_name="operator_a")
    client.force_login(personas.admin)
    change = client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]), {"action": "x"})
    delete = client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    bulk = client.post(
        reverse("admin:audit_auditentry_changelist"), {"action": "delete_selected", "_selected_action": [entry.pk]}
    )
    assert (change.status_code, delete.status_code) == (403, 403)
    assert bulk.status_code in (200, 302)
    assert AuditEntry.objects.get(pk=entry.pk).action == "login"


def test_a_new_innovation_by_operator_b_is_not_readable_by_operator_a_and_is_logged(client, records_of_every_kind):
    other = make_inovasi(records_of_every_kind.opd_b, records_of_every_kind.operator_b)
    client.force_login(records_of_every_kind.operator_a)
    assert client.get(reverse("inovasi-edit", args=[other.pk])).status_code == 404
    assert [after["url_name"] for _a, _ip, after in _denials()] == ["inovasi-edit"]


def test_ending_other_sessions_and_adding_an_email_are_audited(client, personas):
    other = client_class_login(personas.operator_a)
    client.post(reverse("account_login"), {"login": "operator_a", "password": PASSWORD})
    client.post(reverse("usersessions_list"))
    client.post(reverse("account_email"), {"action_add": "", "email": "baru@example.test"})
    trail = list(AuditEntry.objects.filter(actor=personas.operator_a).values_list("action", "ip"))
    assert ("session_ended", "127.0.0.1") in trail
    assert ("email_added", "127.0.0.1") in trail
    assert other.get(reverse("home")).status_code == 302  # the other session was ended


def client_class_login(user):
    other = PortalClient()
    other.post(reverse("account_login"), {"login": user.get_username(), "password": PASSWORD})
    assert other.get(reverse("home")).status_code == 200
    return other
