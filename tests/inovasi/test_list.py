"""The innovation list: every filter, soft delete and restore, pagination and a constant number of queries."""

import datetime

import pytest
from django.urls import reverse

from inovasi.models import Inovasi
from portal.accounts.models import Bidang
from portal.audit.models import AuditEntry
from portal.catalogue.models import Period, Urusan
from tests.inovasi.factories import current_period, make_inovasi, option

# Measured with the 1-innovation list; the 50-innovation list must run exactly as many.
ADMIN_LIST_QUERIES = 15
OPERATOR_LIST_QUERIES = 14


def names(response):
    return [inovasi.name for inovasi in response.context["page"]]


def set_values(inovasi, **values):
    Inovasi.objects.filter(pk=inovasi.pk).update(**values)


@pytest.fixture
def five_innovations(personas):
    """Three innovations of the current period, one of 2023 and one soft-deleted, all different."""
    period = current_period()
    urusan = {name: Urusan.objects.get(name=name) for name in ("Kesehatan", "Pendidikan", "Sosial")}
    alpha = make_inovasi(
        personas.opd_a,
        personas.operator_a,
        period,
        name="Alpha",
        bidang=Bidang.objects.get(opd=personas.opd_a),
        tahapan=option("tahapan", "penerapan"),
        jenis=option("jenis", "digital"),
        inisiator=option("inisiator", "opd"),
        urusan_utama=urusan["Kesehatan"],
        hasil="Kunjungan posyandu naik dua kali lipat",
    )
    bravo = make_inovasi(
        personas.opd_a,
        personas.operator_a,
        period,
        name="Bravo",
        tahapan=option("tahapan", "uji_coba"),
        jenis=option("jenis", "non_digital"),
        inisiator=option("inisiator", "asn"),
        urusan_utama=urusan["Pendidikan"],
        permasalahan="Antrean panjang di loket",
    )
    bravo.urusan_lain.set([urusan["Kesehatan"], urusan["Sosial"]])
    charlie = make_inovasi(
        personas.opd_b,
        personas.operator_b,
        period,
        name="Charlie Posyandu Digital",
        tahapan=option("tahapan", "inisiatif"),
        jenis=option("jenis", "digital"),
        inisiator=option("inisiator", "masyarakat"),
        urusan_utama=urusan["Kesehatan"],
    )
    charlie.urusan_lain.set([urusan["Sosial"], urusan["Pendidikan"]])
    delta = make_inovasi(
        personas.opd_b,
        personas.operator_b,
        Period.objects.get(year=2023),
        name="Delta",
        trial_date=datetime.date(2022, 1, 3),
        implementation_date=datetime.date(2022, 6, 1),
    )
    echo = make_inovasi(personas.opd_a, personas.operator_a, period, name="Echo posyandu")
    set_values(alpha, status=Inovasi.Status.DRAFT, completeness=20)
    set_values(bravo, status=Inovasi.Status.SUBMITTED, completeness=50)
    set_values(charlie, status=Inovasi.Status.APPROVED, completeness=80)
    personas.period = period
    personas.urusan = urusan
    personas.records = {"alpha": alpha, "bravo": bravo, "charlie": charlie, "delta": delta, "echo": echo}
    return personas


@pytest.fixture
def admin_client(client, five_innovations):
    # Echo is deleted through the portal, as an operator would.
    client.force_login(five_innovations.operator_a)
    assert client.post(reverse("inovasi-delete", args=[five_innovations.records["echo"].pk])).status_code == 302
    client.force_login(five_innovations.admin)
    return client


def test_the_list_shows_the_current_period_by_default(admin_client):
    assert sorted(names(admin_client.get(reverse("inovasi-list")))) == ["Alpha", "Bravo", "Charlie Posyandu Digital"]


def test_the_period_filter_shows_an_earlier_period(admin_client):
    response = admin_client.get(reverse("inovasi-list"), {"period": Period.objects.get(year=2023).pk})
    assert names(response) == ["Delta"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (lambda w: {"opd": w.opd_a.pk}, ["Alpha", "Bravo"]),
        (lambda w: {"opd": w.opd_b.pk}, ["Charlie Posyandu Digital"]),
        (lambda w: {"bidang": Bidang.objects.get(opd=w.opd_a).pk}, ["Alpha"]),
        (lambda w: {"status": "diajukan"}, ["Bravo"]),
        (lambda w: {"status": "disetujui"}, ["Charlie Posyandu Digital"]),
        (lambda w: {"status": "dikirim"}, []),
        (lambda w: {"tahapan": option("tahapan", "uji_coba").pk}, ["Bravo"]),
        (lambda w: {"tahapan": option("tahapan", "inisiatif").pk}, ["Charlie Posyandu Digital"]),
        (lambda w: {"jenis": option("jenis", "digital").pk}, ["Alpha", "Charlie Posyandu Digital"]),
        (lambda w: {"jenis": option("jenis", "non_digital").pk}, ["Bravo"]),
        (lambda w: {"inisiator": option("inisiator", "asn").pk}, ["Bravo"]),
        (lambda w: {"inisiator": option("inisiator", "kepala_daerah").pk}, []),
        # Main or other urusan; Charlie matches Kesehatan as main urusan and has two others: listed once.
        (lambda w: {"urusan": w.urusan["Kesehatan"].pk}, ["Alpha", "Bravo", "Charlie Posyandu Digital"]),
        (lambda w: {"urusan": w.urusan["Sosial"].pk}, ["Bravo", "Charlie Posyandu Digital"]),
        (lambda w: {"urusan": w.urusan["Pendidikan"].pk}, ["Bravo", "Charlie Posyandu Digital"]),
        (lambda w: {"urusan": Urusan.objects.get(name="Tenaga Kerja").pk}, []),
        (lambda w: {"completeness_min": 50}, ["Bravo", "Charlie Posyandu Digital"]),
        (lambda w: {"completeness_max": 50}, ["Alpha", "Bravo"]),
        (lambda w: {"completeness_min": 30, "completeness_max": 60}, ["Bravo"]),
        (lambda w: {"completeness_min": 81}, []),
        # Name and narrative fields, case-insensitive; the deleted Echo never appears.
        (lambda w: {"q": "posyandu"}, ["Alpha", "Charlie Posyandu Digital"]),
        (lambda w: {"q": "ANTREAN"}, ["Bravo"]),
        (lambda w: {"q": "tidak ada di mana pun"}, []),
        (lambda w: {"q": "posyandu", "opd": w.opd_a.pk}, ["Alpha"]),
        (
            lambda w: {"urusan": w.urusan["Kesehatan"].pk, "jenis": option("jenis", "digital").pk},
            ["Alpha", "Charlie Posyandu Digital"],
        ),
    ],
)
def test_each_filter_gives_the_expected_innovations(admin_client, five_innovations, params, expected):
    response = admin_client.get(reverse("inovasi-list"), params(five_innovations))
    assert response.status_code == 200
    assert sorted(names(response)) == expected
    assert response.context["page"].paginator.count == len(expected)


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("name", ["Alpha", "Bravo", "Charlie Posyandu Digital"]),
        ("-name", ["Charlie Posyandu Digital", "Bravo", "Alpha"]),
        ("completeness", ["Alpha", "Bravo", "Charlie Posyandu Digital"]),
        ("-completeness", ["Charlie Posyandu Digital", "Bravo", "Alpha"]),
    ],
)
def test_the_list_is_ordered_as_asked(admin_client, ordering, expected):
    assert names(admin_client.get(reverse("inovasi-list"), {"ordering": ordering})) == expected


def test_ordering_by_name_with_the_urusan_filter_has_no_duplicates(admin_client, five_innovations):
    params = {"urusan": five_innovations.urusan["Kesehatan"].pk, "ordering": "-name"}
    assert names(admin_client.get(reverse("inovasi-list"), params)) == ["Charlie Posyandu Digital", "Bravo", "Alpha"]


# --- soft delete and restore ---------------------------------------------------------------------------


def test_a_deleted_innovation_leaves_the_list_and_the_detail_but_stays_in_the_table(admin_client, five_innovations):
    echo = five_innovations.records["echo"]
    assert "Echo posyandu" not in names(admin_client.get(reverse("inovasi-list")))
    assert admin_client.get(reverse("inovasi-detail", args=[echo.pk])).status_code == 404
    stored = Inovasi.objects.get(pk=echo.pk)
    assert stored.deleted_at is not None
    assert stored.name == "Echo posyandu"


def test_a_deleted_innovation_is_gone_for_its_operator_too(client, five_innovations):
    echo = five_innovations.records["echo"]
    client.force_login(five_innovations.operator_a)
    client.post(reverse("inovasi-delete", args=[echo.pk]))
    assert sorted(names(client.get(reverse("inovasi-list")))) == ["Alpha", "Bravo"]
    assert client.get(reverse("inovasi-detail", args=[echo.pk])).status_code == 404
    assert client.post(reverse("inovasi-delete", args=[echo.pk])).status_code == 404


def restore(client, inovasi):
    return client.post(
        reverse("admin:inovasi_inovasi_changelist"), {"action": "restore", "_selected_action": [inovasi.pk]}
    )


def test_the_admin_restore_action_brings_it_back(admin_client, five_innovations):
    echo = five_innovations.records["echo"]
    response = restore(admin_client, echo)
    assert response.status_code == 302
    assert Inovasi.objects.get(pk=echo.pk).deleted_at is None
    assert sorted(names(admin_client.get(reverse("inovasi-list")))) == [
        "Alpha",
        "Bravo",
        "Charlie Posyandu Digital",
        "Echo posyandu",
    ]
    assert admin_client.get(reverse("inovasi-detail", args=[echo.pk])).status_code == 200


def test_restoring_an_innovation_that_is_not_deleted_changes_nothing(admin_client, five_innovations):
    alpha = five_innovations.records["alpha"]
    before = list(Inovasi.objects.filter(pk=alpha.pk).values())
    restore(admin_client, alpha)
    assert list(Inovasi.objects.filter(pk=alpha.pk).values()) == before


def test_the_admin_restore_is_written_to_the_audit_trail(admin_client, five_innovations):
    # README: "every create/change/delete in the admin" is audited; a restore changes deleted_at.
    echo = five_innovations.records["echo"]
    restore(admin_client, echo)
    # The portal's own soft delete (in the fixture) is audited as "inovasi.delete"; the admin's restore goes
    # through the same rule as the OPD's (inovasi.profile.restore_inovasi): "inovasi.restore".
    entries = AuditEntry.objects.filter(object_type="inovasi.Inovasi", object_id=str(echo.pk)).exclude(
        action="inovasi.delete"
    )
    assert list(entries.values_list("action", "actor")) == [("inovasi.restore", five_innovations.admin.pk)]
    assert entries.get().after == {"deleted_at": None}


# --- pagination ------------------------------------------------------------------------------------------


def test_the_list_has_25_per_page(admin_client, five_innovations):
    for number in range(23):  # 3 + 23 = 26 innovations in the current period
        make_inovasi(
            five_innovations.opd_a, five_innovations.operator_a, five_innovations.period, name=f"Tambahan {number:02d}"
        )
    first = admin_client.get(reverse("inovasi-list"), {"ordering": "name"})
    second = admin_client.get(reverse("inovasi-list"), {"ordering": "name", "page": 2})
    assert (first.context["page"].paginator.count, first.context["page"].paginator.num_pages) == (26, 2)
    assert len(names(first)) == 25
    assert names(second) == ["Tambahan 22"]
    assert sorted(names(first) + names(second)) == sorted(
        ["Alpha", "Bravo", "Charlie Posyandu Digital", *(f"Tambahan {n:02d}" for n in range(23))]
    )


# --- query counts ----------------------------------------------------------------------------------------


def _list_queries(client, django_assert_num_queries, expected):
    client.get(reverse("inovasi-list"))  # the session's first-request writes are not part of the list
    with django_assert_num_queries(expected):
        response = client.get(reverse("inovasi-list"))
    return response


@pytest.mark.parametrize(("role", "expected"), [("admin", ADMIN_LIST_QUERIES), ("operator_a", OPERATOR_LIST_QUERIES)])
def test_the_list_runs_the_same_queries_for_1_and_for_50_innovations(
    client, personas, django_assert_num_queries, role, expected
):
    period = current_period()
    bidang = Bidang.objects.get(opd=personas.opd_a)
    first = make_inovasi(personas.opd_a, personas.operator_a, period, name="Satu", bidang=bidang)
    first.urusan_lain.set([Urusan.objects.get(name="Sosial")])
    client.force_login(personas.by_name(role))
    assert len(names(_list_queries(client, django_assert_num_queries, expected))) == 1
    for number in range(49):
        extra = make_inovasi(personas.opd_a, personas.operator_a, period, name=f"Lagi {number}", bidang=bidang)
        extra.urusan_lain.set([Urusan.objects.get(name="Sosial")])
    response = _list_queries(client, django_assert_num_queries, expected)
    assert (len(names(response)), response.context["page"].paginator.count) == (25, 50)
