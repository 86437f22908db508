"""The audit writer stores any text: PostgreSQL's text and jsonb cannot hold NUL, so record() replaces it."""

from portal.audit.log import record
from portal.audit.models import AuditEntry

NUL = "\x00"
REPLACED = "\ufffd"


def test_record_stores_a_nul_in_every_field(personas):
    opd = personas.opd_a
    opd.name = f"Dinas{NUL}Uji"  # only in memory: str(obj) is what the entry keeps
    nested = {f"key{NUL}": [f"a{NUL}b", {"inner": (f"c{NUL}", 1, None)}], "plain": 2}
    entry = record(
        f"test{NUL}action", actor=personas.operator_a, obj=opd, before=nested, after=f"x{NUL}", actor_name=f"op{NUL}a"
    )
    entry.refresh_from_db()
    assert (entry.action, entry.actor_name, entry.object_repr) == (
        f"test{REPLACED}action",
        f"op{REPLACED}a",
        f"Dinas{REPLACED}Uji",
    )
    assert entry.before == {f"key{REPLACED}": [f"a{REPLACED}b", {"inner": [f"c{REPLACED}", 1, None]}], "plain": 2}
    assert entry.after == f"x{REPLACED}"


def test_a_nul_in_a_refused_path_is_audited_not_a_500(client, personas):
    # The control-character check covers query strings and form fields; the path reaches the
    # security.denied entry as sent.
    client.force_login(personas.admin)
    response = client.get("/admin/x%00y/")
    assert response.status_code == 404
    entry = AuditEntry.objects.get(action="security.denied")
    assert entry.after["path"] == f"/admin/x{REPLACED}y/"
