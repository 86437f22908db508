"""Review as fast as reading, in a real browser: a verdict saved in place (htmx) without a page load,
the summary updated out of band, the focus on the message, a refused form's errors inside its card,
the bulk pass (in place as well), comment boxes opened on demand; axe finds nothing serious on the page
after each swap."""

from types import SimpleNamespace

import pytest

from inovasi.models import Answer
from tests.browser.helpers import axe, describe, serious, sign_in
from tests.inovasi.workflow_helpers import build_in_review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def in_review(catalogue, personas):
    """An innovation in review: every indicator but the last with a level 2 and evidence, the last claimed bare."""
    inovasi, indicators = build_in_review(personas, "Inovasi Reviu Cepat")
    bare = indicators[-1]
    Answer.objects.get(inovasi=inovasi, indicator=bare).evidence.all().delete()
    return SimpleNamespace(inovasi=inovasi, indicators=indicators, bare=bare)


def count(page, verdict):
    return page.locator(f"#ringkasan-verifikasi [data-verdict-count={verdict}]").inner_text().strip()


def focused_text(page):
    return page.evaluate("() => document.activeElement && document.activeElement.textContent.trim()")


def test_verdicts_in_place_then_the_bulk_pass(in_review, pages):
    # Under the page's own strict CSP: htmx needs no inline code and no eval.
    page = pages.new()
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    sign_in(page, "pendamping", totp=True)
    page.goto(f"/inovasi/{in_review.inovasi.pk}/reviu/")
    total = len(in_review.indicators)
    assert count(page, "menunggu") == str(total)
    page.evaluate("() => { window.notReloaded = true; }")  # gone if the page loads again

    first = in_review.indicators[0]
    card = page.locator(f"#indikator-{first.pk}")
    card.locator("select[name=verification]").select_option("tidak_sesuai")
    card.locator("select[name=verified_level]").select_option("1")
    card.locator("form[hx-post] button[type=submit]").click()
    message = page.locator(f"#indikator-{first.pk} [data-htmx-message] [role=status]")
    message.wait_for()
    assert page.evaluate("() => window.notReloaded") is True
    assert focused_text(page) == message.inner_text().strip()
    assert count(page, "tidak_sesuai") == "1" and count(page, "menunggu") == str(total - 1)
    answer = Answer.objects.get(inovasi=in_review.inovasi, indicator=first)
    assert (answer.verification, answer.verified_level) == ("tidak_sesuai", 1)
    assert not refused, refused

    # The rest with axe injected (a context that lets the test's own script in), as the admin.
    page = pages.new(bypass_csp=True)
    sign_in(page, "admin", totp=True)
    page.goto(f"/inovasi/{in_review.inovasi.pk}/reviu/")
    page.evaluate("() => { window.notReloaded = true; }")

    # A value the form refuses (put into the select by hand): 400, the card with its errors, nothing saved.
    second = in_review.indicators[1]
    card = page.locator(f"#indikator-{second.pk}")
    card.locator("select[name=verified_level]").evaluate(
        "select => { select.add(new Option('9', '9')); select.value = '9'; }"
    )
    card.locator("form[hx-post] button[type=submit]").click()
    page.locator(f"#indikator-{second.pk} [data-htmx-message] [role=alert]").wait_for()
    assert page.locator(f"#indikator-{second.pk} select[aria-invalid=true]").count() == 1
    assert page.evaluate("() => window.notReloaded") is True
    assert Answer.objects.get(inovasi=in_review.inovasi, indicator=second).verification == "menunggu"
    found = serious(axe(page))
    assert not found, describe(found)

    # The comment box opens on demand.
    textarea = page.locator(f"#comment-{second.pk}")
    assert not textarea.is_visible()
    page.locator(f"details:has(#comment-{second.pk}) > summary").click()
    assert textarea.is_visible()

    # The bulk pass: every other indicator with evidence, at its claim; the bare one and the judged one stay.
    page.locator(f"form[action$='/inovasi/{in_review.inovasi.pk}/reviu/sesuai-berbukti/'] button").click()
    page.locator("#ringkasan-verifikasi [role=status]").wait_for()  # in place too: the summary with its message
    assert page.evaluate("() => window.notReloaded") is True
    assert count(page, "sesuai") == str(total - 2)
    assert count(page, "tidak_sesuai") == "1" and count(page, "menunggu") == "1"
    verdicts = dict(Answer.objects.filter(inovasi=in_review.inovasi).values_list("indicator_id", "verification"))
    assert verdicts[first.pk] == "tidak_sesuai" and verdicts[in_review.bare.pk] == "menunggu"
    pages.shot(page, "review-after-bulk")
    found = serious(axe(page))
    assert not found, describe(found)
