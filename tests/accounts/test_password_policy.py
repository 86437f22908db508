"""Peraturan BSSN 4/2021 password rules: length, classes, repetition, reuse and expiry."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import PasswordHistory
from tests.personas import PASSWORD


def _codes(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return sorted(e.code for e in error.error_list)
    return []


def test_eleven_characters_are_refused():
    assert _codes("Kediri-20a!") == ["password_too_short"]


def test_twelve_characters_with_every_class_are_accepted():
    assert _codes("Kediri-2026!") == []


@pytest.mark.parametrize(
    "password",
    ["kediri-2026!x", "KEDIRI-2026!X", "Kediri-Kota!x", "Kediri2026xyZ"],
    ids=["no-upper", "no-lower", "no-digit", "no-symbol"],
)
def test_each_missing_character_class_is_refused(password):
    assert _codes(password) == ["password_character_classes"]


def test_a_character_three_times_in_a_row_is_refused_twice_is_fine():
    assert _codes("Kediri-2026!!!") == ["password_repeated_character"]
    assert _codes("Kediri-2026!!") == []


def _change_password(client, old, new):
    return client.post(
        reverse("account_change_password"),
        {"oldpassword": old, "password1": new, "password2": new},
    )


def test_changing_to_a_new_password_works_and_is_recorded(client, personas):
    client.force_login(personas.operator_a)
    response = _change_password(client, PASSWORD, "Kediri-Baru-2026!")
    assert response.status_code == 302
    personas.operator_a.refresh_from_db()
    assert personas.operator_a.check_password("Kediri-Baru-2026!")
    assert PasswordHistory.objects.filter(user=personas.operator_a).count() == 2


def test_reusing_one_of_the_last_five_passwords_is_refused(client, personas):
    user = personas.operator_a
    for number in range(1, 5):
        user.set_password(f"Kediri-Ganti-{number}!")
        user.save()
    client.force_login(user)
    response = _change_password(client, "Kediri-Ganti-4!", PASSWORD)
    assert response.status_code == 200
    assert response.context["form"].errors["password1"] == [
        "Kata sandi Anda harus berbeda dari 5 kata sandi terakhir Anda."
    ]
    user.refresh_from_db()
    assert user.check_password("Kediri-Ganti-4!")


def test_the_sixth_oldest_password_may_be_used_again(personas):
    user = personas.operator_a
    for number in range(1, 6):
        user.set_password(f"Kediri-Ganti-{number}!")
        user.save()
    assert PasswordHistory.objects.filter(user=user).count() == 5
    assert _codes(PASSWORD, user) == []


def test_an_expired_password_must_be_changed_before_any_other_page(client, personas, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 180
    user = personas.operator_a
    type(user).objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=181))
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("account_change_password")
    assert client.get(reverse("account_change_password")).status_code == 200
    _change_password(client, PASSWORD, "Kediri-Baru-2026!")
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize(
    ("max_age_days", "age_days"),
    [(180, 179), (0, 999)],
    ids=["within-its-age", "expiry-disabled"],
)
def test_a_password_that_has_not_expired_is_not_asked_again(client, personas, settings, max_age_days, age_days):
    settings.PASSWORD_MAX_AGE_DAYS = max_age_days
    user = personas.operator_a
    type(user).objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=age_days))
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200
