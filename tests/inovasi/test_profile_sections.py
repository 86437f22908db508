"""The profile form in sections (issue item 3): sections with their fields in order, required markers and
help, the word counter beside the rancang bangun, the other urusan as checkboxes, and the documents a
refused submit keeps for the next one (inovasi.pending_uploads)."""

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inovasi.forms import PROFILE_SECTIONS, InovasiForm
from inovasi.models import Inovasi, PendingUpload
from inovasi.pending_uploads import kept_name, remove_name, sweep
from portal.catalogue.models import Period
from tests.inovasi.factories import MINIMAL_PDF, make_inovasi, media_files, png_bytes, post_data

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
SECTION_ANCHORS = [anchor for anchor, _title, _names in PROFILE_SECTIONS]


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """POST as the browser does, running what waits for the commit (the removal of used pending files)."""

    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def pdf(name="Anggaran 2026.pdf"):
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


def page(response):
    return response.content.decode()


def section_html(html, anchor):
    start = rf'<fieldset class="profile-section" id="bagian-{anchor}">'
    match = re.search(rf'{start}(.*?)</fieldset>\s*(?=<fieldset class="profile-section"|<button)', html, re.S)
    assert match, anchor
    return match.group(1)


def field_ids_in(html):
    """The profile fields' ids in page order (a checkbox list counts once, by its fieldset)."""
    ids = re.findall(r'<(?:input|select|textarea|fieldset)[^>]*\bid="id_([a-z_]+)"', html)
    return [name for index, name in enumerate(ids) if name not in ids[:index]]


# --- sections ---------------------------------------------------------------------------------------------


def test_every_field_of_the_form_is_in_exactly_one_section(operator_a):
    period = Period.objects.current()
    form = InovasiForm(opd=operator_a.opd_a, period=period)
    listed = [name for _anchor, _title, names in PROFILE_SECTIONS for name in names]
    assert len(listed) == len(set(listed))
    assert set(form.fields) <= set(listed)
    assert [row.field.name for section in form.sections() for row in section.rows] == [
        name for name in listed if name in form.fields
    ]


def test_the_2026_page_shows_each_section_with_its_fields_in_order_and_a_link_to_it(client, operator_a):
    html = page(client.get(reverse("inovasi-create")))
    nav = re.search(r'<nav class="profile-sections.*?</nav>', html, re.S).group(0)
    assert re.findall(r'href="#bagian-([a-z-]+)"', nav) == SECTION_ANCHORS
    expected = {
        "identitas": ["name", "bidang", "tahapan", "inisiator", "inisiator_name"],
        "klasifikasi": [
            "jenis",
            "bentuk",
            "tematik",
            "urusan_utama",
            "urusan_lain",
            "klasifikasi",
            "asta_cita",
            "program_prioritas",
        ],
        "lokasi": ["latitude", "longitude", "address"],
        "waktu": ["trial_date", "implementation_date", "development_note"],
        "rancang-bangun": list(Inovasi.RANCANG_BANGUN_FIELDS),
        "hasil": ["tujuan", "manfaat", "hasil"],
        "dokumen": ["budget_document", "business_profile", "haki_document", "award_document"],
        "media": ["video_url"],
    }
    for anchor, fields in expected.items():
        body = section_html(html, anchor)
        assert [name for name in field_ids_in(body) if name in fields] == fields, anchor
        assert set(field_ids_in(body)) - set(fields) <= {"urusan_lain_filter"}, anchor
    headings = re.findall(
        r'<fieldset class="profile-section" id="bagian-[a-z-]+">\s*<legend class="h5">([^<]+)</legend>', html
    )
    assert len(headings) == len(SECTION_ANCHORS) and headings[4] == "Rancang bangun"


def test_a_2023_profile_shows_no_2026_item_and_no_empty_section(client, operator_a):
    period_2023 = Period.objects.get(year=2023)
    period_2023.status = Period.Status.OPEN
    period_2023.entry_opens_at = timezone.now() - timedelta(days=1)
    period_2023.entry_closes_at = timezone.now() + timedelta(days=1)
    period_2023.save()
    inovasi = make_inovasi(operator_a.opd_a, operator_a.operator_a, period_2023)
    html = page(client.get(reverse("inovasi-edit", args=[inovasi.pk])))
    nav = re.search(r'<nav class="profile-sections.*?</nav>', html, re.S).group(0)
    assert "bagian-lokasi" not in html
    assert re.findall(r'href="#bagian-([a-z-]+)"', nav) == [anchor for anchor in SECTION_ANCHORS if anchor != "lokasi"]
    for name in ("latitude", "klasifikasi", "asta_cita", "program_prioritas", "haki_document", "award_document"):
        assert f'id="id_{name}"' not in html
    assert field_ids_in(section_html(html, "dokumen")) == ["budget_document", "business_profile"]


def test_required_fields_carry_a_visible_marker_and_required_and_aria_required(client, operator_a):
    html = page(client.get(reverse("inovasi-create")))
    required = ["name", "tahapan", "inisiator", "jenis", "bentuk", "tematik", "urusan_utama"]
    marked = re.findall(
        r'<label class="form-label" for="id_([a-z_]+)">[^<]*<span class="required-marker">\([^<)]+\)</span>', html
    )
    assert marked == required
    for name in required:
        control = re.search(rf'<(?:input|select)[^>]*id="id_{name}"[^>]*>', html).group(0)
        assert " required" in control and 'aria-required="true"' in control, name
    for name in ("inisiator_name", "trial_date", "dasar_hukum", "budget_document", "video_url"):
        control = re.search(rf'<(?:input|select|textarea)[^>]*id="id_{name}"[^>]*>', html).group(0)
        assert "required" not in control, name


def test_fields_show_the_national_form_help_and_are_described_by_it(client, operator_a):
    html = page(client.get(reverse("inovasi-create")))
    assert re.search(r'id="id_jenis_helptext">Digital \(daring\) atau non digital \(luring\)\.</div>', html) or (
        'id="id_jenis_helptext"' in html
    )
    for name in ("name", "tahapan", "jenis", "urusan_utama", "dasar_hukum", "budget_document", "video_url"):
        assert f'id="id_{name}_helptext"' in html, name
        control = re.search(rf'<(?:input|select|textarea)[^>]*id="id_{name}"[^>]*>', html).group(0)
        assert f'aria-describedby="id_{name}_helptext"' in control, name


def test_the_word_counter_is_in_the_rancang_bangun_section_with_the_count_of_the_post(client, operator_a):
    data = post_data(name="", permasalahan="satu dua tiga")  # refused: the name is missing
    html = page(client.post(reverse("inovasi-create"), data))
    body = section_html(html, "rancang-bangun")
    assert re.search(r'<strong id="word-count" data-minimum="300">303</strong> / 300', body)
    assert body.index('id="word-count"') < body.index('id="id_dasar_hukum"')
    assert html.count('id="word-count"') == 1


def test_other_urusan_are_checkboxes_with_a_search_box_shown_by_script(client, operator_a):
    html = page(client.get(reverse("inovasi-create")))
    body = section_html(html, "klasifikasi")
    assert '<select name="urusan_lain"' not in html
    assert len(re.findall(r'<input type="checkbox" name="urusan_lain"', body)) == 38
    assert re.search(r'<div class="checkbox-filter mb-2" hidden>\s*<label[^>]*for="id_urusan_lain_filter"', body)
    assert 'src="/static/portal/checkbox-filter.js"' in html and "<script>" not in html


def test_the_error_summary_still_links_each_field_with_an_error(client, operator_a):
    data = post_data(name="")
    data.pop("tahapan")
    html = page(client.post(reverse("inovasi-create"), data))
    summary = re.search(r"<div[^>]*data-error-summary>.*?</div>", html, re.S).group(0)
    assert re.findall(r'href="#(id_[a-z_]+)"', summary) == ["id_name", "id_tahapan"]
    nav = re.search(r'<nav class="profile-sections.*?</nav>', html, re.S).group(0)
    assert re.findall(r'<a href="#bagian-([a-z-]+)">[^<]+</a> <span class="text-danger">', nav) == ["identitas"]


# The sign-in, access, period, OPD and unread-notice reads, then one query per list the form offers (bidang
# and the OPD, five reference lists, main and other urusan, three 2026 lists): sections, markers and kept
# documents add none (a kept document costs one query, and only on a post that names one).
@pytest.mark.parametrize(("page_name", "queries"), [("inovasi-create", 17), ("inovasi-edit", 18)])
def test_the_form_page_runs_a_fixed_number_of_queries(
    client, operator_a, django_assert_num_queries, page_name, queries
):
    inovasi = make_inovasi(operator_a.opd_a, operator_a.operator_a)
    url = reverse(page_name, args=[inovasi.pk] if page_name == "inovasi-edit" else [])
    client.get(url)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


# --- documents kept across a refused submit ---------------------------------------------------------------


def refused_with(send, url, **files):
    """A submit refused for a missing name, with `files` chosen in it."""
    return send(url, {**post_data(name=""), **files})


def test_a_refused_submit_keeps_a_checked_document_and_shows_it_again(client, send, operator_a):
    response = refused_with(send, reverse("inovasi-create"), budget_document=pdf())
    assert response.status_code == 200
    pending = PendingUpload.objects.get()
    assert (pending.user, pending.opd, pending.field, pending.original_name) == (
        operator_a.operator_a,
        operator_a.opd_a,
        "budget_document",
        "Anggaran 2026.pdf",
    )
    assert re.fullmatch(r"pendingupload/[0-9a-f]{32}\.pdf", pending.file.name)
    assert media_files() == [pending.file.name]
    html = page(response)
    assert f'<input type="hidden" name="budget_document-kept" value="{pending.token}">' in html
    assert "<strong>Anggaran 2026.pdf</strong>" in html
    assert 'name="budget_document-kept-remove"' in html
    control = re.search(r'<input type="file"[^>]*id="id_budget_document"[^>]*>', html).group(0)
    assert "id_budget_document_kept" in control  # the control is described by what was kept


def test_the_next_valid_submit_stores_the_kept_document_and_removes_the_pending_one(client, send, operator_a):
    refused_with(send, reverse("inovasi-create"), budget_document=pdf())
    pending = PendingUpload.objects.get()
    response = send(reverse("inovasi-create"), {**post_data(), kept_name("budget_document"): str(pending.token)})
    assert response.status_code == 302
    inovasi = Inovasi.objects.get()
    assert re.fullmatch(r"inovasi/[0-9a-f]{32}\.pdf", inovasi.budget_document.name)
    with inovasi.budget_document.open("rb") as stored:
        assert stored.read() == MINIMAL_PDF
    assert PendingUpload.objects.count() == 0
    assert media_files() == [inovasi.budget_document.name]  # the pending file is gone


def test_a_kept_document_survives_a_second_refusal_and_is_used_on_edit(client, send, operator_a):
    inovasi = make_inovasi(operator_a.opd_a, operator_a.operator_a)
    url = reverse("inovasi-edit", args=[inovasi.pk])
    upload = SimpleUploadedFile("piagam.png", png_bytes(), content_type="image/png")
    refused_with(send, url, award_document=upload, haki_document=pdf("HAKI.pdf"))
    tokens = {pending.field: str(pending.token) for pending in PendingUpload.objects.all()}
    assert set(tokens) == {"award_document", "haki_document"}
    again = send(url, {**post_data(name=""), **{kept_name(name): token for name, token in tokens.items()}})
    assert again.status_code == 200 and PendingUpload.objects.count() == 2
    assert f'value="{tokens["award_document"]}"' in page(again)
    data = {**post_data(name="Nama Baru"), **{kept_name(name): token for name, token in tokens.items()}}
    data[remove_name("haki_document")] = "on"  # the HAKI document is removed, the award kept
    assert send(url, data).status_code == 302
    inovasi.refresh_from_db()
    assert (inovasi.name, inovasi.haki_document.name) == ("Nama Baru", "")
    assert re.fullmatch(r"inovasi/[0-9a-f]{32}\.png", inovasi.award_document.name)
    with inovasi.award_document.open("rb") as stored:
        assert stored.read() == png_bytes()
    assert PendingUpload.objects.count() == 0 and media_files() == [inovasi.award_document.name]


def test_a_refused_document_is_not_kept(client, send, operator_a):
    bad = SimpleUploadedFile("anggaran.pdf", EXECUTABLE, content_type="application/pdf")
    response = refused_with(send, reverse("inovasi-create"), budget_document=bad)
    assert [error.code for error in response.context["form"].errors.as_data()["budget_document"]] == [
        "type_not_allowed"
    ]
    assert (PendingUpload.objects.count(), media_files()) == (0, [])


def test_a_kept_document_is_refused_to_another_opds_user(client, send, operator_a):
    refused_with(send, reverse("inovasi-create"), budget_document=pdf())
    pending = PendingUpload.objects.get()
    client.force_login(operator_a.operator_b)
    data = {**post_data(), kept_name("budget_document"): str(pending.token), remove_name("budget_document"): ""}
    response = client.post(reverse("inovasi-create"), data)
    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["budget_document"]] == ["kept_missing"]
    assert not Inovasi.objects.exists()
    # Nor can they remove it: it is still there for its owner.
    client.post(reverse("inovasi-create"), {**data, remove_name("budget_document"): "on"})
    assert PendingUpload.objects.get() == pending and pending.file.name in media_files()


def test_a_kept_document_is_checked_again_when_used(client, send, operator_a):
    refused_with(send, reverse("inovasi-create"), budget_document=pdf())
    pending = PendingUpload.objects.get()
    with pending.file.open("wb") as stored:  # whatever changed it in storage since
        stored.write(EXECUTABLE)
    response = client.post(reverse("inovasi-create"), {**post_data(), kept_name("budget_document"): str(pending.token)})
    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["budget_document"]] == [
        "type_not_allowed"
    ]
    assert not Inovasi.objects.exists()


def test_choosing_another_file_replaces_the_kept_one(client, send, operator_a):
    refused_with(send, reverse("inovasi-create"), budget_document=pdf("lama.pdf"))
    first = PendingUpload.objects.get()
    refused_with(
        send,
        reverse("inovasi-create"),
        budget_document=pdf("baru.pdf"),
        **{kept_name("budget_document"): str(first.token)},
    )
    second = PendingUpload.objects.get()
    assert second.original_name == "baru.pdf" and media_files() == [second.file.name]


def test_pending_uploads_never_used_are_swept(client, send, operator_a, django_capture_on_commit_callbacks):
    refused_with(send, reverse("inovasi-create"), budget_document=pdf())
    pending = PendingUpload.objects.get()
    assert sweep() == 0
    PendingUpload.objects.filter(pk=pending.pk).update(created_at=timezone.now() - timedelta(hours=25))
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep() == 1
    assert (PendingUpload.objects.count(), media_files()) == (0, [])
    # And an expired token is refused like a foreign one.
    response = client.post(reverse("inovasi-create"), {**post_data(), kept_name("budget_document"): str(pending.token)})
    assert [error.code for error in response.context["form"].errors.as_data()["budget_document"]] == ["kept_missing"]


@pytest.mark.parametrize("token", ["", "not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_junk_or_unknown_token_is_refused_or_ignored_never_an_error_page(client, operator_a, token):
    response = client.post(reverse("inovasi-create"), {**post_data(), kept_name("budget_document"): token})
    assert response.status_code in (200, 302)


def test_a_stored_document_is_offered_as_a_download_and_can_be_removed(client, operator_a):
    inovasi = make_inovasi(operator_a.opd_a, operator_a.operator_a)
    inovasi.budget_document.save("upload.pdf", ContentFile(MINIMAL_PDF))
    url = reverse("inovasi-edit", args=[inovasi.pk])
    html = page(client.get(url))
    body = section_html(html, "dokumen")
    assert f'href="{reverse("inovasi-file", args=[inovasi.pk, "anggaran"])}"' in body
    assert "/media/" not in html and inovasi.budget_document.name not in html  # no storage name, no raw address
    assert 'name="budget_document-clear"' in body
    assert client.post(url, {**post_data(), "budget_document-clear": "on"}).status_code == 302
    inovasi.refresh_from_db()
    assert inovasi.budget_document.name == ""
