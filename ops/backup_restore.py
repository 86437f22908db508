"""`ops/backup` and `ops/restore`: a consistent dump of the database plus the media, and its check.

A backup is one directory `<dest>/iid-<UTC timestamp>/` holding

- `database.dump`: `pg_dump --format=custom` of DATABASE_URL;
- `media.tar`: every file under MEDIA_ROOT (or `media.txt` saying that the S3 bucket is backed up
  by its own versioning when S3_BUCKET is set);
- `manifest.json`: the row count of every table and a checksum of the stored scores
  (`ops/manifest.py`), read in the same snapshot that pg_dump dumps, plus the media's file count,
  size and checksum. It is written last; a directory without it is an unfinished backup.

A restore loads such a directory into an empty database (it refuses one that holds any table)
and an empty MEDIA_ROOT, recomputes the manifest there and exits 1 on any difference.
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from ops import manifest

ROOT = Path(__file__).resolve().parent.parent


def _media_root():
    return Path(os.environ.get("MEDIA_ROOT") or ROOT / "media")


def _tool(name):
    """pg_dump / pg_restore from PG_BIN when set (match the server's major version), else PATH."""
    directory = os.environ.get("PG_BIN")
    found = str(Path(directory) / name) if directory else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install the PostgreSQL client of the server's version or set PG_BIN")
    return found


def _database_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must name a PostgreSQL database (postgres://user:pass@host:5432/name)")
    return url


def backup(destination):
    database_url = _database_url()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(destination) / f"iid-{stamp}"
    partial = target.with_name(target.name + ".partial")
    partial.mkdir(parents=True)
    connection = manifest.connect(database_url)
    try:
        # One snapshot for pg_dump and the manifest: what is counted is exactly what is dumped.
        connection.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), current_database(), current_setting('server_version')")
            snapshot, database, server_version = cursor.fetchone()
            subprocess.run(
                [
                    _tool("pg_dump"),
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    f"--file={partial / 'database.dump'}",
                    f"--dbname={database_url}",
                ],
                check=True,
            )
            result = {"version": manifest.VERSION, "database": database, "server_version": server_version}
            result |= manifest.database_manifest(cursor)
        connection.rollback()
    finally:
        connection.close()
    result |= {"created_at": stamp, "pg_dump": _version(_tool("pg_dump"))}
    if os.environ.get("S3_BUCKET"):
        note = (
            f"Uploads live in the bucket {os.environ['S3_BUCKET']}: it is backed up by its own versioning "
            "(and replication), not by this directory.\n"
        )
        (partial / "media.txt").write_text(note)
        result["media"] = None
    else:
        media_root = _media_root()
        with tarfile.open(partial / "media.tar", "w") as archive:
            if media_root.is_dir():
                for path in sorted(media_root.iterdir()):
                    archive.add(path, arcname=path.name)
        result["media"] = manifest.media_manifest(media_root)
    (partial / "manifest.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    partial.rename(target)
    print(target)
    return target


def _version(binary):
    return subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout.strip()


def restore(source):
    source = Path(source)
    expected = json.loads((source / "manifest.json").read_text())
    database_url = _database_url()
    media_root = _media_root()
    has_media = (source / "media.tar").exists()
    with manifest.connect(database_url) as connection, connection.cursor() as cursor:
        present = manifest.tables(cursor)
    connection.close()
    if present:
        print(f"refused: the target database is not empty ({len(present)} tables, e.g. {present[0]})", file=sys.stderr)
        return 2
    if has_media and media_root.is_dir() and any(media_root.iterdir()):
        print(f"refused: MEDIA_ROOT {media_root} is not empty", file=sys.stderr)
        return 2
    subprocess.run(
        [
            _tool("pg_restore"),
            "--exit-on-error",
            "--single-transaction",
            "--no-owner",
            "--no-privileges",
            f"--dbname={database_url}",
            str(source / "database.dump"),
        ],
        check=True,
    )
    if has_media:
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / "media.tar") as archive:
            archive.extractall(media_root, filter="data")
    with manifest.connect(database_url) as connection, connection.cursor() as cursor:
        actual = manifest.database_manifest(cursor)
    connection.close()
    actual["media"] = manifest.media_manifest(media_root) if has_media else None
    problems = manifest.differences(expected, actual)
    for line in problems:
        print(f"MISMATCH {line}", file=sys.stderr)
    if problems:
        return 1
    rows = sum(actual["row_counts"].values())
    media = f", {actual['media']['files']} media files" if has_media else ""
    print(f"restored {source.name}: {len(actual['row_counts'])} tables, {rows} rows{media}; manifest verified")
    return 0


def backup_main(argv):
    parser = argparse.ArgumentParser(prog="ops/backup", description=__doc__.split("\n\n")[0])
    parser.add_argument("destination", help="directory that receives iid-<timestamp>/")
    backup(parser.parse_args(argv).destination)
    return 0


def restore_main(argv):
    parser = argparse.ArgumentParser(prog="ops/restore", description="Restore an ops/backup directory and verify it.")
    parser.add_argument("backup", help="an iid-<timestamp> directory written by ops/backup")
    return restore(parser.parse_args(argv).backup)
