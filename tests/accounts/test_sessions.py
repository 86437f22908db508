"""Session lifetime: 30 minutes idle, 12 hours absolute; deactivation ends every session."""

from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.urls import reverse

from portal.accounts.middleware import AUTH_TIME_KEY, LAST_SEEN_KEY
from tests.clients import PortalClient
from tests.personas import PASSWORD


def _signed_in(client, user, **session_values):
    client.force_login(user)
    session = client.session
    session.update(session_values)
    session.save()
    return client


def _age(client, key, seconds):
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def test_a_session_idle_past_thirty_minutes_ends(client, personas):
    _signed_in(client, personas.operator_a)
    assert client.get(reverse("home")).status_code == 200
    _age(client, LAST_SEEN_KEY, 30 * 60 + 1)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/"
    assert "_auth_user_id" not in client.session


def test_a_session_used_within_thirty_minutes_stays(client, personas):
    _signed_in(client, personas.operator_a)
    client.get(reverse("home"))
    _age(client, LAST_SEEN_KEY, 29 * 60)
    assert client.get(reverse("home")).status_code == 200


def test_a_session_ends_twelve_hours_after_sign_in_even_when_active(client, personas):
    _signed_in(client, personas.operator_a)
    client.get(reverse("home"))
    _age(client, AUTH_TIME_KEY, 12 * 60 * 60 + 1)
    assert client.get(reverse("home")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_sign_in_records_the_time_of_authentication(client, personas):
    client.post(reverse("account_login"), {"login": "operator_a", "password": PASSWORD})
    assert isinstance(client.session[AUTH_TIME_KEY], float)


def test_deactivating_a_user_ends_all_their_sessions(personas):
    first, second = PortalClient(), PortalClient()
    for client in (first, second):
        client.post(reverse("account_login"), {"login": "operator_a", "password": PASSWORD})
        assert client.get(reverse("home")).status_code == 200
    assert UserSession.objects.filter(user=personas.operator_a).count() == 2

    personas.operator_a.is_active = False
    personas.operator_a.save()

    assert UserSession.objects.filter(user=personas.operator_a).count() == 0
    assert Session.objects.count() == 0
    for client in (first, second):
        assert client.get(reverse("home")).status_code == 302


def test_a_user_sees_and_ends_their_other_sessions(personas):
    laptop, phone = PortalClient(), PortalClient(HTTP_USER_AGENT="Ponsel")
    for client in (laptop, phone):
        client.post(reverse("account_login"), {"login": "operator_a", "password": PASSWORD})
        client.get(reverse("home"))
    response = laptop.get(reverse("usersessions_list"))
    assert response.status_code == 200
    assert len(response.context["sessions"]) == 2
    laptop.post(reverse("usersessions_list"))
    assert UserSession.objects.filter(user=personas.operator_a).count() == 1
    assert laptop.get(reverse("home")).status_code == 200
    assert phone.get(reverse("home")).status_code == 302
