"""Destructive actions ask first, on one plain confirmation page; a deleted innovation comes back through its OPD.

Each confirmation is a GET on the action's own URL: it names what goes and what follows, changes nothing, and
its one form POSTs back to that URL, which does the action. Restoring is one rule (inovasi.profile.restore_inovasi)
for the OPD's operator inside the entry window, and for the admin (also from the Django admin) at any time.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from inovasi.models import Evidence, Inovasi, InovasiPhoto, StatusChange
from inovasi.profile import restore_inovasi
from portal.audit.models import AuditEntry
from scoring.models import DirtyMark
from tests.inovasi.factories import (
    add_evidence,
    add_photo,
    add_shared_document,
    current_period,
    make_inovasi,
    sid_indicator,
)

S = Inovasi.Status
NAME = "Layanan Posyandu Cerdas"


def _rows():
    """Everything these actions could change."""
    return {
        "inovasi": list(Inovasi.objects.order_by("pk").values()),
        "evidence": list(Evidence.objects.order_by("pk").values()),
        "status_changes": StatusChange.objects.count(),
        "history": Inovasi.history.count(),
        "audit": list(AuditEntry.objects.exclude(action="security.denied").values_list("action", flat=True)),
        "dirty": DirtyMark.objects.count(),
    }


def _form_actions(response):
    """Where the page's POST forms go, but for the navbar's and footer's (sign out, language)."""
    shell = {reverse("account_logout"), reverse("set_language")}
    found = re.findall(r'<form method="post" action="([^"]+)"', response.content.decode())
    return [action for action in found if action not in shell]


def _links(response):
    return re.findall(r'<a class="[^"]*" href="([^"]+)"', response.content.decode())


@pytest.fixture
def draft(personas):
    """A draft of OPD A (`.inovasi`) with evidence on indicator 16 (`.evidence`), in an open period."""
    personas.period = current_period()
    personas.indicator = sid_indicator(personas.period, 16)
    personas.inovasi = make_inovasi(personas.opd_a, personas.operator_a, personas.period, name=NAME)
    personas.evidence = add_evidence(personas.inovasi, personas.indicator, personas.operator_a)
    return personas


def _assert_confirmation(response, url, cancel_url, *names):
    assert (response.status_code, response.templates[0].name) == (200, "confirm.html")
    assert _form_actions(response) == [url]  # the one form, posting back to the action's URL
    assert cancel_url in _links(response)
    confirmation = response.context["confirmation"]
    shown = [str(value) for _label, value in confirmation.items]
    for name in names:
        assert name in shown
    assert confirmation.consequences


# --- deleting an innovation ---------------------------------------------------------------------------------


def test_the_detail_page_links_to_the_delete_confirmation_instead_of_posting(client, draft):
    client.force_login(draft.operator_a)
    response = client.get(reverse("inovasi-detail", args=[draft.inovasi.pk]))
    url = reverse("inovasi-delete", args=[draft.inovasi.pk])
    assert url in _links(response)
    assert url not in _form_actions(response)


def test_get_on_delete_shows_what_goes_and_changes_nothing(client, draft):
    client.force_login(draft.operator_a)
    before = _rows()
    url = reverse("inovasi-delete", args=[draft.inovasi.pk])
    response = client.get(url)
    _assert_confirmation(
        response, url, reverse("inovasi-detail", args=[draft.inovasi.pk]), "Layanan Posyandu Cerdas", "Dinas Uji A"
    )
    assert _rows() == before


def test_post_on_delete_soft_deletes_it(client, draft):
    client.force_login(draft.operator_a)
    response = client.post(reverse("inovasi-delete", args=[draft.inovasi.pk]))
    assert response.status_code == 302
    assert Inovasi.objects.get(pk=draft.inovasi.pk).deleted_at is not None
    assert AuditEntry.objects.filter(action="inovasi.delete", object_id=str(draft.inovasi.pk)).count() == 1


@pytest.mark.parametrize(("role", "status"), [("operator_b", 404), ("kepala_a", 403), ("pendamping", 403)])
def test_the_delete_confirmation_is_refused_as_the_deletion_is(client, draft, role, status):
    client.force_login(draft.by_name(role))
    before = _rows()
    assert client.get(reverse("inovasi-delete", args=[draft.inovasi.pk])).status_code == status
    assert _rows() == before


def test_the_delete_confirmation_of_a_submitted_innovation_is_409(client, draft):
    Inovasi.objects.filter(pk=draft.inovasi.pk).update(status=S.SUBMITTED)
    client.force_login(draft.operator_a)
    assert client.get(reverse("inovasi-delete", args=[draft.inovasi.pk])).status_code == 409


# --- withdrawing a submission -------------------------------------------------------------------------------


@pytest.fixture
def submitted(draft):
    Inovasi.objects.filter(pk=draft.inovasi.pk).update(status=S.SUBMITTED)
    return draft


def test_the_review_page_links_to_the_withdraw_confirmation_instead_of_posting(client, submitted):
    client.force_login(submitted.operator_a)
    response = client.get(reverse("inovasi-review", args=[submitted.inovasi.pk]))
    url = reverse("inovasi-transition", args=[submitted.inovasi.pk, S.DRAFT])
    assert url in _links(response)
    assert url not in _form_actions(response)


@pytest.mark.parametrize("status", [S.SUBMITTED, S.AWAITING_ENDORSEMENT])
def test_get_on_withdraw_shows_what_is_withdrawn_and_changes_nothing(client, draft, status):
    Inovasi.objects.filter(pk=draft.inovasi.pk).update(status=status)
    client.force_login(draft.operator_a)
    before = _rows()
    url = reverse("inovasi-transition", args=[draft.inovasi.pk, S.DRAFT])
    response = client.get(url)
    _assert_confirmation(
        response, url, reverse("inovasi-review", args=[draft.inovasi.pk]), "Layanan Posyandu Cerdas", str(S.DRAFT.label)
    )
    assert _rows() == before
    assert Inovasi.objects.get(pk=draft.inovasi.pk).status == status


def test_post_on_withdraw_moves_it_back_to_draft(client, submitted):
    client.force_login(submitted.operator_a)
    response = client.post(reverse("inovasi-transition", args=[submitted.inovasi.pk, S.DRAFT]))
    assert response.status_code == 302
    assert Inovasi.objects.get(pk=submitted.inovasi.pk).status == S.DRAFT
    assert list(StatusChange.objects.values_list("from_status", "to_status")) == [(S.SUBMITTED, S.DRAFT)]


@pytest.mark.parametrize(
    ("role", "status"), [("operator_b", 404), ("kepala_a", 403), ("pendamping", 403), ("pimpinan", 403)]
)
def test_the_withdraw_confirmation_is_refused_as_the_move_is(client, submitted, role, status):
    client.force_login(submitted.by_name(role))
    before = _rows()
    assert client.get(reverse("inovasi-transition", args=[submitted.inovasi.pk, S.DRAFT])).status_code == status
    assert _rows() == before


def test_the_withdraw_confirmation_of_a_draft_is_409(client, draft):
    client.force_login(draft.operator_a)
    assert client.get(reverse("inovasi-transition", args=[draft.inovasi.pk, S.DRAFT])).status_code == 409


def test_moves_that_are_not_confirmed_still_answer_get_with_405(client, submitted):
    client.force_login(submitted.pendamping)
    assert client.get(reverse("inovasi-transition", args=[submitted.inovasi.pk, S.IN_REVIEW])).status_code == 405
    assert Inovasi.objects.get(pk=submitted.inovasi.pk).status == S.SUBMITTED


# --- removing evidence --------------------------------------------------------------------------------------


def test_get_on_evidence_delete_names_the_evidence_and_changes_nothing(client, draft):
    client.force_login(draft.operator_a)
    before = _rows()
    url = reverse("evidence-delete", args=[draft.evidence.pk])
    response = client.get(url)
    cancel = reverse("inovasi-indicators", args=[draft.inovasi.pk]) + f"#indikator-{draft.indicator.pk}"
    indicator = f"{draft.indicator.number}. {draft.indicator.name}"
    _assert_confirmation(response, url, cancel, "SK Inovasi", "sk.pdf", indicator, "Layanan Posyandu Cerdas")
    assert _rows() == before


def test_post_on_evidence_delete_removes_it(client, draft):
    client.force_login(draft.operator_a)
    assert client.post(reverse("evidence-delete", args=[draft.evidence.pk])).status_code == 302
    assert not Evidence.objects.filter(pk=draft.evidence.pk).exists()


def test_the_confirmation_of_a_shared_document_says_it_is_detached_not_deleted(client, draft):
    document = add_shared_document(draft.period, draft.opd_a, draft.operator_a, subject="SK Tim Inovasi")
    attachment = Evidence.objects.create(
        answer=draft.evidence.answer,
        kind=document.kind,
        subject=document.subject,
        shared=document,
        uploaded_by=draft.operator_a,
    )
    client.force_login(draft.operator_a)
    detach = client.get(reverse("evidence-delete", args=[attachment.pk])).context["confirmation"]
    remove = client.get(reverse("evidence-delete", args=[draft.evidence.pk])).context["confirmation"]
    assert "SK Tim Inovasi" in [str(value) for _label, value in detach.items]
    assert (detach.title, detach.confirm_label) != (remove.title, remove.confirm_label)
    assert len(detach.consequences) == len(remove.consequences)


@pytest.mark.parametrize(("role", "status"), [("operator_b", 404), ("kepala_a", 403), ("pimpinan", 403)])
def test_the_evidence_confirmation_is_refused_as_the_removal_is(client, draft, role, status):
    client.force_login(draft.by_name(role))
    before = _rows()
    assert client.get(reverse("evidence-delete", args=[draft.evidence.pk])).status_code == status
    assert _rows() == before


# --- restoring a deleted innovation -------------------------------------------------------------------------


@pytest.fixture
def deleted(client, draft):
    """The draft, deleted through the portal by its operator; the marks and the trail start empty after it."""
    client.force_login(draft.operator_a)
    assert client.post(reverse("inovasi-delete", args=[draft.inovasi.pk])).status_code == 302
    draft.deleted_at = Inovasi.objects.get(pk=draft.inovasi.pk).deleted_at
    DirtyMark.objects.all().delete()
    return draft


def _deleted_names(client):
    response = client.get(reverse("inovasi-deleted"))
    assert response.status_code == 200
    return [inovasi.name for inovasi, _can_restore in response.context["rows"]]


def test_the_list_links_to_the_deleted_innovations(client, deleted):
    response = client.get(reverse("inovasi-list"))
    assert reverse("inovasi-deleted") in _links(response)


def test_the_operator_sees_the_opds_deleted_innovation_and_restores_it(client, deleted):
    other = make_inovasi(deleted.opd_b, deleted.operator_b, deleted.period, name="Inovasi Puskesmas B")
    Inovasi.objects.filter(pk=other.pk).update(deleted_at=timezone.now())
    assert _deleted_names(client) == ["Layanan Posyandu Cerdas"]
    page = client.get(reverse("inovasi-deleted"))
    assert _form_actions(page) == [reverse("inovasi-restore", args=[deleted.inovasi.pk])]
    DirtyMark.objects.all().delete()

    response = client.post(reverse("inovasi-restore", args=[deleted.inovasi.pk]), REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 302
    assert response.url == reverse("inovasi-detail", args=[deleted.inovasi.pk])
    restored = Inovasi.objects.get(pk=deleted.inovasi.pk)
    assert (restored.deleted_at, restored.status, restored.name) == (None, S.DRAFT, "Layanan Posyandu Cerdas")
    assert Evidence.objects.filter(pk=deleted.evidence.pk).exists()
    entry = AuditEntry.objects.get(action="inovasi.restore")
    assert (entry.actor, entry.object_type, entry.object_id, entry.ip) == (
        deleted.operator_a,
        "inovasi.Inovasi",
        str(deleted.inovasi.pk),
        "10.1.2.3",
    )
    assert (entry.before, entry.after) == ({"deleted_at": deleted.deleted_at.isoformat()}, {"deleted_at": None})
    assert list(DirtyMark.objects.values_list("period_id", "scope", "inovasi_id")) == [
        (deleted.period.pk, DirtyMark.Scope.INOVASI, deleted.inovasi.pk)
    ]
    assert Inovasi.history.filter(id=deleted.inovasi.pk).latest().history_user == deleted.operator_a
    assert _deleted_names(client) == []
    assert client.get(reverse("inovasi-detail", args=[deleted.inovasi.pk])).status_code == 200
    assert NAME in [inovasi.name for inovasi in client.get(reverse("inovasi-list")).context["page"]]


def test_another_opds_operator_neither_sees_nor_restores_it(client, deleted):
    client.force_login(deleted.operator_b)
    assert _deleted_names(client) == []
    before = _rows()
    assert client.post(reverse("inovasi-restore", args=[deleted.inovasi.pk])).status_code == 404
    assert _rows() == before


@pytest.mark.parametrize("role", ["pendamping", "pimpinan"])
def test_pendamping_and_pimpinan_have_no_deleted_page_and_cannot_restore(client, deleted, role):
    client.force_login(deleted.by_name(role))
    before = _rows()
    assert client.get(reverse("inovasi-deleted")).status_code == 404
    assert client.post(reverse("inovasi-restore", args=[deleted.inovasi.pk])).status_code == 404
    assert _rows() == before
    assert Inovasi.objects.get(pk=deleted.inovasi.pk).deleted_at is not None


def test_the_kepala_sees_the_deleted_innovation_but_cannot_restore_it(client, deleted):
    client.force_login(deleted.kepala_a)
    response = client.get(reverse("inovasi-deleted"))
    assert [(inovasi.name, can) for inovasi, can in response.context["rows"]] == [("Layanan Posyandu Cerdas", False)]
    assert _form_actions(response) == []
    before = _rows()
    assert client.post(reverse("inovasi-restore", args=[deleted.inovasi.pk])).status_code == 403
    assert _rows() == before


def test_with_the_window_closed_the_restore_is_refused_and_nothing_changes(client, deleted):
    now = timezone.now()
    deleted.period.entry_opens_at, deleted.period.entry_closes_at = now - timedelta(days=30), now - timedelta(days=1)
    deleted.period.save()
    DirtyMark.objects.all().delete()
    page = client.get(reverse("inovasi-deleted"))
    assert [can for _inovasi, can in page.context["rows"]] == [False]
    assert page.context["window_open"] is False
    before = _rows()
    response = client.post(reverse("inovasi-restore", args=[deleted.inovasi.pk]))
    assert (response.status_code, response.templates[0].name) == (403, "refused.html")
    assert "Layanan Posyandu Cerdas" in response.context["message"]
    assert _rows() == before


def test_the_admin_restores_any_opds_innovation_even_with_the_window_closed(client, deleted):
    now = timezone.now()
    deleted.period.entry_opens_at, deleted.period.entry_closes_at = now - timedelta(days=30), now - timedelta(days=1)
    deleted.period.save()
    client.force_login(deleted.admin)
    assert _deleted_names(client) == ["Layanan Posyandu Cerdas"]
    assert client.post(reverse("inovasi-restore", args=[deleted.inovasi.pk])).status_code == 302
    assert Inovasi.objects.get(pk=deleted.inovasi.pk).deleted_at is None
    assert list(AuditEntry.objects.filter(action="inovasi.restore").values_list("actor", flat=True)) == [
        deleted.admin.pk
    ]


def test_restoring_twice_changes_nothing_the_second_time(client, deleted):
    assert client.post(reverse("inovasi-restore", args=[deleted.inovasi.pk])).status_code == 302
    before = _rows()
    assert client.post(reverse("inovasi-restore", args=[deleted.inovasi.pk])).status_code == 404
    stale = Inovasi.objects.get(pk=deleted.inovasi.pk)
    stale.deleted_at = deleted.deleted_at  # a copy read before the first restore
    assert restore_inovasi(stale, actor=deleted.operator_a) is False
    assert _rows() == before


# --- query counts -------------------------------------------------------------------------------------------

# Measured with 1 deleted innovation; with 30 (two pages) it must be exactly as many.
DELETED_PAGE_QUERIES = {"operator_a": 6, "admin": 7}


@pytest.mark.parametrize("role", sorted(DELETED_PAGE_QUERIES))
def test_the_deleted_page_runs_the_same_queries_for_1_and_for_30_innovations(
    client, personas, django_assert_num_queries, role
):
    period = current_period()

    def delete(name):
        inovasi = make_inovasi(personas.opd_a, personas.operator_a, period, name=name)
        Inovasi.objects.filter(pk=inovasi.pk).update(deleted_at=timezone.now())

    delete("Satu")
    client.force_login(personas.by_name(role))
    client.get(reverse("inovasi-deleted"))  # the session's first-request writes are not part of the page
    with django_assert_num_queries(DELETED_PAGE_QUERIES[role]):
        response = client.get(reverse("inovasi-deleted"))
    assert len(response.context["rows"]) == 1
    for number in range(29):
        delete(f"Lagi {number}")
    with django_assert_num_queries(DELETED_PAGE_QUERIES[role]):
        response = client.get(reverse("inovasi-deleted"))
    assert (len(response.context["rows"]), response.context["page"].paginator.count) == (25, 30)


# --- removing a photo ----------------------------------------------------------------------------------------


def test_the_detail_page_links_to_the_photo_confirmation_and_a_get_changes_nothing(client, draft):
    photo = add_photo(draft.inovasi)
    client.force_login(draft.operator_a)
    url = reverse("photo-delete", args=[photo.pk])
    detail = client.get(reverse("inovasi-detail", args=[draft.inovasi.pk]))
    assert url in _links(detail) and url not in _form_actions(detail)
    before = _rows() | {"photos": InovasiPhoto.objects.count()}
    response = client.get(url)
    _assert_confirmation(response, url, reverse("inovasi-detail", args=[draft.inovasi.pk]), "Foto kegiatan", NAME)
    assert response.context["confirmation"].title == "Hapus foto ini?"
    assert _rows() | {"photos": InovasiPhoto.objects.count()} == before
    assert client.post(url).status_code == 302
    assert not InovasiPhoto.objects.filter(pk=photo.pk).exists()
    assert AuditEntry.objects.filter(action="photo.delete", object_id=str(photo.pk)).count() == 1


@pytest.mark.parametrize(("role", "status"), [("operator_b", 404), ("kepala_a", 403), ("pendamping", 403)])
def test_the_photo_confirmation_is_refused_as_the_removal_is(client, draft, role, status):
    photo = add_photo(draft.inovasi)
    client.force_login(getattr(draft, role))
    assert client.get(reverse("photo-delete", args=[photo.pk])).status_code == status
    assert InovasiPhoto.objects.filter(pk=photo.pk).exists()
