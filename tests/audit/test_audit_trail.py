"""Account-security events and every admin change land in the audit trail, with before/after."""

from django.urls import reverse

from portal.accounts.models import Membership, Opd
from portal.audit.models import AuditEntry
from tests.personas import PASSWORD


def _trail(**filters):
    return list(
        AuditEntry.objects.filter(**filters).order_by("id").values_list("action", "actor_name", "before", "after")
    )


def test_sign_in_failure_and_sign_out_are_recorded_with_the_ip(client, personas):
    client.post(reverse("account_login"), {"login": "operator_a", "password": "Salah-Sandi-2026!"})
    client.post(reverse("account_login"), {"login": "operator_a", "password": PASSWORD})
    client.post(reverse("account_logout"))
    assert _trail() == [
        ("login_failed", "operator_a", None, None),
        ("login", "operator_a", None, None),
        ("logout", "operator_a", None, None),
    ]
    assert set(AuditEntry.objects.values_list("ip", flat=True)) == {"127.0.0.1"}


def test_a_password_change_is_recorded(client, personas):
    client.force_login(personas.operator_a)
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "Kediri-Baru-2026!", "password2": "Kediri-Baru-2026!"},
    )
    assert _trail(action="password_changed") == [("password_changed", "operator_a", None, None)]


def test_an_admin_change_records_only_the_changed_fields(client, personas):
    client.force_login(personas.admin)
    opd = personas.opd_a
    client.post(
        reverse("admin:accounts_opd_change", args=[opd.pk]),
        {
            "name": "Dinas Uji A Baru",
            "short_name": "DUA",
            "kind": "dinas",
            "parent": "",
            "is_active": "on",
            "bidang-TOTAL_FORMS": "1",
            "bidang-INITIAL_FORMS": "1",
            "bidang-0-id": opd.bidang.get().pk,
            "bidang-0-opd": opd.pk,
            "bidang-0-name": "Bidang Dua",
            "bidang-0-is_active": "on",
        },
    )
    assert _trail(object_type="accounts.Opd") == [
        ("update", "admin", {"name": "Dinas Uji A"}, {"name": "Dinas Uji A Baru"})
    ]
    assert _trail(object_type="accounts.Bidang") == [
        ("update", "admin", {"name": "Bidang Satu"}, {"name": "Bidang Dua"})
    ]


def test_deleting_a_membership_in_the_admin_is_recorded(client, personas):
    client.force_login(personas.admin)
    membership = Membership.objects.get(user=personas.operator_b)
    client.post(reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"})
    entry = AuditEntry.objects.get(action="delete")
    assert (entry.object_type, entry.before["role"], entry.before["opd"]) == (
        "accounts.Membership",
        "operator",
        personas.opd_b.pk,
    )


def test_the_trail_cannot_be_edited_or_deleted_in_the_admin(client, personas):
    client.force_login(personas.admin)
    entry = AuditEntry.objects.create(action="contoh", actor_name="admin")
    change = client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]), {"action": "diubah"})
    delete = client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    assert (change.status_code, delete.status_code) == (403, 403)
    entry.refresh_from_db()
    assert entry.action == "contoh"


def test_an_opd_import_is_recorded_per_row_but_not_its_preview(client, personas):
    from tests.accounts.opd_import import CSV, csv_file, import_opds

    client.force_login(personas.admin)
    import_opds(client, csv_file(), CSV)
    created = _trail(action="import_create")
    assert [(action, actor, after["short_name"]) for action, actor, _before, after in created] == [
        ("import_create", "admin", "Dinkes"),
        ("import_create", "admin", "PKM Pesantren I"),
    ]
    assert Opd.objects.count() == 4


def test_a_snapshot_names_stored_files_by_their_storage_name(personas):
    from django.core.files.base import ContentFile

    from portal.audit.log import snapshot
    from tests.inovasi.factories import MINIMAL_PDF, current_period, make_inovasi

    inovasi = make_inovasi(personas.opd_a, personas.operator_a, current_period())
    assert snapshot(inovasi)["budget_document"] == ""
    inovasi.budget_document.save("anggaran.pdf", ContentFile(MINIMAL_PDF))
    stored = snapshot(inovasi)["budget_document"]
    assert stored == inovasi.budget_document.name and stored.endswith(".pdf")
