"""Password reset by e-mail, with a link that sets a new password under the same policy."""

import re

from django.core import mail
from django.urls import reverse

from tests.personas import PASSWORD


def _reset_link(client, email):
    client.post(reverse("account_reset_password"), {"email": email})
    assert len(mail.outbox) == 1
    return re.search(r"https?://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body).group(1)


def test_a_reset_mail_goes_to_the_user(client, personas):
    response = client.post(reverse("account_reset_password"), {"email": "operator_a@example.test"})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["operator_a@example.test"]]


def test_an_unknown_address_gets_no_link(client, personas):
    client.post(reverse("account_reset_password"), {"email": "siapa@example.test"})
    assert "password/reset/key" not in "".join(message.body for message in mail.outbox)


def test_the_link_sets_a_new_password_that_follows_the_policy(client, personas):
    link = _reset_link(client, "operator_a@example.test")
    form_url = client.get(link).url  # allauth moves the key out of the URL first
    weak = client.post(form_url, {"password1": "pendek", "password2": "pendek"})
    assert weak.status_code == 200
    done = client.post(form_url, {"password1": "Kediri-Pulih-2026!", "password2": "Kediri-Pulih-2026!"})
    assert done.status_code == 302
    personas.operator_a.refresh_from_db()
    assert personas.operator_a.check_password("Kediri-Pulih-2026!")
    assert not personas.operator_a.check_password(PASSWORD)
