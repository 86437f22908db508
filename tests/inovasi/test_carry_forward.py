"""'Ajukan kembali': an earlier period's innovation becomes a new draft of the current period."""

import datetime

import pytest
from django.urls import reverse

from inovasi.models import Answer, Evidence, Inovasi
from portal.accounts.models import Bidang
from portal.catalogue.models import Period, Urusan
from tests.inovasi.factories import add_evidence, current_period, make_inovasi, sid_indicator

COMPARED = [
    "name",
    "bidang_id",
    "tahapan_id",
    "inisiator_id",
    "inisiator_name",
    "jenis_id",
    "bentuk_id",
    "tematik_id",
    "urusan_utama_id",
    "trial_date",
    "implementation_date",
    *Inovasi.RANCANG_BANGUN_FIELDS,
    "tujuan",
    "manfaat",
    "hasil",
    "video_url",
]


@pytest.fixture
def earlier_innovation(personas):
    """The personas plus `.period` (2026), `.earlier_period` (2023) and `.earlier`: OPD A's 2023 innovation."""
    personas.period = current_period()
    personas.earlier_period = Period.objects.get(year=2023)
    personas.earlier = make_inovasi(
        personas.opd_a,
        personas.operator_b,  # who created it does not matter: it belongs to OPD A
        personas.earlier_period,
        name="Sistem Antrean Puskesmas",
        bidang=Bidang.objects.get(opd=personas.opd_a),
        inisiator_name="dr. Ani",
        trial_date=datetime.date(2022, 2, 1),
        implementation_date=datetime.date(2022, 8, 1),
        dasar_hukum="Perbup 1/2022 " + " ".join(["dasar"] * 100),
        permasalahan="Antrean " * 100,
        isu_strategis="Isu strategis",
        metode_pembaharuan="Metode " * 50,
        keunggulan="Keunggulan " * 40,
        cara_kerja="Cara kerja " * 20,
        video_url="https://youtu.be/abc",
    )
    personas.earlier.urusan_lain.set(Urusan.objects.filter(name__in=["Pendidikan", "Sosial"]))
    add_evidence(personas.earlier, sid_indicator(personas.earlier_period, 16), personas.operator_a, level=3)
    return personas


def carry_forward_url(inovasi):
    return reverse("inovasi-carry-forward", args=[inovasi.pk])


def test_it_creates_a_draft_in_the_current_period_with_the_profile_copied(client, earlier_innovation):
    client.force_login(earlier_innovation.operator_a)
    note = "Kini terhubung dengan aplikasi antrean daring."
    response = client.post(carry_forward_url(earlier_innovation.earlier), {"development_note": note})
    created = Inovasi.objects.exclude(pk=earlier_innovation.earlier.pk).get()
    assert response.status_code == 302
    assert response.url == reverse("inovasi-edit", args=[created.pk])
    assert (
        created.period,
        created.opd,
        created.status,
        created.predecessor,
        created.development_note,
        created.created_by,
        created.deleted_at,
    ) == (
        earlier_innovation.period,
        earlier_innovation.opd_a,
        Inovasi.Status.DRAFT,
        earlier_innovation.earlier,
        note,
        earlier_innovation.operator_a,
        None,
    )
    copied = Inovasi.objects.filter(pk=created.pk).values(*COMPARED).get()
    original = Inovasi.objects.filter(pk=earlier_innovation.earlier.pk).values(*COMPARED).get()
    assert copied == original
    assert copied["name"] == "Sistem Antrean Puskesmas"
    assert set(created.urusan_lain.values_list("name", flat=True)) == {"Pendidikan", "Sosial"}
    assert created.rancang_bangun_words == earlier_innovation.earlier.rancang_bangun_words


def test_it_copies_no_answers_or_evidence(client, earlier_innovation):
    client.force_login(earlier_innovation.operator_a)
    client.post(carry_forward_url(earlier_innovation.earlier), {"development_note": "Dikembangkan"})
    created = Inovasi.objects.exclude(pk=earlier_innovation.earlier.pk).get()
    assert (
        Answer.objects.filter(inovasi=created).count(),
        Evidence.objects.filter(answer__inovasi=created).count(),
    ) == (
        0,
        0,
    )
    assert list(Answer.objects.values_list("inovasi", flat=True)) == [earlier_innovation.earlier.pk]
    assert Evidence.objects.count() == 1


def test_it_refreshes_the_completeness_of_the_new_draft(client, earlier_innovation):
    Inovasi.objects.filter(pk=earlier_innovation.earlier.pk).update(completeness=93)
    client.force_login(earlier_innovation.operator_a)
    client.post(carry_forward_url(earlier_innovation.earlier), {"development_note": "Dikembangkan"})
    created = Inovasi.objects.exclude(pk=earlier_innovation.earlier.pk).get()
    # Ten profile items done, 2026's four asked items not (2023 had none to copy), none of the five mandatory
    # 2026 indicators answered: 10 of 19.
    assert created.completeness == 53


def test_it_leaves_the_earlier_innovation_as_it_was(client, earlier_innovation):
    before = list(Inovasi.objects.filter(pk=earlier_innovation.earlier.pk).values())
    client.force_login(earlier_innovation.operator_a)
    client.post(carry_forward_url(earlier_innovation.earlier), {"development_note": "Dikembangkan"})
    assert list(Inovasi.objects.filter(pk=earlier_innovation.earlier.pk).values()) == before


@pytest.mark.parametrize("note", ["", "   "])
def test_an_empty_development_note_is_refused(client, earlier_innovation, note):
    client.force_login(earlier_innovation.operator_a)
    response = client.post(carry_forward_url(earlier_innovation.earlier), {"development_note": note})
    assert response.status_code == 200
    assert {field: [e.code for e in errors] for field, errors in response.context["form"].errors.as_data().items()} == {
        "development_note": ["required"]
    }
    assert Inovasi.objects.count() == 1


def test_the_form_page_is_shown_to_the_operator(client, earlier_innovation):
    client.force_login(earlier_innovation.operator_a)
    response = client.get(carry_forward_url(earlier_innovation.earlier))
    assert response.status_code == 200
    assert (response.context["earlier"], response.context["period"]) == (
        earlier_innovation.earlier,
        earlier_innovation.period,
    )


def test_carrying_forward_from_the_current_period_is_refused(client, earlier_innovation):
    current = make_inovasi(
        earlier_innovation.opd_a, earlier_innovation.operator_a, earlier_innovation.period, name="Sudah 2026"
    )
    client.force_login(earlier_innovation.operator_a)
    response = client.post(carry_forward_url(current), {"development_note": "Dikembangkan"})
    assert response.status_code == 403
    assert Inovasi.objects.count() == 2


def test_operator_b_cannot_carry_forward_opd_as_innovation(client, earlier_innovation):
    client.force_login(earlier_innovation.operator_b)
    response = client.post(carry_forward_url(earlier_innovation.earlier), {"development_note": "Dikembangkan"})
    assert response.status_code == 404
    assert Inovasi.objects.count() == 1


@pytest.mark.parametrize("role", ["kepala_a", "pimpinan", "pendamping"])
def test_readers_cannot_carry_forward(client, earlier_innovation, role):
    client.force_login(earlier_innovation.by_name(role))
    response = client.post(carry_forward_url(earlier_innovation.earlier), {"development_note": "Dikembangkan"})
    assert response.status_code == 403
    assert Inovasi.objects.count() == 1


def test_a_deleted_earlier_innovation_cannot_be_carried_forward(client, earlier_innovation):
    Inovasi.objects.filter(pk=earlier_innovation.earlier.pk).update(deleted_at=earlier_innovation.period.entry_opens_at)
    client.force_login(earlier_innovation.operator_a)
    response = client.post(carry_forward_url(earlier_innovation.earlier), {"development_note": "Dikembangkan"})
    assert response.status_code == 404
    assert Inovasi.objects.count() == 1


def test_with_the_window_closed_the_operator_cannot_carry_forward(client, earlier_innovation):
    earlier_innovation.period.status = Period.Status.REVIEW
    earlier_innovation.period.save()
    client.force_login(earlier_innovation.operator_a)
    response = client.post(carry_forward_url(earlier_innovation.earlier), {"development_note": "Dikembangkan"})
    assert (response.status_code, response.templates[0].name) == (403, "refused.html")
    assert Inovasi.objects.count() == 1


def test_the_admin_carries_forward_for_the_opd(client, earlier_innovation):
    client.force_login(earlier_innovation.admin)
    response = client.post(carry_forward_url(earlier_innovation.earlier), {"development_note": "Dikembangkan"})
    assert response.status_code == 302
    created = Inovasi.objects.exclude(pk=earlier_innovation.earlier.pk).get()
    assert (created.opd, created.created_by, created.predecessor) == (
        earlier_innovation.opd_a,
        earlier_innovation.admin,
        earlier_innovation.earlier,
    )
