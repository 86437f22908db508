"""Production responses carry the security headers, including a CSP without inline code."""

from django.urls import reverse


def test_a_page_carries_every_security_header(client, db):
    response = client.get(reverse("account_login"), secure=True)
    assert response.status_code == 200
    headers = {
        name: response.headers.get(name)
        for name in [
            "Strict-Transport-Security",
            "X-Frame-Options",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Cross-Origin-Opener-Policy",
        ]
    }
    assert headers == {
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def test_the_content_security_policy_allows_no_inline_script_or_style(client, db):
    policy = client.get(reverse("account_login")).headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


def test_session_and_csrf_cookies_are_secure_and_http_only(client, personas):
    response = client.post(
        reverse("account_login"), {"login": "operator_a", "password": "Uji-Coba-Portal-2026!"}, secure=True
    )
    session_cookie = response.cookies["sessionid"]
    assert (bool(session_cookie["secure"]), bool(session_cookie["httponly"])) == (True, True)
