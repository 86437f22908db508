"""The Django admin opens only for an active admin membership whose session passed TOTP.

The staff and superuser flags follow the membership on every save, delete and deactivation, and
the admin site checks the membership and the session itself, whatever the flags say.
"""

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from portal.accounts.models import Membership, Role, User
from tests.personas import PASSWORD, TOTP_SECRET, current_code, make_user


def _flags(user):
    user.refresh_from_db()
    return user.is_staff, user.is_superuser


def _admin_index(client):
    return client.get(reverse("admin:index"))


@pytest.fixture
def second_admin(personas):
    """A second Bappeda admin with TOTP, to be demoted by the first."""
    return make_user("admin_dua", Role.ADMIN)


def test_a_demoted_admin_loses_the_admin_through_the_membership_form(client, personas, second_admin):
    membership = second_admin.memberships.get()
    client.force_login(personas.admin)
    change_url = reverse("admin:accounts_membership_change", args=[membership.pk])
    response = client.post(change_url, {"user": second_admin.pk, "role": Role.OPERATOR, "opd": personas.opd_a.pk})
    assert response.status_code == 302
    assert _flags(second_admin) == (False, False)
    demoted = Client()
    demoted.force_login(second_admin)
    assert _admin_index(demoted).status_code == 302  # to the login page: no admin for this session


def test_a_demoted_admin_may_drop_totp_and_still_not_open_the_admin(client, personas, second_admin):
    second_admin.memberships.update(role=Role.OPERATOR, opd=personas.opd_a)  # a bulk update sends no signal
    second_admin.save()  # any later save of the user re-derives the flags
    assert _flags(second_admin) == (False, False)
    Authenticator.objects.filter(user=second_admin).delete()
    client.force_login(second_admin)  # a password-only session, as an operator may have
    response = client.get(reverse("admin:login"))
    assert response.status_code == 403


def test_deleting_the_membership_in_bulk_removes_the_rights(client, personas, second_admin):
    client.force_login(personas.admin)
    response = client.post(
        reverse("admin:accounts_membership_changelist"),
        {"action": "delete_selected", "_selected_action": [second_admin.memberships.get().pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(user=second_admin).exists()
    assert _flags(second_admin) == (False, False)


def test_deactivating_the_user_removes_the_rights(personas, second_admin):
    second_admin.is_active = False
    second_admin.save()
    assert _flags(second_admin) == (False, False)
    second_admin.is_active = True
    second_admin.save()
    assert _flags(second_admin) == (True, True)


def test_the_staff_flag_set_by_hand_opens_nothing(client, personas):
    intruder = make_user("staf_palsu", totp=False)
    User.objects.filter(pk=intruder.pk).update(is_staff=True, is_superuser=True)
    client.force_login(intruder)
    assert _admin_index(client).status_code == 302
    assert client.get(reverse("admin:login")).status_code == 403


def test_the_user_form_cannot_set_the_staff_flag(client, personas):
    client.force_login(personas.admin)
    target = personas.operator_a
    change_url = reverse("admin:accounts_user_change", args=[target.pk])
    form = client.get(change_url).context["adminform"].form
    assert "is_staff" not in form.fields
    assert "is_superuser" not in form.fields


def test_an_admin_session_without_totp_is_sent_to_prove_it(personas):
    password_only = Client()  # force_login leaves no second-factor mark: as a session that never gave a code
    password_only.force_login(personas.admin)
    response = _admin_index(password_only)
    assert response.status_code == 302
    response = password_only.get(response.url)
    assert response.status_code == 302
    assert response.url == f"{reverse('mfa_reauthenticate')}?next=%2Fadmin%2F"
    proved = password_only.post(response.url, {"code": current_code()})
    assert proved.status_code == 302
    assert _admin_index(password_only).status_code == 200


def test_signing_in_with_password_and_code_opens_the_admin(personas):
    browser = Client()
    response = browser.post(reverse("account_login"), {"login": "admin", "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    assert _admin_index(browser).status_code == 302  # half signed in: nothing opens
    browser.post(reverse("mfa_authenticate"), {"code": current_code()})
    assert _admin_index(browser).status_code == 200


def test_enrolling_totp_in_the_session_opens_the_admin(transactional_db):
    # Committing for real: allauth announces the new authenticator on commit, inside the request.
    make_user("admin_baru", Role.ADMIN, totp=False)
    browser = Client()
    browser.post(reverse("account_login"), {"login": "admin_baru", "password": PASSWORD})
    assert browser.get(reverse("home")).url == reverse("mfa_activate_totp")
    assert _admin_index(browser).status_code == 302
    # Activation asks for the password again first, as allauth does for every security change.
    assert browser.post(reverse("account_reauthenticate"), {"password": PASSWORD}).status_code == 302
    browser.get(reverse("mfa_activate_totp"))
    session = browser.session
    session["mfa.totp.secret"] = TOTP_SECRET  # the secret the page showed, as the QR code carries it
    session.save()
    response = browser.post(reverse("mfa_activate_totp"), {"code": current_code()})
    assert response.status_code == 302
    assert _admin_index(browser).status_code == 200


def test_createsuperuser_makes_an_admin_membership(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", interactive=False, username="kepala_it", email="it@example.test", verbosity=0)
    user = User.objects.get(username="kepala_it")
    assert list(user.memberships.values_list("role", "opd")) == [(Role.ADMIN, None)]
    assert _flags(user) == (True, True)


def test_password_reset_for_an_unknown_address_sends_nothing(client, personas):
    response = client.post(reverse("account_reset_password"), {"email": "siapa@example.test"})
    assert response.status_code == 302
    assert mail.outbox == []
