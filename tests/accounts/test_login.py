"""Sign-in by username or e-mail, throttling of failed attempts, and the admin login."""

from django.urls import reverse

from tests.personas import PASSWORD


def _login(client, login, password):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def test_it_signs_in_by_username(client, personas):
    response = _login(client, "operator_a", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(personas.operator_a.pk)


def test_it_signs_in_by_email(client, personas):
    response = _login(client, "operator_a@example.test", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.operator_a.pk)


def test_it_refuses_a_wrong_password_with_a_message(client, personas):
    response = _login(client, "operator_a", "Salah-Sandi-2026!")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors["__all__"] == [
        "Nama pengguna dan/atau kata sandi yang Anda masukkan tidak benar."
    ]


def test_the_sixth_wrong_password_in_five_minutes_is_refused_even_when_right(client, personas):
    for _attempt in range(5):
        assert _login(client, "operator_a", "Salah-Sandi-2026!").status_code == 200
    response = _login(client, "operator_a", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors["__all__"] == ["Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."]


def test_throttling_is_per_account(client, personas):
    for _attempt in range(5):
        _login(client, "operator_a", "Salah-Sandi-2026!")
    assert _login(client, "operator_b", PASSWORD).status_code == 302


def test_the_admin_login_goes_through_the_throttled_login(client, personas):
    response = client.post(reverse("admin:login"), {"username": "admin", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session


def test_admin_login_attempts_count_against_the_same_limit(client, personas):
    for _attempt in range(5):
        _login(client, "admin", "Salah-Sandi-2026!")
    client.get(reverse("admin:login"))
    response = _login(client, "admin", PASSWORD)
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_logout_is_a_post(client, personas):
    client.force_login(personas.operator_a)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_limit_counts_the_account_however_it_is_named(client, personas):
    for login in ["operator_a", "OPERATOR_A", "operator_a@example.test", "Operator_A@Example.test", "operator_a"]:
        assert _login(client, login, "Salah-Sandi-2026!").status_code == 200
    for login in ["operator_a@example.test", "operator_a", "OPERATOR_A@EXAMPLE.TEST"]:
        response = _login(client, login, PASSWORD)
        assert "_auth_user_id" not in client.session
        assert response.context["form"].errors["__all__"] == [
            "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."
        ]


def test_the_right_password_by_email_is_refused_once_the_username_is_locked(client, personas):
    for _attempt in range(5):
        _login(client, "operator_a", "Salah-Sandi-2026!")
    _login(client, "operator_a@example.test", PASSWORD)
    assert "_auth_user_id" not in client.session
