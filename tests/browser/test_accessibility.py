"""Issue 7, item 2: axe-core (WCAG 2.1 A/AA) on the main pages, labels, and the profile form by keyboard only.

axe is injected by the test (tests/browser/vendor/, never served by the app); the contexts that
run it bypass the CSP for that one injected script, the pages themselves keep theirs.
"""

import json
from types import SimpleNamespace

import pytest
from django.urls import reverse

from inovasi.models import Answer, Comment, CommentThread, Inovasi
from inovasi.verification import verify
from inovasi.workflow import transition
from portal.catalogue.models import ReferenceOption
from scoring import recompute
from tests.browser.helpers import axe, describe, duplicate_ids, serious, sign_in, unlabelled_controls
from tests.events.builders import make_event
from tests.inovasi.factories import add_evidence, add_photo, add_shared_document, current_period, make_inovasi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def review_and_public_innovations(catalogue, personas):
    """An innovation in review (a verdict form and a comment per indicator) and an approved, public one."""
    period = current_period()
    p = personas
    in_review = make_inovasi(p.opd_a, p.operator_a, period, name="Inovasi Dalam Reviu")
    public = make_inovasi(p.opd_a, p.operator_a, period, name="Inovasi Terbuka Untuk Publik")
    for inovasi in (in_review, public):
        for indicator in period.indicators.filter(scope="sid", is_archived=False):
            add_evidence(inovasi, indicator, p.operator_a, level=2)
        transition(Inovasi.objects.get(pk=inovasi.pk), Inovasi.Status.SUBMITTED, actor=p.operator_a)
        transition(Inovasi.objects.get(pk=inovasi.pk), Inovasi.Status.IN_REVIEW, actor=p.pendamping)
    first = period.indicators.filter(scope="sid", is_archived=False).order_by("pk").first()
    thread = CommentThread.objects.create(inovasi=in_review, indicator=first, created_by=p.pendamping)
    Comment.objects.create(thread=thread, author=p.pendamping, body="Mohon lengkapi SK.")  # a reply form
    add_photo(public)
    for answer in Answer.objects.filter(inovasi=public):
        verify(answer, actor=p.pendamping, verification="sesuai", verified_level=2)
    transition(Inovasi.objects.get(pk=public.pk), Inovasi.Status.APPROVED, actor=p.pendamping)
    # A claim above its verified level: the review page's reconciliation panel.
    Answer.objects.filter(inovasi=public, indicator=first).update(verification="tidak_sesuai", verified_level=1)
    add_shared_document(period, None, p.admin)  # the library page's table
    p.opd_a.public_catalogue = True
    p.opd_a.save()
    recompute.run(period.pk, full=True)
    draft = make_inovasi(p.opd_a, p.operator_a, period, name="Inovasi Masih Draf")  # the indicator forms
    photo = add_photo(draft)  # its removal's confirmation page
    event = make_event(p.opd_a)  # the organiser's page: materials upload, marking present
    return SimpleNamespace(
        period=period, personas=p, in_review=in_review, public=public, draft=draft, photo=photo, event=event
    )


PAGES = {
    # name: (who signs in, with TOTP, the address)
    "login": (None, False, lambda w: "/accounts/login/"),
    "innovation-list": ("operator_a", False, lambda w: "/inovasi/"),
    "innovation-form": ("operator_a", False, lambda w: "/inovasi/baru/"),
    "indicators": ("operator_a", False, lambda w: f"/inovasi/{w.draft.pk}/indikator/"),
    "confirm-delete": ("operator_a", False, lambda w: f"/inovasi/{w.draft.pk}/hapus/"),
    "deleted-innovations": ("operator_a", False, lambda w: "/inovasi/dihapus/"),
    "confirm-photo": ("operator_a", False, lambda w: reverse("photo-delete", args=[w.photo.pk])),
    "review": ("pendamping", True, lambda w: f"/inovasi/{w.in_review.pk}/reviu/"),
    "review-reconcile": ("pendamping", True, lambda w: f"/inovasi/{w.public.pk}/reviu/"),
    "shared-documents": ("pendamping", True, lambda w: "/dokumen-bersama/"),
    "event-organiser": ("pendamping", True, lambda w: reverse("event-detail", args=[w.event.pk])),
    "dashboard-leadership": ("pimpinan", True, lambda w: "/dasbor/pimpinan/"),
    "scores": ("pimpinan", True, lambda w: "/skor/"),  # the path to the next band and its grouped levers
    "dashboard-bappeda": ("pendamping", True, lambda w: "/"),
    "dashboard-opd": ("operator_a", False, lambda w: "/"),
    "catalogue": (None, False, lambda w: "/katalog/"),
}


@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_wcag_violations_and_every_control_labelled(review_and_public_innovations, pages, width):
    """One signed-in context per person (each signs in once), every page checked, all findings reported;
    on a desktop and on a phone's width."""
    contexts, problems, report = {}, {}, {}
    for name, (who, totp, address) in PAGES.items():
        if who not in contexts:
            contexts[who] = pages.new(bypass_csp=True, viewport={"width": width, "height": 900})
            if who:
                sign_in(contexts[who], who, totp=totp)
        page = contexts[who]
        response = page.goto(address(review_and_public_innovations))
        assert response.status == 200, (name, response.status)
        pages.shot(page, name)
        found, label, unlabelled = serious(axe(page)), axe(page, "label"), unlabelled_controls(page)
        duplicated = duplicate_ids(page)  # a label's `for` must name one control only
        report[name] = [violation["id"] for violation in found]
        if found or label or unlabelled or duplicated:
            problems[name] = (
                f"{describe(found)}\nlabel rule: {describe(label)}\n"
                f"unlabelled: {unlabelled}\nduplicate ids: {duplicated}"
            )
    (pages.folder / "axe.json").write_text(json.dumps(report, indent=2))
    assert not problems, "\n\n".join(f"{name}:\n{text}" for name, text in problems.items())


def focused(page):
    """The focused element's id (or `button:<its text>`): reading the page, never acting on it."""
    return page.evaluate(
        """() => { const el = document.activeElement; if (!el) return null;
                   return el.id || (el.tagName === 'BUTTON' ? 'button:' + el.textContent.trim() : el.name); }"""
    )


def tab_to(page, element_id, limit=200):
    """Press Tab until the element has the focus, as a keyboard user would."""
    for _ in range(limit):
        if focused(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} cannot be reached with Tab")


def choose(page, element_id, label):
    """Pick an option of the focused select with the arrow keys only."""
    options = page.evaluate(f"() => [...document.getElementById('{element_id}').options].map(o => o.text.trim())")
    target = options.index(label)
    page.keyboard.press("Home")
    for _ in range(target):
        page.keyboard.press("ArrowDown")
    assert page.evaluate(f"() => document.getElementById('{element_id}').selectedIndex") == target


def test_the_profile_form_by_keyboard_only(review_and_public_innovations, pages):
    page = pages.new()
    sign_in(page, "operator_a")
    page.goto("/inovasi/baru/")
    page.keyboard.press("Tab")
    labels = {kind: ReferenceOption.objects.filter(kind=kind) for kind in ("tahapan", "inisiator", "jenis")}
    tab_to(page, "id_name")
    page.keyboard.type("Inovasi Papan Ketik")
    for field, kind in (("tahapan", "tahapan"), ("inisiator", "inisiator"), ("jenis", "jenis")):
        tab_to(page, f"id_{field}")
        choose(page, f"id_{field}", str(labels[kind].first()))
    for field in ("bentuk", "tematik"):
        tab_to(page, f"id_{field}")
        second = page.evaluate(f"() => document.getElementById('id_{field}').options[1].text.trim()")
        choose(page, f"id_{field}", second)
    tab_to(page, "id_urusan_utama")
    choose(page, "id_urusan_utama", "Kesehatan")
    for name in Inovasi.RANCANG_BANGUN_FIELDS:
        tab_to(page, f"id_{name}")
        page.keyboard.insert_text(" ".join(["kata"] * 60))
    for name in ("tujuan", "manfaat", "hasil"):
        tab_to(page, f"id_{name}")
        page.keyboard.type(f"Isi {name}.")
    pages.shot(page, "keyboard-filled")
    tab_to(page, "button:Simpan")  # the form's own submit button, after the last field
    page.keyboard.press("Enter")
    page.wait_for_url("**/indikator/")
    created = Inovasi.objects.get(name="Inovasi Papan Ketik")
    assert created.opd == review_and_public_innovations.personas.opd_a and created.rancang_bangun_words == 360
    assert created.urusan_utama.name == "Kesehatan"
