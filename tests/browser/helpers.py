"""Signing in through the real login and TOTP pages, and running axe-core in the page."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.browser.conftest import AXE
from tests.personas import PASSWORD, TOTP_SECRET

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_used = set()


def totp_code(secret=TOTP_SECRET):
    """The code of the current 30 s window, as an authenticator app shows it.

    allauth refuses a code twice for the same person in its window: if this test process already
    used the current window for that person, wait for the next one (at most 30 s, by polling).
    """
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(page, username, *, totp=False):
    page.goto("/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.locator("#id_password").press("Enter")
    if totp:
        page.wait_for_url(lambda url: "authenticate" in url)
        window = int(time.time()) // 30
        while (username, window) in _used:  # the same person again in the same window
            time.sleep(0.5)
            window = int(time.time()) // 30
        _used.add((username, window))
        page.fill("input[name=code]", totp_code())
        page.locator("input[name=code]").press("Enter")
    page.wait_for_url(lambda url: "/accounts/" not in url)


def axe(page, *rules):
    """axe-core's WCAG 2.1 A/AA results for the page (or only `rules`)."""
    page.add_script_tag(path=str(AXE))
    options = {"resultTypes": ["violations"]}
    options["runOnly"] = {"type": "rule", "values": list(rules)} if rules else {"type": "tag", "values": WCAG_TAGS}
    return page.evaluate("async (options) => (await axe.run(document, options)).violations", options)


def serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[node['target'] for node in v['nodes'][:5]]}" for v in violations
    )


def unlabelled_controls(page):
    """Visible form controls without a label element, aria-label or aria-labelledby naming them."""
    return page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
            .filter(el => el.type !== 'hidden' && el.type !== 'submit' && el.type !== 'button')
            .filter(el => {
              const byFor = el.id && [...document.querySelectorAll('label[for]')]
                .some(l => l.htmlFor === el.id && l.textContent.trim() && document.getElementById(el.id) === el);
              const wrapped = el.closest('label') && el.closest('label').textContent.trim();
              const aria = (el.getAttribute('aria-label') || '').trim() || el.getAttribute('aria-labelledby');
              return !(byFor || wrapped || aria || (el.title || '').trim());
            })
            .map(el => el.outerHTML.slice(0, 160))"""
    )


def duplicate_ids(page):
    return page.evaluate(
        """() => { const seen = {}; document.querySelectorAll('[id]').forEach(e => seen[e.id] = (seen[e.id] || 0) + 1);
                   return Object.keys(seen).filter(k => seen[k] > 1); }"""
    )
