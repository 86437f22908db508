"""Signing in through the real login and TOTP pages, and running axe-core in the page."""

import time
from pathlib import Path

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.personas import PASSWORD, TOTP_SECRET

AXE = Path(__file__).parent / "vendor" / "axe.min.js"  # axe-core 4.11.0, for the tests only
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TOTP_PERIOD = mfa_settings.TOTP_PERIOD
_used = set()  # (username, window) pairs this test process has signed in with


def totp_code(secret=TOTP_SECRET, at=None):
    """The code an authenticator app shows at `at` (now), from allauth's own HOTP helpers."""
    return format_hotp_value(hotp_value(secret, int(time.time() if at is None else at) // TOTP_PERIOD))


def _fresh_window(username):
    """A TOTP window this person has not used yet, with at least 3 s left in it.

    allauth (tolerance 0 by default) accepts only the current window's code and refuses the same
    code twice for one person: near the end of a window, or when this person already signed in
    in it, wait (polling) for the next window.
    """
    while True:
        now = time.time()
        window, left = int(now) // TOTP_PERIOD, TOTP_PERIOD - now % TOTP_PERIOD
        if left >= 3 and (username, window) not in _used:
            _used.add((username, window))
            return now
        time.sleep(0.2)


def sign_in(page, username, *, totp=False):
    """Through the real login page, and the TOTP page for the roles that must use it."""
    page.goto("/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.locator("#id_password").press("Enter")
    if totp:
        page.wait_for_url(lambda url: "authenticate" in url)
        page.fill("input[name=code]", totp_code(at=_fresh_window(username)))
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
