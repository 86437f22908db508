"""The readable history of an innovation: profile, answers and evidence, newest first."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from inovasi.history import Change
from inovasi.models import Answer, Evidence, Inovasi
from portal.catalogue.models import Urusan
from tests.inovasi.factories import MINIMAL_PDF, current_period, post_data, sid_indicator


@pytest.fixture
def story(client, personas):
    """Created, renamed, indicator 16 answered, evidence added: each step through the portal."""
    period = current_period()
    indicator = sid_indicator(period, 16)
    client.force_login(personas.operator_a)
    assert client.post(reverse("inovasi-create"), post_data(name="Nama Lama")).status_code == 302
    inovasi = Inovasi.objects.get()
    assert client.post(reverse("inovasi-edit", args=[inovasi.pk]), post_data(name="Nama Baru")).status_code == 302
    answer_url = reverse("inovasi-answer", args=[inovasi.pk, indicator.pk])
    assert client.post(answer_url, {"level": 2}).status_code == 302
    evidence_url = reverse("inovasi-evidence-add", args=[inovasi.pk, indicator.pk])
    upload = SimpleUploadedFile("sk.pdf", MINIMAL_PDF, content_type="application/pdf")
    assert client.post(evidence_url, {"subject": "SK Inovasi", "file": upload}).status_code == 302
    personas.inovasi, personas.indicator = inovasi, indicator
    return personas


def history(client, inovasi):
    response = client.get(reverse("inovasi-history", args=[inovasi.pk]))
    assert response.status_code == 200
    return response, response.context["entries"]


def in_language_of(response, text):
    """What the page said, in the language it was rendered in (the catalogue may or may not have it)."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return gettext(text)


def test_the_history_lists_each_step_newest_first(client, story):
    response, entries = history(client, story.inovasi)

    def t(text):
        return in_language_of(response, text)

    number = {"number": story.indicator.number}
    assert [(entry.subject, entry.action) for entry in entries] == [
        (t("Evidence for indicator %(number)s") % number, t("created")),
        (t("Indicator %(number)s") % number, t("created")),
        (t("Profile"), t("changed")),
        (t("Profile"), t("created")),
    ]
    assert [entry.who for entry in entries] == [str(story.operator_a)] * 4
    assert [entry.at for entry in entries] == sorted((entry.at for entry in entries), reverse=True)


def test_the_profile_change_shows_the_old_and_the_new_name(client, story):
    response, entries = history(client, story.inovasi)
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        label = str(Inovasi._meta.get_field("name").verbose_name)
    change_entry = entries[2]
    assert change_entry.changes == [Change(label, "Nama Lama", "Nama Baru")]


def test_the_created_entries_show_the_values_given(client, story):
    response, entries = history(client, story.inovasi)
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        level_label = str(story.inovasi.answers.model._meta.get_field("level").verbose_name)
        subject_label = str(Evidence._meta.get_field("subject").verbose_name)
    evidence_entry, answer_entry = entries[0], entries[1]
    assert Change(level_label, None, 2) in answer_entry.changes
    assert Change(subject_label, None, "SK Inovasi") in evidence_entry.changes


def test_a_later_level_change_appears_on_top(client, story):
    client.post(reverse("inovasi-answer", args=[story.inovasi.pk, story.indicator.pk]), {"level": 3})
    response, entries = history(client, story.inovasi)
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        level_label = str(story.inovasi.answers.model._meta.get_field("level").verbose_name)
        expected_subject = gettext("Indicator %(number)s") % {"number": story.indicator.number}
        expected_action = gettext("changed")
    assert (entries[0].subject, entries[0].action) == (expected_subject, expected_action)
    assert entries[0].changes == [Change(level_label, 2, 3)]
    assert len(entries) == 5


def test_a_removed_evidence_stays_in_the_history(client, story):
    evidence = Evidence.objects.get()
    client.post(reverse("evidence-delete", args=[evidence.pk]))
    response, entries = history(client, story.inovasi)
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = (
            gettext("Evidence for indicator %(number)s") % {"number": story.indicator.number},
            gettext("deleted"),
        )
    assert (entries[0].subject, entries[0].action) == expected
    assert len(entries) == 5


def test_another_opds_operator_cannot_read_the_history(client, story):
    client.force_login(story.operator_b)
    assert client.get(reverse("inovasi-history", args=[story.inovasi.pk])).status_code == 404


def test_one_edit_of_name_and_other_urusan_is_one_entry(client, personas):
    current_period()
    client.force_login(personas.operator_a)
    sosial, pendidikan = Urusan.objects.get(name="Sosial"), Urusan.objects.get(name="Pendidikan")
    client.post(reverse("inovasi-create"), {**post_data(name="Nama Lama"), "urusan_lain": [sosial.pk]})
    inovasi = Inovasi.objects.get()
    client.post(
        reverse("inovasi-edit", args=[inovasi.pk]), {**post_data(name="Nama Baru"), "urusan_lain": [pendidikan.pk]}
    )
    response, entries = history(client, inovasi)
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        name_label = str(Inovasi._meta.get_field("name").verbose_name)
        urusan_label = str(Inovasi._meta.get_field("urusan_lain").verbose_name)
        expected = [gettext("changed"), gettext("created")]
    assert [entry.action for entry in entries] == expected
    assert entries[0].changes == [
        Change(name_label, "Nama Lama", "Nama Baru"),
        Change(urusan_label, "Sosial", "Pendidikan"),
    ]


def test_creating_with_other_urusan_is_one_created_entry(client, personas):
    current_period()
    client.force_login(personas.operator_a)
    sosial = Urusan.objects.get(name="Sosial")
    client.post(reverse("inovasi-create"), {**post_data(), "urusan_lain": [sosial.pk]})
    response, entries = history(client, Inovasi.objects.get())
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        assert [entry.action for entry in entries] == [gettext("created")]


def test_a_save_that_changes_no_shown_field_adds_no_entry(client, story):
    before = [(entry.subject, entry.action) for entry in history(client, story.inovasi)[1]]
    inovasi = Inovasi.objects.get(pk=story.inovasi.pk)
    inovasi.save()  # the same values again: a history row, but nothing to show
    assert [(entry.subject, entry.action) for entry in history(client, story.inovasi)[1]] == before


def test_a_verdicts_time_reads_as_a_local_date(client, story):
    answer = Answer.objects.get(inovasi=story.inovasi)
    answer.verified_at = datetime.datetime(2026, 12, 3, 13, 23, 56, tzinfo=datetime.UTC)
    answer.save()
    response, entries = history(client, story.inovasi)
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = formats.date_format(timezone.localtime(answer.verified_at), "DATETIME_FORMAT")
    assert "20" in expected  # 13:23 UTC is 20:23 in Jakarta
    assert expected in [change.new for entry in entries for change in entry.changes]
