"""ops/backup and ops/restore round-trip a seeded portal: same rows, same scores, same files.

pg_dump needs committed data, so this test does not use pytest's test database: it builds
iid_ops_src with `manage.py migrate` and `seed_demo` in subprocesses, backs it up, restores it
into the empty iid_ops_dst (and others), and drops them all at the end.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

from ops import manifest

ROOT = Path(__file__).resolve().parent.parent.parent
PG = "postgres://postgres@127.0.0.1:5432"
# A suffix of this run's own, so two runs of the suite (CI and a developer) never share a database.
_RUN = secrets.token_hex(3)
SOURCE, TARGET, OTHER, BUCKET = (f"iid_ops_{name}_{_RUN}" for name in ("src", "dst", "dst2", "s3"))


def _admin(*statements):
    connection = psycopg2.connect(f"{PG}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    connection.close()


def _fresh(name):
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    return f"{PG}/{name}"


def _env(database_url, media_root, **extra):
    environment = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    environment.pop("S3_BUCKET", None)
    return {**environment, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root), **extra}


def _run(script, *args, env):
    return subprocess.run(
        [sys.executable, str(ROOT / "ops" / script), *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _files(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _manifest(database_url):
    with manifest.connect(database_url) as connection, connection.cursor() as cursor:
        result = manifest.database_manifest(cursor)
    connection.close()
    return result


@pytest.fixture(scope="module")
def backup(tmp_path_factory):
    """A seeded source database with its media, and the backup directory of it."""
    directory = tmp_path_factory.mktemp("ops")
    source_media = directory / "media-src"
    source_url = _fresh(SOURCE)
    seed_env = _env(source_url, source_media, DEBUG="true")
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        command = [sys.executable, "manage.py", *command]
        subprocess.run(command, cwd=ROOT, env=seed_env, check=True, capture_output=True, timeout=600)
    # A file in a folder the portal does not know still belongs to MEDIA_ROOT and must come back.
    (source_media / "extra" / "nested").mkdir(parents=True)
    (source_media / "extra" / "nested" / "catatan.txt").write_text("cadangan\n")
    result = _run("backup", directory / "backups", env=_env(source_url, source_media))
    assert result.returncode == 0, result.stderr
    made = Path(result.stdout.strip().splitlines()[-1])
    yield {"dir": made, "source_url": source_url, "source_media": source_media, "tmp": directory}
    _admin(*(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in (SOURCE, TARGET, OTHER, BUCKET)))


def test_backup_directory_holds_dump_media_and_manifest(backup):
    made = backup["dir"]
    assert made.name.startswith("iid-")
    assert {p.name for p in made.iterdir()} == {"database.dump", "media.tar", "manifest.json"}
    written = json.loads((made / "manifest.json").read_text())
    assert written["row_counts"]["inovasi_inovasi"] > 100
    assert written["row_counts"]["scoring_cityscore"] > 0
    assert written["media"]["files"] == len(_files(backup["source_media"])) > 1
    # The manifest is the source database's, read in the dump's snapshot.
    assert {k: written[k] for k in ("row_counts", "scores_md5")} == _manifest(backup["source_url"])


def test_restore_into_an_empty_database_gives_the_same_rows_scores_and_files(backup):
    target_url, target_media = _fresh(TARGET), backup["tmp"] / "media-dst"
    result = _run("restore", backup["dir"], env=_env(target_url, target_media))
    assert result.returncode == 0, result.stderr
    assert "manifest verified" in result.stdout
    source, restored = _manifest(backup["source_url"]), _manifest(target_url)
    assert restored["row_counts"] == source["row_counts"]
    assert restored["scores_md5"] == source["scores_md5"]
    assert _files(target_media) == _files(backup["source_media"])

    # The restored database is not empty any more: a second restore into it is refused.
    again = _run("restore", backup["dir"], env=_env(target_url, backup["tmp"] / "media-again"))
    assert again.returncode == 2
    assert "not empty" in again.stderr
    assert _manifest(target_url) == restored


def test_restore_exits_non_zero_when_the_manifest_does_not_match(backup):
    tampered = backup["tmp"] / "tampered"
    tampered.mkdir()
    for path in backup["dir"].iterdir():
        (tampered / path.name).symlink_to(path)
    written = json.loads((backup["dir"] / "manifest.json").read_text())
    written["scores_md5"] = "0" * 32
    written["row_counts"]["inovasi_inovasi"] += 1
    (tampered / "manifest.json").unlink()
    (tampered / "manifest.json").write_text(json.dumps(written))
    result = _run("restore", tampered, env=_env(_fresh(OTHER), backup["tmp"] / "media-other"))
    assert result.returncode == 1
    assert "MISMATCH rows of inovasi_inovasi" in result.stderr
    assert "MISMATCH scores checksum" in result.stderr


def test_with_object_storage_the_backup_notes_the_bucket_and_restores_the_database(backup):
    settings = {"S3_BUCKET": "bukti-iid"}
    source_env = _env(backup["source_url"], backup["tmp"] / "none", **settings)
    made = _run("backup", backup["tmp"] / "backups-s3", env=source_env)
    assert made.returncode == 0, made.stderr
    directory = Path(made.stdout.strip().splitlines()[-1])
    assert {p.name for p in directory.iterdir()} == {"database.dump", "media.txt", "manifest.json"}
    assert "bukti-iid" in (directory / "media.txt").read_text()
    assert json.loads((directory / "manifest.json").read_text())["media"] is None
    target_url = _fresh(BUCKET)
    restored = _run("restore", directory, env=_env(target_url, backup["tmp"] / "media-s3", **settings))
    assert restored.returncode == 0, restored.stderr
    assert _manifest(target_url) == _manifest(backup["source_url"])
