"""The deployment artefacts agree with each other and with the settings module.

Docker is not needed: docker-compose.yml and the Dockerfile are read as text, and the
production checks run `manage.py` in a subprocess with production-shaped variables.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return compose["services"]


def _command(service):
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def _healthcheck(service):
    test = service["healthcheck"]["test"]
    return test if isinstance(test, str) else " ".join(test)


def _depends_on(service):
    depends = service.get("depends_on", {})
    if isinstance(depends, list):
        return {name: {} for name in depends}
    return depends


def _environment(service):
    environment = service.get("environment", {})
    if isinstance(environment, list):
        return dict(item.split("=", 1) for item in environment)
    return environment


# --- docker-compose.yml -------------------------------------------------------


def test_compose_has_exactly_the_five_services(services):
    assert set(services) == {"db", "redis", "web", "worker", "beat"}


def test_database_is_postgres_16_with_pg_isready_healthcheck(services):
    db = services["db"]
    assert db["image"].startswith("postgres:16")
    assert "pg_isready" in _healthcheck(db)


def test_redis_has_ping_healthcheck(services):
    assert "redis-cli ping" in _healthcheck(services["redis"])


def test_app_services_share_one_build_and_image(services):
    builds = {repr(services[name]["build"]) for name in APP_SERVICES}
    images = {services[name]["image"] for name in APP_SERVICES}
    assert len(builds) == 1
    assert len(images) == 1


def test_web_migrates_then_serves_with_gunicorn(services):
    command = _command(services["web"])
    assert "migrate" in command
    assert "gunicorn" in command
    assert command.index("migrate") < command.index("gunicorn")


def test_worker_runs_celery_worker(services):
    command = _command(services["worker"])
    assert "celery" in command
    assert "worker" in command


def test_beat_runs_celery_beat(services):
    command = _command(services["beat"])
    assert "celery" in command
    assert "beat" in command


def test_web_waits_for_a_healthy_database(services):
    assert _depends_on(services["web"])["db"]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_get_database_and_broker(services, name):
    environment = _environment(services[name])
    assert "DATABASE_URL" in environment
    assert "CELERY_BROKER_URL" in environment


# --- Dockerfile ---------------------------------------------------------------


@pytest.fixture(scope="module")
def dockerfile():
    """The Dockerfile's instructions, without comment lines."""
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("#"))


def test_dockerfile_installs_runtime_requirements(dockerfile):
    assert "requirements.txt" in dockerfile
    assert "requirements-dev.txt" not in dockerfile


def test_dockerfile_installs_the_pdf_renderer_system_libraries(dockerfile):
    apt = next(line for line in dockerfile.splitlines() if "apt-get install" in line)
    assert {"libpango-1.0-0", "libpangoft2-1.0-0"} <= set(apt.replace("\\", " ").split())


def test_dockerfile_collects_static_files_and_runs_gunicorn(dockerfile):
    assert "collectstatic" in dockerfile
    assert "gunicorn" in dockerfile


def test_dockerfile_runs_as_non_root_user(dockerfile):
    users = re.findall(r"^\s*USER\s+(\S+)", dockerfile, flags=re.MULTILINE | re.IGNORECASE)
    assert users, "Dockerfile has no USER line"
    # The last USER line decides who the container runs as.
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}


# --- Settings under production variables --------------------------------------


def _production_env(**overrides):
    environ = os.environ.copy()
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "SECURE_SSL_REDIRECT", "DJANGO_SETTINGS_MODULE"):
        environ.pop(name, None)
    environ.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="iid.kedirikota.go.id",
        DATABASE_URL="sqlite:////tmp/x.sqlite3",
    )
    environ.update(overrides)
    return environ


def test_check_deploy_passes_with_production_variables():
    environment = _production_env()
    assert len(environment["SECRET_KEY"]) >= 60
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off():
    environment = _production_env(DJANGO_SETTINGS_MODULE="portal.settings")
    del environment["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_schema_commands_run_on_a_fresh_checkout_without_secrets():
    environment = _production_env()
    del environment["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "No changes detected"), result.stderr


def test_serving_commands_still_refuse_without_secret_key():
    environment = _production_env()
    del environment["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


# --- CI entry point -----------------------------------------------------------


def test_ci_run_starts_services_and_runs_make_test_then_the_slow_checks():
    script = ROOT / ".ci" / "run"
    text = script.read_text()
    lines = [line.strip() for line in text.splitlines()]
    assert "make test" in lines
    assert "exec make test-slow" in lines
    assert lines.index("make test") < lines.index("exec make test-slow")
    assert "pg_ctlcluster" in text
    assert "redis-server" in text
    # The browser tests need Debian's Chromium; CI installs it before make test when it is missing.
    install = "command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)"
    assert install in text and text.index(install) < text.index("exec make test")
    assert os.access(script, os.X_OK)


def test_an_s3_bucket_switches_uploads_to_object_storage():
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DEBUG="true",
        S3_BUCKET="bukti-iid",
        S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    code = (
        'import django; django.setup(); from django.core.files.storage import storages; s = storages["default"];'
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.default_acl, s.querystring_auth)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["S3Storage", "bukti-iid", "http://127.0.0.1:9000", "private", "True"]


def test_make_test_slow_runs_the_load_test_and_the_slow_suites():
    makefile = (ROOT / "Makefile").read_text()
    target = re.search(r"^test-slow:.*\n((?:\t.*\n)+)", makefile, flags=re.MULTILINE)
    assert target, "Makefile has no test-slow target"
    assert "bench/load.py" in target.group(1)
    assert "pytest -m slow" in target.group(1)


def test_compose_passes_the_object_storage_variables(services):
    for name in APP_SERVICES:
        assert {"S3_BUCKET", "S3_ENDPOINT_URL", "S3_ACCESS_KEY", "S3_SECRET_KEY"} <= set(_environment(services[name]))
