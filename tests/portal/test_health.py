"""/health/ answers 200 only when the database and the configured Redis answer."""

import json

from django.db import connection
from django.urls import reverse


def test_it_reports_both_services_up(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "redis": "ok"}


def test_it_answers_503_when_redis_is_down(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1: the connection is refused at once.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "ok", "redis": "error"}


def test_it_leaves_redis_out_when_none_is_configured(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok"}


def test_it_answers_503_when_the_database_is_down(client, transactional_db):
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = 1  # nothing listens there
    try:
        response = client.get(reverse("health"))
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "error", "redis": "ok"}
