"""The URL × role sweep: every named URL has one row of expected status codes per role.

A URL added without a row fails `test_every_url_has_a_row`, so each new feature is
covered by construction. Anonymous users are sent to the login page everywhere except
the explicit allow-list (login, password reset, health, language switch). The table and its
sample records live in tests/portal/url_cases.py.
"""

import pytest
from django.urls import reverse

from tests.portal.url_cases import ANONYMOUS_ALLOWED, ROLES, URL_TABLE, project_url_names, row_for, url_for
from tests.portal.url_sweep import named_urls


def test_every_url_has_a_row():
    missing = [name for name in project_url_names() if row_for(name) is None]
    assert missing == []


def test_only_djangos_own_admin_urls_are_unnamed():
    # The admin's object shortcut and catch-all redirects are Django's, not ours.
    unnamed = {route for name, route in named_urls() if not name}
    assert unnamed == {"<path:object_id>/", "(?P<url>.*)$"}


def test_anonymous_is_sent_to_login_outside_the_allow_list():
    for name in project_url_names():
        expected_anonymous = row_for(name)[1][0]
        if name not in ANONYMOUS_ALLOWED and expected_anonymous != 302:
            pytest.fail(f"{name} answers anonymous users with {expected_anonymous}")


@pytest.mark.parametrize("role", ROLES)
def test_each_url_answers_each_role_as_the_table_says(client, records_of_every_kind, role):
    if role != "anonymous":
        client.force_login(records_of_every_kind.by_name(role))
    actual, expected = {}, {}
    for name in project_url_names():
        actual[name] = client.get(url_for(name, records_of_every_kind)).status_code
        expected[name] = row_for(name)[1][ROLES.index(role)]
    assert actual == expected


@pytest.mark.parametrize("name", sorted(set(URL_TABLE) - ANONYMOUS_ALLOWED))
def test_anonymous_redirect_goes_to_login(client, records_of_every_kind, name):
    response = client.get(url_for(name, records_of_every_kind))
    assert response.status_code == 302
    assert response.url.startswith((reverse("account_login"), reverse("admin:login"))), response.url
