"""The deployment artefacts work together and with the code they start.

Docker is not needed. docker-compose.yml is parsed (YAML, with its `${VAR:-default}` interpolation)
and the Dockerfile is read instruction by instruction; what they name is then resolved against the
project: the gunicorn WSGI module imports, `celery -A` finds the portal's app, the beat schedule
names tasks that app registers, every variable compose sets is read by portal/settings.py, and
`manage.py check --deploy` passes with exactly the environment compose gives the containers.
The CI entry point is run with stand-in commands, and the Makefile is asked what it would run.
"""

import ast
import json
import os
import re
import secrets
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.core.management import get_commands
from django.urls import resolve

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")
# What an operator must supply (`${NAME:?...}` in compose); everything else has a default.
OPERATOR_VALUES = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "EMAIL_URL": "smtp+tls://portal:rahasia@smtp.example.test:587",
}


# --- reading the artefacts ----------------------------------------------------------------------------

_VARIABLE = re.compile(r"\$\$|\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|\$(?P<bare>\w+)")


def interpolate(value, given):
    """Compose's interpolation of one string: `$$` is a literal `$`, `${A:-x}` a default, `${A:?m}` required."""

    def one(match):
        if match.group(0) == "$$":
            return "$"
        name = match.group("name") or match.group("bare")
        op, current = match.group("op"), given.get(name)
        if op in (":-", "-"):
            return current if (current if op == ":-" else current is not None) else match.group("arg")
        if op in (":?", "?") and not current:
            raise KeyError(f"{name} is required: {match.group('arg')}")
        return current or ""

    return _VARIABLE.sub(one, value)


@pytest.fixture(scope="module")
def services():
    """docker-compose.yml's services, `<<: *app` merged (YAML merge keys), before interpolation."""
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def environment_of(service, given=None):
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    return {name: interpolate(str(value), given or OPERATOR_VALUES) for name, value in environment.items()}


def argv_of(command):
    """A compose `command:` as the container runs it: a list, or a string split the shell's way."""
    command = command if isinstance(command, list) else shlex.split(command)
    return [interpolate(part, OPERATOR_VALUES) for part in command]


def shell_steps(argv):
    """`sh -c "a && exec b"` → [["a"...], ["b"...]]; any other command is its own single step."""
    if argv[:2] != ["sh", "-c"]:
        return [argv]
    steps = [shlex.split(step) for step in argv[2].split("&&")]
    return [step[1:] if step[0] == "exec" else step for step in steps]


def depends_on(service):
    depends = service.get("depends_on", {})
    return {name: {"condition": "service_started"} for name in depends} if isinstance(depends, list) else depends


def option(argv, *names):
    """The value of an option given as `--name value` or `--name=value`."""
    for index, part in enumerate(argv):
        for name in names:
            if part == name:
                return argv[index + 1]
            if part.startswith(f"{name}="):
                return part.split("=", 1)[1]
    return None


def dockerfile_instructions():
    """(INSTRUCTION, arguments) per logical line: continuations joined, comments dropped."""
    found, current = [], ""
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        keyword, _space, arguments = (current + stripped).partition(" ")
        found.append((keyword.upper(), arguments.strip()))
        current = ""
    return found


def dockerfile(keyword):
    return [arguments for instruction, arguments in dockerfile_instructions() if instruction == keyword]


def dockerfile_env():
    return dict(pair.split("=", 1) for arguments in dockerfile("ENV") for pair in shlex.split(arguments))


def run_commands():
    """Every command of every RUN instruction, split at `&&`."""
    return [shlex.split(step) for arguments in dockerfile("RUN") for step in arguments.split("&&")]


def settings_reads():
    """The environment variables portal/settings.py reads (env.str("NAME"), env.db("NAME"), ...)."""
    names = set()
    for node in ast.walk(ast.parse((ROOT / "portal" / "settings.py").read_text())):
        if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
            continue
        func = node.func
        on_env = isinstance(func, ast.Name) and func.id == "env"
        on_env = on_env or (
            isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "env"
        )
        if on_env and isinstance(node.args[0].value, str):
            names.add(node.args[0].value)
    return names


def container_environment(service):
    """What a process in the container sees: the image's ENV, then compose's environment."""
    return {"PATH": os.environ["PATH"], **dockerfile_env(), **environment_of(service)}


def run_python_in(environment, code):
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


# --- docker-compose.yml: the services ---------------------------------------------------------------------


def test_compose_runs_postgres_redis_and_three_processes_of_the_app(services):
    assert set(services) == {"db", "redis", *APP_SERVICES}
    assert services["db"]["image"].split(":")[0] == "postgres"
    assert services["redis"]["image"].split(":")[0] == "redis"


def test_the_app_services_are_one_image_built_from_this_dockerfile(services):
    assert len({repr(services[name]["build"]) for name in APP_SERVICES}) == 1
    assert len({services[name]["image"] for name in APP_SERVICES}) == 1
    build = services["web"]["build"]
    context = build if isinstance(build, str) else build.get("context", ".")
    dockerfile_name = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
    assert (ROOT / context / dockerfile_name).is_file()


def test_every_service_waited_for_as_healthy_has_a_healthcheck(services):
    waited = {
        (name, needed)
        for name, service in services.items()
        for needed, how in depends_on(service).items()
        if how.get("condition") == "service_healthy"
    }
    assert waited, "nothing waits for a healthy service"
    assert {(name, needed) for name, needed in waited if not services[needed].get("healthcheck")} == set()


@pytest.mark.parametrize("name", APP_SERVICES)
def test_each_app_service_waits_for_a_healthy_database_and_broker(services, name):
    waits = depends_on(services[name])
    assert {needed: waits[needed].get("condition") for needed in ("db", "redis")} == {
        "db": "service_healthy",
        "redis": "service_healthy",
    }


@pytest.mark.parametrize("name", ["worker", "beat"])
def test_worker_and_beat_start_after_web_has_migrated(services, name):
    # web turns healthy only once `migrate` has run and gunicorn answers (see the web command).
    assert depends_on(services[name])["web"]["condition"] == "service_healthy"


def test_the_database_healthcheck_asks_for_the_database_the_app_uses(services):
    db = services["db"]
    check = argv_of(db["healthcheck"]["test"])
    argv = shlex.split(check[1]) if check[0] == "CMD-SHELL" else check[1:]
    assert argv[0] == "pg_isready"
    postgres = environment_of(db)
    url = urlsplit(environment_of(services["web"])["DATABASE_URL"])
    assert (option(argv, "-U"), option(argv, "-d")) == (postgres["POSTGRES_USER"], postgres["POSTGRES_DB"])
    assert (url.scheme, url.hostname, url.port) == ("postgres", "db", 5432)
    assert (url.username, url.password, url.path.lstrip("/")) == (
        postgres["POSTGRES_USER"],
        postgres["POSTGRES_PASSWORD"],
        postgres["POSTGRES_DB"],
    )


def test_the_redis_healthcheck_pings_and_the_app_finds_redis_by_its_service_name(services):
    assert argv_of(services["redis"]["healthcheck"]["test"]) == ["CMD", "redis-cli", "ping"]
    environment = environment_of(services["web"])
    for name in ("REDIS_URL", "CELERY_BROKER_URL"):
        url = urlsplit(environment[name])
        assert (url.scheme, url.hostname, url.port) == ("redis", "redis", 6379), name


# --- docker-compose.yml: the commands resolve to the project's code ----------------------------------------


def gunicorn_step(argv):
    return next(step for step in shell_steps(argv) if step[0] == "gunicorn")


def test_web_migrates_before_it_serves(services):
    first, *_rest, last = shell_steps(argv_of(services["web"]["command"]))
    assert first[:3] == ["python", "manage.py", "migrate"]
    assert (ROOT / "manage.py").is_file() and "migrate" in get_commands()
    assert last[0] == "gunicorn"


def test_web_and_the_image_serve_the_same_importable_wsgi_application(services):
    compose = gunicorn_step(argv_of(services["web"]["command"]))
    (cmd,) = dockerfile("CMD")
    image = gunicorn_step(json.loads(cmd))
    assert compose[1] == image[1]
    module, _colon, attribute = compose[1].partition(":")
    result = run_python_in(
        container_environment(services["web"]),
        f"import gunicorn, importlib; app = getattr(importlib.import_module({module!r}), {attribute!r}); "
        "print(callable(app), type(app).__name__)",
    )
    assert result.stdout.split() == ["True", "WSGIHandler"], result.stderr


def test_the_web_port_is_bound_exposed_published_and_health_checked(services):
    web = services["web"]
    bind = option(gunicorn_step(argv_of(web["command"])), "--bind", "-b")
    port = int(bind.rpartition(":")[2])
    assert port == int(option(gunicorn_step(json.loads(dockerfile("CMD")[0])), "--bind", "-b").rpartition(":")[2])
    assert dockerfile("EXPOSE") == [str(port)]
    assert [mapping.split(":")[-1] for mapping in web["ports"]] == [str(port)]
    code = argv_of(web["healthcheck"]["test"])[-1]
    compile(code, "healthcheck", "exec")  # the check itself is valid Python
    address = urlsplit(re.search(r"'(http://[^']+)'", code).group(1))
    assert (address.hostname, address.port) == ("127.0.0.1", port)
    assert resolve(address.path).url_name == "health"


@pytest.mark.parametrize("name", ["worker", "beat"])
def test_worker_and_beat_run_the_portals_celery_app_with_its_beat_schedule(services, name):
    argv = argv_of(services[name]["command"])
    assert (argv[0], name in argv) == ("celery", True)
    code = (
        "import json; from celery.app.utils import find_app; import portal.celery\n"
        f"app = find_app({option(argv, '-A', '--app')!r})\n"
        "app.loader.import_default_modules()\n"
        "tasks = [entry['task'] for entry in app.conf.beat_schedule.values()]\n"
        "print(json.dumps([app is portal.celery.app, tasks, [t for t in tasks if t not in app.tasks]]))"
    )
    result = run_python_in(container_environment(services[name]), code)
    assert result.returncode == 0, result.stderr
    is_portal_app, scheduled, unregistered = json.loads(result.stdout)
    assert (is_portal_app, bool(scheduled), unregistered) == (True, True, [])


def test_exactly_one_beat_schedules(services):
    # A worker started with -B would schedule every job a second time next to the beat service.
    assert services["beat"].get("deploy", {}).get("replicas", 1) == 1
    worker = argv_of(services["worker"]["command"])
    assert not {"-B", "--beat"} & set(worker)


# --- docker-compose.yml: the environment ------------------------------------------------------------------


def test_every_variable_compose_sets_is_read_by_the_settings_or_a_command(services):
    used = settings_reads()
    for service in services.values():
        command = service.get("command", "")
        used |= set(re.findall(r"\$\$\{?(\w+)", command if isinstance(command, str) else " ".join(command)))
    unread = {name: sorted(set(environment_of(services[name])) - used) for name in APP_SERVICES}
    assert unread == {name: [] for name in APP_SERVICES}


def test_compose_passes_every_object_storage_variable_the_settings_read(services):
    storage = {name for name in settings_reads() if name.startswith("S3_")}
    assert storage >= {"S3_BUCKET", "S3_ENDPOINT_URL", "S3_ACCESS_KEY", "S3_SECRET_KEY"}
    for name in APP_SERVICES:
        assert storage <= set(environment_of(services[name])), name


@pytest.mark.parametrize("name", APP_SERVICES)
def test_the_environment_compose_gives_each_process_passes_check_deploy(services, name):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=container_environment(services[name]),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_refuses_to_start_without_the_operators_values(services):
    for missing in OPERATOR_VALUES:
        given = {key: value for key, value in OPERATOR_VALUES.items() if key != missing}
        with pytest.raises(KeyError, match=missing):
            environment_of(services["web"], given)


def test_uploads_land_in_the_media_volume_the_image_prepares_for_its_user(services):
    media_root = environment_of(services["web"])["MEDIA_ROOT"]
    for name in ("web", "worker"):  # the worker builds exports from the uploads
        assert f"media:{media_root}" in services[name]["volumes"], name
    commands = run_commands()
    assert ["mkdir", "-p", media_root] in commands
    user = dockerfile("USER")[-1]
    assert ["chown", user, media_root] in commands


# --- Dockerfile ----------------------------------------------------------------------------------------------


def test_the_image_python_is_the_projects_python():
    image = dockerfile("FROM")[0]
    target = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]["target-version"]
    version = re.match(r"python:(\d+)\.(\d+)", image)
    assert version, image
    assert f"py{version.group(1)}{version.group(2)}" == target


def test_the_image_installs_the_hash_pinned_runtime_requirements_only():
    installs = [command for command in run_commands() if command[:2] == ["pip", "install"]]
    assert [option(command, "-r") for command in installs] == ["requirements.txt"]
    assert "--require-hashes" in installs[0]
    assert "requirements.txt ." in dockerfile("COPY")
    assert not any("requirements-dev" in arguments for _instruction, arguments in dockerfile_instructions())


def test_the_image_has_the_system_libraries_the_pdf_renderer_loads():
    requirements = (ROOT / "requirements.txt").read_text()
    assert re.search(r"^weasyprint==", requirements, flags=re.MULTILINE | re.IGNORECASE)
    apt = next(command for command in run_commands() if command[:2] == ["apt-get", "install"])
    assert {"libpango-1.0-0", "libpangoft2-1.0-0"} <= set(apt)


def test_the_build_time_collectstatic_runs_with_only_the_dockerfiles_variables():
    step = next(command for command in run_commands() if "collectstatic" in command)
    assignments = dict(part.split("=", 1) for part in step if re.match(r"^\w+=", part))
    argv = [part for part in step if not re.match(r"^\w+=", part)]
    assert argv[:3] == ["python", "manage.py", "collectstatic"]
    environment = {"PATH": os.environ["PATH"], **dockerfile_env(), **assignments}
    result = subprocess.run(
        [sys.executable, *argv[1:], "--dry-run"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "static files copied" in result.stdout


def test_the_image_runs_as_the_unprivileged_user_it_creates():
    user, _colon, group = dockerfile("USER")[-1].partition(":")
    assert user not in {"root", "0"}
    useradd = next(command for command in run_commands() if command[0] == "useradd")
    assert useradd[-1] == user
    assert option(useradd, "--uid", "-u") not in {None, "0"}
    assert not group or option(useradd, "--gid", "-g") == group


# --- Settings under production variables ---------------------------------------------------------------------


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


# --- CI entry point, run with stand-ins for the services and make ------------------------------------------------

FAKE = """#!/bin/sh
echo "${0##*/} $*" >> "$CALLS"
case "${0##*/}" in
  redis-cli) test -e "$STATE/redis-up" || test -n "$REDIS_UP" ;;
  redis-server) : > "$STATE/redis-up" ;;
  make) test "$1" != "$FAIL_TARGET" ;;
esac
"""


def run_ci(tmp_path, *, chromium=True, redis_up=True, fail_target=""):
    """Run .ci/run with PATH holding only stand-ins (and the few real tools it needs); return (code, calls)."""
    bin_dir, state = tmp_path / "bin", tmp_path / "state"
    bin_dir.mkdir()
    state.mkdir()
    tools = ["pg_isready", "redis-cli", "redis-server", "xgettext", "apt-get", "make"]
    for tool in [*tools, *(["chromium"] if chromium else [])]:
        (bin_dir / tool).write_text(FAKE)
        (bin_dir / tool).chmod(0o755)
    for real in ("dirname", "seq", "sleep"):
        (bin_dir / real).symlink_to(next(Path(d, real) for d in ("/usr/bin", "/bin") if Path(d, real).exists()))
    calls = tmp_path / "calls"
    calls.touch()
    environment = {
        "PATH": str(bin_dir),
        "CALLS": str(calls),
        "STATE": str(state),
        "REDIS_UP": "1" if redis_up else "",
        "FAIL_TARGET": fail_target,
    }
    bash = next(Path(d, "bash") for d in ("/usr/bin", "/bin") if Path(d, "bash").exists())
    result = subprocess.run([str(bash), str(ROOT / ".ci" / "run")], env=environment, capture_output=True, timeout=120)
    return result.returncode, [line for line in calls.read_text().splitlines() if not line.startswith("pg_isready")]


def test_ci_runs_make_test_then_the_slow_checks(tmp_path):
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
    code, calls = run_ci(tmp_path)
    assert code == 0
    assert [call for call in calls if call.startswith("make")] == ["make test", "make test-slow"]
    assert not any(call.startswith(("apt-get", "redis-server")) for call in calls)


def test_ci_stops_when_make_test_fails(tmp_path):
    code, calls = run_ci(tmp_path, fail_target="test")
    assert code != 0
    assert [call for call in calls if call.startswith("make")] == ["make test"]


def test_ci_installs_chromium_before_the_tests_when_it_is_missing(tmp_path):
    code, calls = run_ci(tmp_path, chromium=False)
    assert code == 0
    installed = calls.index("apt-get install -y -q chromium")
    assert calls.index("apt-get update -q") < installed < calls.index("make test")


def test_ci_starts_a_local_redis_when_none_answers(tmp_path):
    code, calls = run_ci(tmp_path, redis_up=False)
    assert code == 0
    started = next(call for call in calls if call.startswith("redis-server"))
    assert option(started.split(), "--bind") == "127.0.0.1" and option(started.split(), "--port") == "6379"
    assert calls.index(started) < calls.index("make test")


# --- Makefile ----------------------------------------------------------------------------------------------------


def make_would_run(target):
    """The commands `make` would run for the target (make -n executes nothing)."""
    result = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    return [shlex.split(line) for line in result.stdout.splitlines() if line.strip()]


def _pytest_run(commands):
    return next(command for command in commands if any(part.endswith("/pytest") for part in command))


def test_make_test_slow_runs_the_load_test_and_the_slow_suites():
    commands = make_would_run("test-slow")
    load = next(command for command in commands if "bench/load.py" in command)
    assert (ROOT / load[-1]).is_file()
    pytest_run = _pytest_run(commands)
    assert option(pytest_run, "-m") == "slow"
    markers = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["markers"]
    assert any(marker.startswith("slow:") for marker in markers)
    assert commands.index(load) < commands.index(pytest_run)


def test_make_test_and_make_test_slow_use_the_same_services():
    def services_of(command):
        return {part.split("=", 1)[0]: part.split("=", 1)[1] for part in command if re.match(r"^[A-Z_]+=", part)}

    fast, slow = _pytest_run(make_would_run("test")), _pytest_run(make_would_run("test-slow"))
    assert services_of(fast) == services_of(slow)
    assert set(services_of(fast)) == {"DATABASE_URL", "REDIS_URL"}
