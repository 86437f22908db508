"""Each submission is a revision; the revisions page shows what changed since the previous one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from inovasi.models import Inovasi
from inovasi.revisions import Difference
from tests.inovasi.factories import MINIMAL_PDF, post_data, sid_indicator

S = Inovasi.Status


def move(client, complete_draft, who, to, note=""):
    client.force_login(complete_draft.by_name(who))
    response = client.post(reverse("inovasi-transition", args=[complete_draft.inovasi.pk, to]), {"note": note})
    assert response.status_code == 302, response.status_code


def revisions_page(client, complete_draft, who="pendamping"):
    client.force_login(complete_draft.by_name(who))
    response = client.get(reverse("inovasi-revisions", args=[complete_draft.inovasi.pk]))
    assert response.status_code == 200
    return response


def in_language_of(response, text, **params):
    """What the page said, in the language it was rendered in (the catalogue may or may not have it)."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return gettext(text) % params if params else gettext(text)


def test_before_any_submission_the_page_says_so(client, complete_draft):
    response = revisions_page(client, complete_draft)
    context = response.context
    assert (context["latest"], context["previous"], context["differences"], context["revisions"]) == (
        None,
        None,
        [],
        [],
    )
    assert in_language_of(response, "Not submitted yet.") in response.content.decode()


def test_the_first_revision_is_the_first(client, complete_draft):
    move(client, complete_draft, "operator_a", S.SUBMITTED)
    response = revisions_page(client, complete_draft)
    context = response.context
    assert (context["latest"].number, context["previous"]) == (1, None)
    assert [revision.number for revision in context["revisions"]] == [1]
    assert in_language_of(response, "Revision %(new)s is the first submission.", new=1) in response.content.decode()
    # Against nothing, every filled-in field is new.
    name_label = in_language_of(response, "innovation name")
    assert Difference(name_label, "", "Layanan Uji Coba") in context["differences"]


def test_the_second_revision_lists_exactly_what_the_operator_changed(client, complete_draft):
    move(client, complete_draft, "operator_a", S.SUBMITTED)
    move(client, complete_draft, "pendamping", S.IN_REVIEW)
    move(client, complete_draft, "pendamping", S.RETURNED, "Perbaiki nama, indikator 17 dan bukti 33.")

    client.force_login(complete_draft.operator_a)
    pk = complete_draft.inovasi.pk
    response = client.post(reverse("inovasi-edit", args=[pk]), post_data(name="Layanan Uji Coba Terpadu"))
    assert response.status_code == 302
    indicator_17, indicator_33 = sid_indicator(complete_draft.period, 17), sid_indicator(complete_draft.period, 33)
    assert client.post(reverse("inovasi-answer", args=[pk, indicator_17.pk]), {"level": 2}).status_code == 302
    upload = SimpleUploadedFile("rekap.pdf", MINIMAL_PDF, content_type="application/pdf")
    evidence = {
        "subject": "Rekap Penerima",
        "document_number": "12/2026",
        "document_date": "2026-01-05",
        "file": upload,
    }
    assert client.post(reverse("inovasi-evidence-add", args=[pk, indicator_33.pk]), evidence).status_code == 302
    move(client, complete_draft, "operator_a", S.SUBMITTED)

    response = revisions_page(client, complete_draft)
    context = response.context
    assert (context["previous"].number, context["latest"].number) == (1, 2)

    def where(number, part):
        return in_language_of(
            response, "Indicator %(number)s, %(part)s", number=number, part=in_language_of(response, part)
        )

    assert context["differences"] == [
        Difference(in_language_of(response, "innovation name"), "Layanan Uji Coba", "Layanan Uji Coba Terpadu"),
        Difference(where("17", "level"), 3, 2),
        Difference(
            where("33", "evidence"),
            "sk.pdf (SK Inovasi)",
            "sk.pdf (SK Inovasi); rekap.pdf (Rekap Penerima · 12/2026 · 2026-01-05)",
        ),
    ]
    content = response.content.decode()
    assert in_language_of(response, "Revision %(old)s compared with revision %(new)s.", old=1, new=2) in content
    assert "Layanan Uji Coba Terpadu" in content


def test_a_resubmission_without_changes_shows_nothing_changed(client, complete_draft):
    move(client, complete_draft, "operator_a", S.SUBMITTED)
    move(client, complete_draft, "operator_a", S.DRAFT)
    move(client, complete_draft, "operator_a", S.SUBMITTED)
    response = revisions_page(client, complete_draft, "operator_a")
    assert (
        response.context["previous"].number,
        response.context["latest"].number,
        response.context["differences"],
    ) == (
        1,
        2,
        [],
    )
    assert in_language_of(response, "Nothing changed.") in response.content.decode()


@pytest.mark.parametrize(("who", "expected"), [("kepala_a", 200), ("pimpinan", 200), ("operator_b", 404)])
def test_who_reads_the_revisions(client, complete_draft, who, expected):
    move(client, complete_draft, "operator_a", S.SUBMITTED)
    client.force_login(complete_draft.by_name(who))
    assert client.get(reverse("inovasi-revisions", args=[complete_draft.inovasi.pk])).status_code == expected
