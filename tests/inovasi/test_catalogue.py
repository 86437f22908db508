"""The public catalogue: who is in it, what it shows (and never shows), search, filters, opt-in."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from inovasi.models import Inovasi
from portal.accounts.models import Opd, Role
from portal.audit.models import AuditEntry
from portal.catalogue.models import Period, Urusan
from scoring.models import InovasiScore
from tests.inovasi.factories import MINIMAL_PDF, add_evidence, add_photo, current_period, make_inovasi, option
from tests.personas import make_user

# Measured with one catalogue innovation; the page of many must run exactly as many.
LIST_QUERIES = 8
DETAIL_QUERIES = 3
LISTED = ["Aplikasi Posyandu", "Bank Sampah Sekolah", "Dapur Umum Kelurahan", "Cek Kesehatan Keliling"]


def names(response):
    return [inovasi.name for inovasi in response.context["page"]]


def publish(*opds):
    Opd.objects.filter(pk__in=[opd.pk for opd in opds]).update(public_catalogue=True)


@pytest.fixture
def catalogue_and_hidden_innovations(personas):
    """Four catalogue innovations of two opted-in OPDs, and one of every kind that must stay out."""
    period, earlier = current_period(), Period.objects.get(year=2023)
    urusan = {name: Urusan.objects.get(name=name) for name in ("Kesehatan", "Pendidikan", "Sosial")}
    personas.opd_d = Opd.objects.create(name="Kelurahan Uji D", short_name="KUD", kind=Opd.Kind.KELURAHAN)
    personas.opd_off = Opd.objects.create(name="Dinas Nonaktif", short_name="DNA", kind=Opd.Kind.DINAS, is_active=False)
    publish(personas.opd_a, personas.opd_d, personas.opd_off)

    def make(opd, name, status, period=period, **values):
        return make_inovasi(opd, personas.operator_a, period, name=name, status=status, **values)

    personas.alpha = make(
        personas.opd_a,
        "Aplikasi Posyandu",
        "disetujui",
        tahapan=option("tahapan", "penerapan"),
        jenis=option("jenis", "digital"),
        urusan_utama=urusan["Kesehatan"],
        tujuan="Mempercepat pendaftaran balita",
        video_url="https://www.youtube.com/watch?v=contoh",
    )
    personas.bravo = make(
        personas.opd_a,
        "Bank Sampah Sekolah",
        "siap_kirim",
        tahapan=option("tahapan", "uji_coba"),
        jenis=option("jenis", "non_digital"),
        urusan_utama=urusan["Pendidikan"],
        manfaat="Kader posyandu ikut memilah sampah",
    )
    personas.bravo.urusan_lain.set([urusan["Sosial"]])
    personas.charlie = make(
        personas.opd_a,
        "Cek Kesehatan Keliling",
        "dikirim",
        period=earlier,
        tahapan=option("tahapan", "penerapan"),
        jenis=option("jenis", "digital"),
        urusan_utama=urusan["Kesehatan"],
        hasil="Cakupan skrining lansia meningkat",
        national_outcome="diterima",
        national_score=Decimal("75.50"),
    )
    personas.delta = make(
        personas.opd_d,
        "Dapur Umum Kelurahan",
        "disetujui",
        tahapan=option("tahapan", "penerapan"),
        jenis=option("jenis", "non_digital"),
        urusan_utama=urusan["Sosial"],
    )
    personas.hidden = [
        make(personas.opd_a, f"Rahasia {status}", status)
        for status in ("draft", "diajukan", "direviu", "dikembalikan", "ditolak")
    ]
    personas.hidden.append(make(personas.opd_a, "Rahasia dihapus", "disetujui", deleted_at=timezone.now()))
    personas.hidden.append(make(personas.opd_b, "Rahasia OPD tidak ikut", "disetujui"))
    personas.hidden.append(make(personas.opd_off, "Rahasia OPD nonaktif", "dikirim"))
    return personas


def test_it_lists_only_approved_innovations_of_active_opds_that_opted_in(client, catalogue_and_hidden_innovations):
    response = client.get(reverse("catalogue-list"))
    assert response.status_code == 200
    assert names(response) == LISTED
    assert "Rahasia" not in response.content.decode()


def test_every_catalogue_page_opens_without_signing_in(client, catalogue_and_hidden_innovations):
    photo = add_photo(catalogue_and_hidden_innovations.alpha)
    urls = [reverse("catalogue-list"), reverse("catalogue-photo", args=[photo.pk])]
    urls += [reverse("catalogue-detail", args=[inovasi.pk]) for inovasi in Inovasi.objects.in_catalogue()]
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)


def test_the_detail_of_anything_outside_the_catalogue_does_not_exist(client, catalogue_and_hidden_innovations):
    statuses = {
        inovasi.name: client.get(reverse("catalogue-detail", args=[inovasi.pk])).status_code
        for inovasi in catalogue_and_hidden_innovations.hidden
    }
    assert statuses == {inovasi.name: 404 for inovasi in catalogue_and_hidden_innovations.hidden}


def test_the_detail_shows_the_public_profile(client, catalogue_and_hidden_innovations):
    page = client.get(reverse("catalogue-detail", args=[catalogue_and_hidden_innovations.bravo.pk]))
    assert page.context["inovasi"] == catalogue_and_hidden_innovations.bravo
    assert list(page.context["urusan_lain"]) == [Urusan.objects.get(name="Sosial")]
    html = page.content.decode()
    for text in ["Bank Sampah Sekolah", "Dinas Uji A", "Pendidikan", "Sosial", "Kader posyandu ikut memilah sampah"]:
        assert text in html
    video = client.get(reverse("catalogue-detail", args=[catalogue_and_hidden_innovations.alpha.pk])).content.decode()
    assert '<a href="https://www.youtube.com/watch?v=contoh" rel="noopener noreferrer nofollow">' in video


def _with_everything_private(catalogue_and_hidden_innovations):
    """Evidence, documents and stored scores on a catalogue innovation: none of it may show."""
    evidence = add_evidence(
        catalogue_and_hidden_innovations.alpha,
        catalogue_and_hidden_innovations.alpha.period.indicators.get(scope="sid", number="16"),
        catalogue_and_hidden_innovations.operator_a,
    )
    catalogue_and_hidden_innovations.alpha.budget_document.save("anggaran.pdf", ContentFile(MINIMAL_PDF))
    catalogue_and_hidden_innovations.alpha.business_profile.save("profil.pdf", ContentFile(MINIMAL_PDF))
    InovasiScore.objects.create(
        inovasi=catalogue_and_hidden_innovations.alpha,
        period=catalogue_and_hidden_innovations.alpha.period,
        opd=catalogue_and_hidden_innovations.opd_a,
        claimed=Decimal("47.25"),
        verified=Decimal("31.75"),
        computed_at=timezone.now(),
    )
    # Not final: a score without a recorded national outcome stays unpublished.
    Inovasi.objects.filter(pk=catalogue_and_hidden_innovations.alpha.pk).update(national_score=Decimal("88.88"))
    return evidence


def test_no_evidence_document_or_unofficial_score_reaches_the_html(client, catalogue_and_hidden_innovations):
    evidence = _with_everything_private(catalogue_and_hidden_innovations)
    add_photo(catalogue_and_hidden_innovations.alpha)
    catalogue_and_hidden_innovations.alpha.refresh_from_db()
    for url in [
        reverse("catalogue-list"),
        reverse("catalogue-detail", args=[catalogue_and_hidden_innovations.alpha.pk]),
    ]:
        html = client.get(url).content.decode()
        forbidden = [
            reverse("evidence-download", args=[evidence.pk]),
            "/bukti/",
            "/berkas/",
            "/media/",
            evidence.file.name,
            catalogue_and_hidden_innovations.alpha.budget_document.name,
            catalogue_and_hidden_innovations.alpha.business_profile.name,
            "data-maturity",
            "ematangan",  # Kematangan (maturity) in any case
            "47,25",
            "31,75",
            "88,88",
            "88.88",
        ]
        assert [text for text in forbidden if text in html] == [], url


def test_the_national_score_is_shown_once_the_outcome_is_recorded(client, catalogue_and_hidden_innovations):
    html = client.get(reverse("catalogue-detail", args=[catalogue_and_hidden_innovations.charlie.pk])).content.decode()
    assert "Diterima" in html
    assert "nilai nasional 75,50" in html


def test_the_photo_url_serves_catalogue_photos_only(client, catalogue_and_hidden_innovations):
    shown = add_photo(catalogue_and_hidden_innovations.alpha)
    response = client.get(reverse("catalogue-photo", args=[shown.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    hidden = {inovasi.name: add_photo(inovasi).pk for inovasi in catalogue_and_hidden_innovations.hidden}
    statuses = {name: client.get(reverse("catalogue-photo", args=[pk])).status_code for name, pk in hidden.items()}
    assert statuses == dict.fromkeys(hidden, 404)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("posyandu", ["Aplikasi Posyandu", "Bank Sampah Sekolah"]),  # a name and a benefit
        ("balita", ["Aplikasi Posyandu"]),  # an objective
        ("skrining lansia", ["Cek Kesehatan Keliling"]),  # a result
        ("rahasia", []),  # names outside the catalogue
        ("kata", []),  # the rancang bangun is not public, so it is not searched
    ],
)
def test_search_finds_names_and_summaries(client, catalogue_and_hidden_innovations, query, expected):
    assert names(client.get(reverse("catalogue-list"), {"q": query})) == expected


FILTERS = [
    (lambda w: {"period": Period.objects.get(year=2023).pk}, ["Cek Kesehatan Keliling"]),
    (lambda w: {"opd": w.opd_d.pk}, ["Dapur Umum Kelurahan"]),
    (lambda w: {"urusan": Urusan.objects.get(name="Sosial").pk}, ["Bank Sampah Sekolah", "Dapur Umum Kelurahan"]),
    (lambda w: {"urusan": Urusan.objects.get(name="Kesehatan").pk}, ["Aplikasi Posyandu", "Cek Kesehatan Keliling"]),
    (lambda w: {"tahapan": option("tahapan", "uji_coba").pk}, ["Bank Sampah Sekolah"]),
    (lambda w: {"jenis": option("jenis", "digital").pk}, ["Aplikasi Posyandu", "Cek Kesehatan Keliling"]),
    (
        lambda w: {"jenis": option("jenis", "non_digital").pk, "period": current_period(False).pk},
        ["Bank Sampah Sekolah", "Dapur Umum Kelurahan"],
    ),
]


@pytest.mark.parametrize(("params", "expected"), FILTERS)
def test_each_filter_gives_the_exact_set(client, catalogue_and_hidden_innovations, params, expected):
    assert names(client.get(reverse("catalogue-list"), params(catalogue_and_hidden_innovations))) == expected


def test_the_opd_filter_offers_only_opds_in_the_catalogue(client, catalogue_and_hidden_innovations):
    form = client.get(reverse("catalogue-list")).context["filter"].form
    assert [opd.short_name for opd in form.fields["opd"].queryset] == ["DUA", "KUD"]


def test_the_catalogue_pages_are_in_indonesian(client, catalogue_and_hidden_innovations):
    response = client.get(reverse("catalogue-list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"
    assert "Katalog inovasi" in response.content.decode()


def test_the_login_page_and_the_menu_link_to_the_catalogue(client, personas):
    link = f'href="{reverse("catalogue-list")}"'
    assert link in client.get(reverse("account_login")).content.decode()
    client.force_login(personas.operator_a)
    assert link in client.get(reverse("home")).content.decode()


def _many(personas, count):
    publish(personas.opd_a)
    for number in range(count):
        inovasi = make_inovasi(personas.opd_a, personas.operator_a, name=f"Inovasi {number:02}", status="dikirim")
        inovasi.urusan_lain.set(Urusan.objects.all()[:2])
        add_photo(inovasi)
        add_photo(inovasi)
    return inovasi


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_runs_a_fixed_number_of_queries(client, personas, django_assert_num_queries, count):
    _many(personas, count)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("catalogue-list"))
    assert len(names(response)) == count


@pytest.mark.parametrize("count", [1, 5])
def test_the_detail_runs_a_fixed_number_of_queries(client, personas, django_assert_num_queries, count):
    inovasi = _many(personas, 1)
    for _number in range(count):
        add_photo(inovasi)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(reverse("catalogue-detail", args=[inovasi.pk]))
    assert len(response.context["photos"]) == count + 2


def _audit_entries():
    entries = AuditEntry.objects.filter(object_type="accounts.Opd").order_by("id")
    return list(entries.values_list("action", "actor_name", "object_id", "before", "after"))


def test_the_kepala_publishes_the_own_opd(client, personas):
    client.force_login(personas.kepala_a)
    response = client.post(reverse("catalogue-opt-in", args=[personas.opd_a.pk]), {"public": "1", "next": "/inovasi/"})
    assert (response.status_code, response.url) == (302, "/inovasi/")
    assert Opd.objects.get(pk=personas.opd_a.pk).public_catalogue is True
    assert _audit_entries() == [
        (
            "catalogue_opt_in",
            "kepala_a",
            str(personas.opd_a.pk),
            {"public_catalogue": False},
            {"public_catalogue": True},
        )
    ]


def test_the_admin_takes_an_opd_out_of_the_catalogue(client, personas):
    publish(personas.opd_b)
    client.force_login(personas.admin)
    response = client.post(
        reverse("catalogue-opt-in", args=[personas.opd_b.pk]), {"public": "0", "next": "https://evil.example/"}
    )
    assert (response.status_code, response.url) == (302, reverse("inovasi-list"))
    assert Opd.objects.get(pk=personas.opd_b.pk).public_catalogue is False
    assert _audit_entries() == [
        ("catalogue_opt_out", "admin", str(personas.opd_b.pk), {"public_catalogue": True}, {"public_catalogue": False})
    ]


def test_nobody_else_may_change_the_opt_in(client, personas):
    personas.kepala_b = make_user("kepala_b", Role.KEPALA, personas.opd_b)
    statuses = {}
    for name in ["operator_a", "pendamping", "pimpinan", "operator_b", "kepala_b"]:
        client.force_login(personas.by_name(name))
        statuses[name] = client.post(reverse("catalogue-opt-in", args=[personas.opd_a.pk]), {"public": "1"}).status_code
    assert statuses == {"operator_a": 403, "pendamping": 403, "pimpinan": 403, "operator_b": 404, "kepala_b": 404}
    assert Opd.objects.get(pk=personas.opd_a.pk).public_catalogue is False
    assert _audit_entries() == []


def test_the_innovation_list_offers_the_opt_in_to_the_kepala_only(client, personas):
    action = f'action="{reverse("catalogue-opt-in", args=[personas.opd_a.pk])}"'
    shown = {}
    for name in ["kepala_a", "operator_a", "admin"]:
        client.force_login(personas.by_name(name))
        shown[name] = action in client.get(reverse("inovasi-list")).content.decode()
    assert shown == {"kepala_a": True, "operator_a": False, "admin": False}


def test_the_admin_ticks_opds_in_the_opd_list(client, personas):
    client.force_login(personas.admin)
    changelist = reverse("admin:accounts_opd_changelist")
    opds = list(client.get(changelist).context["cl"].result_list)
    assert [opd.short_name for opd in opds] == ["DUA", "PUB"]
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "_save": "Simpan"}
    data |= {"form-0-id": opds[0].pk, "form-1-id": opds[1].pk, "form-1-public_catalogue": "on"}
    assert client.post(changelist, data).status_code == 302
    published = Opd.objects.filter(public_catalogue=True).values_list("short_name", flat=True)
    assert list(published) == ["PUB"]
    assert _audit_entries() == [
        ("update", "admin", str(personas.opd_b.pk), {"public_catalogue": False}, {"public_catalogue": True})
    ]


def test_the_kepala_form_returns_to_the_page_it_was_on(client, personas):
    client.force_login(personas.kepala_a)
    html = client.get(reverse("inovasi-list"), {"status": "draft"}).content.decode()
    assert '<input type="hidden" name="next" value="/inovasi/?status=draft">' in html
    assert '<input type="hidden" name="public" value="1">' in html
