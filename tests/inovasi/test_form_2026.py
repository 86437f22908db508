"""IGA 2026's extra profile items through the real pages: location, classification, Asta Cita, priority
programme, HAKI and award documents. Each is shown, saved, required for completeness and carried forward
only when the innovation's period asks for it (Period.profile_items): 2026 asks all, 2023 none.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inovasi.completeness import ASKED_ITEMS, PROFILE_ITEMS, checklist, indicator_states
from inovasi.models import Inovasi
from inovasi.revisions import snapshot
from portal.catalogue.copy import copy_catalogue
from portal.catalogue.models import Period, ProfileItem, ReferenceOption
from tests.inovasi.factories import (
    MINIMAL_PDF,
    current_period,
    make_inovasi,
    media_files,
    option,
    png_bytes,
    post_data,
)

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
ITEM_FIELDS = ["latitude", "longitude", "address", "klasifikasi", "asta_cita", "program_prioritas"]
DOCUMENT_FIELDS = ["haki_document", "award_document"]


def open_window(period):
    now = timezone.now().replace(microsecond=0)
    period.status = Period.Status.OPEN
    period.entry_opens_at, period.entry_closes_at = now - timedelta(days=1), now + timedelta(days=30)
    period.save()
    return period


def edit(client, inovasi, data):
    return client.post(reverse("inovasi-edit", args=[inovasi.pk]), data)


def stored(inovasi):
    """Everything a refused post must leave as it was, Asta Cita included."""
    row = Inovasi.objects.get(pk=inovasi.pk)
    return {**model_to_dict(row, exclude=["asta_cita", "urusan_lain"]), "asta_cita": list(row.asta_cita.all())}


def asta_cita(period, *codes):
    return list(ReferenceOption.objects.filter(kind="asta_cita", period=period, code__in=codes).order_by("code"))


def in_indonesian(message, **params):
    """The message as an Indonesian officer reads it (whatever the catalogue holds today)."""
    with translation.override("id"):
        return _(message) % params if params else _(message)


@pytest.fixture
def draft_2026(client, operator_a):
    """`operator_a` signed in, `.period` (2026, open) and `.inovasi`: OPD A's 2026 draft with every item filled."""
    operator_a.period = current_period()
    operator_a.inovasi = make_inovasi(operator_a.opd_a, operator_a.operator_a, operator_a.period)
    return operator_a


@pytest.fixture
def draft_2023(client, operator_a):
    """`operator_a` signed in and `.inovasi`: OPD A's draft of 2023, whose window is open again."""
    operator_a.inovasi = make_inovasi(
        operator_a.opd_a, operator_a.operator_a, open_window(Period.objects.get(year=2023))
    )
    return operator_a


# --- the form ----------------------------------------------------------------------------------------


def test_a_2026_form_takes_every_item_and_saves_it(client, draft_2026):
    period = draft_2026.period
    chosen = asta_cita(period, "ac1", "ac3", "ac8")
    data = {
        **post_data(),
        "latitude": "-7.823456",
        "longitude": "112.012345",
        "address": "Jl. Dhoho 1, Kelurahan Kampung Dalem",
        "klasifikasi": option("klasifikasi", "replikasi", period).pk,
        "asta_cita": [item.pk for item in chosen],
        "program_prioritas": option("program_prioritas", "mbg", period).pk,
        "haki_document": SimpleUploadedFile("sertifikat haki.pdf", MINIMAL_PDF, content_type="application/pdf"),
        "award_document": SimpleUploadedFile("piagam.jpg", png_bytes(), content_type="image/jpeg"),
    }
    response = edit(client, draft_2026.inovasi, data)
    assert response.status_code == 302, response.context["form"].errors
    saved = Inovasi.objects.get(pk=draft_2026.inovasi.pk)
    assert (saved.latitude, saved.longitude, saved.address) == (
        Decimal("-7.823456"),
        Decimal("112.012345"),
        "Jl. Dhoho 1, Kelurahan Kampung Dalem",
    )
    assert (saved.klasifikasi.code, saved.program_prioritas.code) == ("replikasi", "mbg")
    assert list(saved.asta_cita.order_by("code")) == chosen
    # Stored under generated names with the detected type's extension: the PNG named .jpg is a .png.
    assert saved.haki_document.name.startswith("inovasi/") and saved.haki_document.name.endswith(".pdf")
    assert saved.award_document.name.endswith(".png")
    assert "haki" not in saved.haki_document.name and sorted(media_files()) == sorted(
        [saved.haki_document.name, saved.award_document.name]
    )


def test_the_2026_form_shows_every_item_with_asta_cita_as_eight_checkboxes(client, draft_2026):
    response = client.get(reverse("inovasi-edit", args=[draft_2026.inovasi.pk]))
    form = response.context["form"]
    assert set(ITEM_FIELDS + DOCUMENT_FIELDS) <= set(form.fields)
    assert response.content.decode().count('type="checkbox" name="asta_cita"') == 8
    assert "<legend" in response.content.decode()


def test_the_lists_offer_only_active_options_serving_the_period(client, draft_2026):
    period_2023 = Period.objects.get(year=2023)
    ReferenceOption.objects.create(kind="klasifikasi", code="lama", name="Klasifikasi 2023", period=period_2023)
    ReferenceOption.objects.create(kind="klasifikasi", code="umum", name="Klasifikasi umum")  # every period
    retired = option("klasifikasi", "baru", draft_2026.period)
    retired.is_active = False
    retired.save()
    form = client.get(reverse("inovasi-edit", args=[draft_2026.inovasi.pk])).context["form"]
    assert sorted(form.fields["klasifikasi"].queryset.values_list("code", flat=True)) == [
        "pengembangan",
        "replikasi",
        "umum",
    ]
    assert form.fields["asta_cita"].queryset.count() == 8
    assert set(form.fields["program_prioritas"].queryset.values_list("period", flat=True)) == {draft_2026.period.pk}
    data = {**post_data(), "klasifikasi": ReferenceOption.objects.get(code="lama").pk}
    response = edit(client, draft_2026.inovasi, data)
    assert list(response.context["form"].errors) == ["klasifikasi"]


def test_a_2023_form_shows_none_of_the_items_and_posting_them_changes_nothing(client, draft_2023):
    url = reverse("inovasi-edit", args=[draft_2023.inovasi.pk])
    response = client.get(url)
    assert not set(ITEM_FIELDS + DOCUMENT_FIELDS) & set(response.context["form"].fields)
    assert 'name="latitude"' not in response.content.decode()
    period_2026 = Period.objects.get(year=2026)
    data = {
        **post_data(name="Inovasi 2023 diubah", trial_date="2022-01-10", implementation_date="2022-06-01"),
        "latitude": "-7.82",
        "longitude": "112.01",
        "address": "Jl. Dhoho 1",
        "klasifikasi": option("klasifikasi", "baru", period_2026).pk,
        "asta_cita": [item.pk for item in asta_cita(period_2026, "ac1")],
        "program_prioritas": option("program_prioritas", "mbg", period_2026).pk,
        "haki_document": SimpleUploadedFile("haki.pdf", MINIMAL_PDF, content_type="application/pdf"),
    }
    assert edit(client, draft_2023.inovasi, data).status_code == 302
    saved = Inovasi.objects.get(pk=draft_2023.inovasi.pk)
    assert saved.name == "Inovasi 2023 diubah"  # the post was taken, its 2026 items were not
    assert (saved.latitude, saved.longitude, saved.address, saved.klasifikasi, saved.program_prioritas) == (
        None,
        None,
        "",
        None,
        None,
    )
    assert (list(saved.asta_cita.all()), saved.haki_document.name, media_files()) == ([], "", [])


# --- coordinates -------------------------------------------------------------------------------------

LATITUDE_OUTSIDE = "The latitude must lie between %(low)s and %(high)s, inside %(region)s."
LONGITUDE_OUTSIDE = "The longitude must lie between %(low)s and %(high)s, inside %(region)s."
ONLY_ONE = "Fill in both the latitude and the longitude, or leave both empty."


@pytest.mark.parametrize(
    ("latitude", "longitude", "field", "message"),
    [
        ("7.816600", "112.011100", "latitude", LATITUDE_OUTSIDE),  # the sign forgotten
        ("-7.500000", "112.011100", "latitude", LATITUDE_OUTSIDE),  # north of the city
        ("-7.816600", "112.500000", "longitude", LONGITUDE_OUTSIDE),  # east of the city
        ("112.011100", "-7.816600", "latitude", LATITUDE_OUTSIDE),  # swapped
        ("-7.816600", "", "longitude", ONLY_ONE),
        ("", "112.011100", "latitude", ONLY_ONE),
    ],
)
def test_coordinates_outside_the_city_or_only_one_of_them_are_refused_in_indonesian(
    client, draft_2026, settings, latitude, longitude, field, message
):
    before = stored(draft_2026.inovasi)
    response = edit(client, draft_2026.inovasi, {**post_data(), "latitude": latitude, "longitude": longitude})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    if message == ONLY_ONE:
        assert errors[field] == [in_indonesian(ONLY_ONE)]
    else:
        low, high = ("-7.88", "-7.75") if field == "latitude" else ("111.96", "112.08")
        expected = in_indonesian(message, low=low, high=high, region="Kota Kediri")
        assert errors[field][0].startswith(expected)
        assert "Google Maps" in errors[field][0]
        assert expected in response.content.decode()
    assert stored(draft_2026.inovasi) == before


def test_the_bounds_come_from_the_settings(client, draft_2026, settings):
    settings.REGION_BOUNDS, settings.REGION_NAME = (-7.9, 111.9, -7.7, 112.2), "Wilayah Uji"
    data = {**post_data(), "latitude": "-7.850000", "longitude": "112.150000"}
    assert edit(client, draft_2026.inovasi, data).status_code == 302
    assert Inovasi.objects.get(pk=draft_2026.inovasi.pk).longitude == Decimal("112.150000")
    response = edit(client, draft_2026.inovasi, {**data, "longitude": "112.250000"})
    assert "Wilayah Uji" in response.context["form"].errors["longitude"][0]


def test_coordinates_and_address_may_be_left_empty_in_a_draft(client, draft_2026):
    data = {**post_data(), "latitude": "", "longitude": "", "address": ""}
    assert edit(client, draft_2026.inovasi, data).status_code == 302
    saved = Inovasi.objects.get(pk=draft_2026.inovasi.pk)
    assert (saved.latitude, saved.longitude, saved.address) == (None, None, "")


# --- the documents -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (EXECUTABLE, "haki.pdf"),
        (b"<html><script>alert(1)</script></html>", "haki.png"),
        (b"%PDF-1.4\nnot really a pdf", "haki.pdf"),
    ],
)
def test_a_haki_upload_that_is_not_a_real_pdf_or_image_is_refused(client, draft_2026, content, name):
    before = stored(draft_2026.inovasi)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = edit(client, draft_2026.inovasi, {**post_data(), "haki_document": upload})
    assert response.status_code == 200
    codes = [error.code for error in response.context["form"].errors.as_data()["haki_document"]]
    assert codes in (["type_not_allowed"], ["corrupt"])
    assert (stored(draft_2026.inovasi), media_files()) == (before, [])


@pytest.fixture
def with_haki(draft_2026):
    draft_2026.inovasi.haki_document.save("upload.pdf", ContentFile(MINIMAL_PDF), save=True)
    draft_2026.inovasi.award_document.save("upload.png", ContentFile(png_bytes()), save=True)
    return draft_2026


@pytest.mark.parametrize(("which", "content_type"), [("haki", "application/pdf"), ("penghargaan", "image/png")])
def test_the_documents_are_served_to_the_own_opd_and_are_404_to_another(client, with_haki, which, content_type):
    url = reverse("inovasi-file", args=[with_haki.inovasi.pk, which])
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, content_type)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(with_haki.operator_b)
    assert client.get(url).status_code == 404


def test_a_missing_document_is_404(client, draft_2026):
    assert client.get(reverse("inovasi-file", args=[draft_2026.inovasi.pk, "haki"])).status_code == 404


# --- the detail and review pages ---------------------------------------------------------------------


def test_the_detail_and_review_pages_show_the_items_the_period_asks_for(client, with_haki):
    inovasi = with_haki.inovasi
    client.force_login(with_haki.pendamping)
    for name in ("inovasi-detail", "inovasi-review"):
        page = client.get(reverse(name, args=[inovasi.pk])).content.decode()
        assert "-7.816600, 112.011100" in page
        assert "Jl. Basuki Rahmat 15" in page
        assert inovasi.klasifikasi.name in page and inovasi.program_prioritas.name in page
        assert all(item.name in page for item in inovasi.asta_cita.all())
        assert reverse("inovasi-file", args=[inovasi.pk, "haki"]) in page
        assert reverse("inovasi-file", args=[inovasi.pk, "penghargaan"]) in page


def test_the_detail_page_of_a_2023_innovation_shows_none_of_them(client, draft_2023):
    page = client.get(reverse("inovasi-detail", args=[draft_2023.inovasi.pk])).content.decode()
    for label in ("Coordinates", "Asta Cita", "National priority programme", "Award document"):
        assert in_indonesian(label) not in page


# --- completeness ------------------------------------------------------------------------------------


def labels_missing(client, inovasi):
    """The profile items of the detail page's checklist not done (the indicators' items follow them)."""
    items = client.get(reverse("inovasi-detail", args=[inovasi.pk])).context["checklist"]
    asked = [item for item in ASKED_ITEMS if inovasi.period.asks(item)]
    return [item.label for item in items[: len(PROFILE_ITEMS) + len(asked)] if not item.done]


@pytest.mark.parametrize(
    ("cleared", "missing"),
    [
        ({"address": ""}, ProfileItem.LOKASI),
        ({"latitude": None, "longitude": None}, ProfileItem.LOKASI),
        ({"klasifikasi": None}, ProfileItem.KLASIFIKASI),
        ({"program_prioritas": None}, ProfileItem.PROGRAM_PRIORITAS),
        ({"asta_cita": []}, ProfileItem.ASTA_CITA),
    ],
)
def test_completeness_in_2026_needs_each_asked_item(client, operator_a, cleared, missing):
    complete = make_inovasi(operator_a.opd_a, operator_a.operator_a, name="Lengkap")
    assert labels_missing(client, complete) == []  # no HAKI, no award: still complete
    inovasi = make_inovasi(operator_a.opd_a, operator_a.operator_a, name="Kurang", **cleared)
    with translation.override("id"):
        assert labels_missing(client, inovasi) == [str(missing.label)]
    assert inovasi.completeness < complete.completeness


def test_completeness_in_2023_asks_none_of_them(client, draft_2023):
    inovasi = draft_2023.inovasi
    states = indicator_states(inovasi)
    items = checklist(inovasi, states)
    assert len(items) == len(PROFILE_ITEMS) + len([s for s in states if s.indicator.is_mandatory or s.level])
    assert not {str(item.label) for item in ASKED_ITEMS} & {item.label for item in items}


# --- carry-forward, revisions, history ---------------------------------------------------------------


def make_current(period):
    Period.objects.filter(is_current=True).update(is_current=False)
    period.is_current = True
    period.save()
    return open_window(period)


@pytest.fixture
def carried_2027(client, with_haki):
    """OPD A's full 2026 innovation (`.inovasi`), and `.period` 2027 copied from 2026, now current and open."""
    with_haki.period = make_current(copy_catalogue(with_haki.period, 2027))
    return with_haki


def carry(client, inovasi):
    response = client.post(reverse("inovasi-carry-forward", args=[inovasi.pk]), {"development_note": "Dikembangkan"})
    assert response.status_code == 302
    return Inovasi.objects.get(predecessor=inovasi)


def test_carry_forward_copies_the_items_into_the_next_years_lists(client, carried_2027):
    earlier, period = carried_2027.inovasi, carried_2027.period
    created = carry(client, earlier)
    assert (created.period, created.latitude, created.longitude, created.address) == (
        period,
        earlier.latitude,
        earlier.longitude,
        earlier.address,
    )
    # 2027 has its own copy of each year's list: the same codes, its rows.
    assert (created.klasifikasi, created.program_prioritas) == (
        option("klasifikasi", "pengembangan", period),
        option("program_prioritas", "ckg", period),
    )
    assert list(created.asta_cita.order_by("code")) == asta_cita(period, "ac4", "ac7")
    assert (created.haki_document.name, created.award_document.name) == (
        earlier.haki_document.name,
        earlier.award_document.name,
    )
    assert labels_missing(client, created) == []


def test_carry_forward_copies_only_the_items_the_new_period_asks_for(client, carried_2027):
    carried_2027.period.profile_items = [ProfileItem.LOKASI]
    carried_2027.period.save()
    created = carry(client, carried_2027.inovasi)
    assert (created.latitude, created.address) == (Decimal("-7.816600"), "Jl. Basuki Rahmat 15")
    assert (created.klasifikasi, created.program_prioritas, list(created.asta_cita.all())) == (None, None, [])
    assert (created.haki_document.name, created.award_document.name) == ("", "")


def test_a_revision_and_the_history_name_the_asta_cita(client, draft_2026):
    names = sorted(item.name for item in draft_2026.inovasi.asta_cita.all())
    profile = snapshot(draft_2026.inovasi)["profile"]
    assert (profile["asta_cita"], profile["latitude"], profile["klasifikasi"]) == (
        ", ".join(names),
        "-7.816600",
        "Pengembangan inovasi yang sudah ada",
    )
    data = {**post_data(), "asta_cita": [item.pk for item in asta_cita(draft_2026.period, "ac2")]}
    assert edit(client, draft_2026.inovasi, data).status_code == 302
    entries = client.get(reverse("inovasi-history", args=[draft_2026.inovasi.pk])).context["entries"]
    change = next(change for change in entries[0].changes if change.label == "Asta Cita")
    assert (change.old, change.new) == (", ".join(names), asta_cita(draft_2026.period, "ac2")[0].name)
