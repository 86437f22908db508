"""The profile form through `inovasi-create` and `inovasi-edit`: validation, ownership, history, documents."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inovasi.models import Inovasi
from portal.accounts.models import Bidang
from portal.catalogue.models import Period, Urusan
from tests.inovasi.factories import MINIMAL_PDF, WORDS_300, make_inovasi, post_data

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def error_codes(form):
    return {field: [error.code for error in errors] for field, errors in form.errors.as_data().items()}


def test_it_creates_one_draft_of_the_operators_opd_in_the_current_period(client, operator_a):
    response = client.post(reverse("inovasi-create"), post_data())
    inovasi = Inovasi.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("inovasi-indicators", args=[inovasi.pk])
    assert (inovasi.opd, inovasi.period, inovasi.status, inovasi.created_by, inovasi.name) == (
        operator_a.opd_a,
        Period.objects.current(),
        Inovasi.Status.DRAFT,
        operator_a.operator_a,
        "Layanan Uji Coba",
    )
    assert inovasi.deleted_at is None


@pytest.mark.parametrize("field", ["tahapan", "inisiator", "jenis", "bentuk", "tematik", "urusan_utama", "name"])
def test_each_required_field_missing_gives_that_field_error_and_creates_nothing(client, operator_a, field):
    data = post_data()
    del data[field]
    response = client.post(reverse("inovasi-create"), data)
    assert response.status_code == 200
    assert error_codes(response.context["form"]) == {field: ["required"]}
    assert Inovasi.objects.count() == 0


def _split_words(total):
    """`total` words spread over the six rancang bangun parts (as evenly as possible)."""
    parts = {name: [] for name in Inovasi.RANCANG_BANGUN_FIELDS}
    for index in range(total):
        parts[Inovasi.RANCANG_BANGUN_FIELDS[index % 6]].append(f"kata{index}")
    return {name: " ".join(words) for name, words in parts.items()}


def test_it_refuses_a_rancang_bangun_of_299_words_with_a_non_field_error(client, operator_a):
    response = client.post(reverse("inovasi-create"), post_data(**_split_words(299)))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["__all__"]
    assert len(response.context["form"].non_field_errors()) == 1
    assert Inovasi.objects.count() == 0


def test_it_accepts_300_words_split_across_the_six_parts(client, operator_a):
    parts = _split_words(300)
    assert all(len(text.split()) == 50 for text in parts.values())
    response = client.post(reverse("inovasi-create"), post_data(**parts))
    assert response.status_code == 302
    inovasi = Inovasi.objects.get()
    assert inovasi.rancang_bangun_words == 300


def test_it_refuses_an_implementation_before_the_trial(client, operator_a):
    data = post_data(trial_date=datetime.date(2025, 6, 1), implementation_date=datetime.date(2025, 5, 31))
    response = client.post(reverse("inovasi-create"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["implementation_date"]
    assert Inovasi.objects.count() == 0


def test_it_refuses_a_date_after_the_end_of_the_period_year(client, operator_a):
    data = post_data(implementation_date=datetime.date(2027, 1, 1))
    response = client.post(reverse("inovasi-create"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["implementation_date"]
    assert Inovasi.objects.count() == 0


def test_it_accepts_the_last_day_of_the_period_year(client, operator_a):
    data = post_data(implementation_date=datetime.date(2026, 12, 31))
    assert client.post(reverse("inovasi-create"), data).status_code == 302
    assert Inovasi.objects.get().implementation_date == datetime.date(2026, 12, 31)


def test_it_refuses_the_main_urusan_as_an_other_urusan(client, operator_a):
    main = Urusan.objects.get(name="Kesehatan")
    data = post_data(urusan_utama=main, urusan_lain=[Urusan.objects.get(name="Pendidikan"), main])
    response = client.post(reverse("inovasi-create"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["urusan_lain"]
    assert Inovasi.objects.count() == 0


def test_it_refuses_a_bidang_of_another_opd(client, operator_a):
    foreign = Bidang.objects.create(opd=operator_a.opd_b, name="Bidang Lain")
    response = client.post(reverse("inovasi-create"), {**post_data(), "bidang": foreign.pk})
    assert response.status_code == 200
    assert error_codes(response.context["form"]) == {"bidang": ["invalid_choice"]}
    assert Inovasi.objects.count() == 0


def test_it_accepts_a_bidang_of_the_own_opd(client, operator_a):
    own = Bidang.objects.get(opd=operator_a.opd_a)
    assert client.post(reverse("inovasi-create"), {**post_data(), "bidang": own.pk}).status_code == 302
    assert Inovasi.objects.get().bidang == own


def test_it_ignores_posted_owner_period_status_completeness_and_creator(client, operator_a):
    data = {
        **post_data(),
        "opd": operator_a.opd_b.pk,
        "period": Period.objects.get(year=2023).pk,
        "status": Inovasi.Status.APPROVED,
        "completeness": 100,
        "created_by": operator_a.operator_b.pk,
        "deleted_at": "2026-01-01T00:00",
        "predecessor": "",
    }
    response = client.post(reverse("inovasi-create"), data)
    assert response.status_code == 302
    inovasi = Inovasi.objects.get()
    assert (inovasi.opd, inovasi.period, inovasi.status, inovasi.created_by, inovasi.deleted_at) == (
        operator_a.opd_a,
        Period.objects.current(),
        Inovasi.Status.DRAFT,
        operator_a.operator_a,
        None,
    )
    # Computed, not posted: the ten profile items and 2026's four asked items are done, the five mandatory
    # indicators are not (14/19).
    assert inovasi.completeness == 74


def test_editing_changes_the_profile_and_writes_one_history_row(client, operator_a):
    inovasi = make_inovasi(operator_a.opd_a, operator_a.operator_a)
    before = inovasi.history.count()
    data = post_data(name="Layanan Baru", hasil="Hasil yang lebih baik")
    response = client.post(reverse("inovasi-edit", args=[inovasi.pk]), data)
    assert response.status_code == 302
    assert response.url == reverse("inovasi-detail", args=[inovasi.pk])
    inovasi.refresh_from_db()
    assert (inovasi.name, inovasi.hasil) == ("Layanan Baru", "Hasil yang lebih baik")
    assert inovasi.history.count() == before + 1
    assert inovasi.history.latest().history_user == operator_a.operator_a


def test_editing_ignores_posted_owner_and_status(client, operator_a):
    inovasi = make_inovasi(operator_a.opd_a, operator_a.operator_a)
    data = {**post_data(name="Nama Baru"), "opd": operator_a.opd_b.pk, "status": Inovasi.Status.SENT}
    assert client.post(reverse("inovasi-edit", args=[inovasi.pk]), data).status_code == 302
    inovasi.refresh_from_db()
    assert (inovasi.name, inovasi.opd, inovasi.status) == ("Nama Baru", operator_a.opd_a, Inovasi.Status.DRAFT)


def test_an_invalid_edit_changes_nothing(client, operator_a):
    inovasi = make_inovasi(operator_a.opd_a, operator_a.operator_a)
    before = inovasi.history.count()
    data = post_data(name="Nama Baru", dasar_hukum="terlalu pendek")
    response = client.post(reverse("inovasi-edit", args=[inovasi.pk]), data)
    assert response.status_code == 200
    inovasi.refresh_from_db()
    assert (inovasi.name, inovasi.dasar_hukum, inovasi.history.count()) == ("Layanan Uji Coba", WORDS_300, before)


def test_a_real_pdf_budget_document_is_stored_under_a_generated_name(client, operator_a):
    inovasi = make_inovasi(operator_a.opd_a, operator_a.operator_a)
    upload = SimpleUploadedFile("Anggaran Rahasia.pdf", MINIMAL_PDF, content_type="application/pdf")
    response = client.post(reverse("inovasi-edit", args=[inovasi.pk]), {**post_data(), "budget_document": upload})
    assert response.status_code == 302
    inovasi.refresh_from_db()
    assert inovasi.budget_document.name.startswith("inovasi/")
    assert inovasi.budget_document.name.endswith(".pdf")
    assert "Rahasia" not in inovasi.budget_document.name
    with inovasi.budget_document.open("rb") as stored:
        assert stored.read() == MINIMAL_PDF


def test_an_executable_renamed_pdf_is_refused_as_budget_document_and_the_stored_file_is_kept(client, operator_a):
    inovasi = make_inovasi(operator_a.opd_a, operator_a.operator_a)
    inovasi.budget_document.save("upload.pdf", ContentFile(MINIMAL_PDF))
    stored_name = inovasi.budget_document.name
    upload = SimpleUploadedFile("anggaran.pdf", EXECUTABLE, content_type="application/pdf")
    data = {**post_data(name="Nama Baru"), "budget_document": upload}
    response = client.post(reverse("inovasi-edit", args=[inovasi.pk]), data)
    assert response.status_code == 200
    assert error_codes(response.context["form"]) == {"budget_document": ["type_not_allowed"]}
    inovasi.refresh_from_db()
    assert (inovasi.budget_document.name, inovasi.name) == (stored_name, "Layanan Uji Coba")
    with inovasi.budget_document.open("rb") as stored:
        assert stored.read() == MINIMAL_PDF


def test_an_executable_renamed_pdf_is_refused_as_business_profile_on_create(client, operator_a):
    upload = SimpleUploadedFile("profil.pdf", EXECUTABLE, content_type="application/pdf")
    response = client.post(reverse("inovasi-create"), {**post_data(), "business_profile": upload})
    assert response.status_code == 200
    assert error_codes(response.context["form"]) == {"business_profile": ["type_not_allowed"]}
    assert Inovasi.objects.count() == 0


def test_editing_the_other_urusan_writes_one_history_row(client, operator_a):
    inovasi = make_inovasi(operator_a.opd_a, operator_a.operator_a)
    inovasi.urusan_lain.set([Urusan.objects.get(name="Sosial")])
    before = inovasi.history.count()
    data = post_data(name="Layanan Baru", urusan_lain=[Urusan.objects.get(name="Pendidikan")])
    assert client.post(reverse("inovasi-edit", args=[inovasi.pk]), data).status_code == 302
    assert list(inovasi.urusan_lain.values_list("name", flat=True)) == ["Pendidikan"]
    # One submit, one history row (it holds the new other urusan).
    assert inovasi.history.count() == before + 1
    assert [row.urusan for row in inovasi.history.latest().urusan_lain.all()] == [Urusan.objects.get(name="Pendidikan")]
