"""What a backup promises and a restore checks: row counts, a checksum of the stored scores, the media.

Used by `ops/backup` (written into manifest.json, read in the same snapshot as pg_dump) and by
`ops/restore` (recomputed on the restored database and compared). Needs only psycopg2, not
Django: the scripts run without the portal's SECRET_KEY.

    python -m ops.manifest                 # the manifest of DATABASE_URL and MEDIA_ROOT, as JSON
"""

import hashlib
import json
import os
import sys
from pathlib import Path

import psycopg2

# The stored scores, each hashed over all its columns, rows in a fixed order: a restore that lost,
# duplicated or altered one value gives another checksum.
SCORE_TABLES = ("scoring_cityscore", "scoring_opdscore", "scoring_inovasiscore", "scoring_groupscore")
VERSION = 1


def connect(database_url):
    """A connection to a postgres:// URL (libpq parses it)."""
    return psycopg2.connect(database_url)


def tables(cursor):
    cursor.execute(
        "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
    return [name for (name,) in cursor.fetchall()]


def row_counts(cursor):
    """Exact row counts of every table of the portal's schema."""
    counts = {}
    for name in tables(cursor):
        cursor.execute(f'SELECT COUNT(*) FROM "{name}"')  # noqa: S608 (names come from pg_tables)
        counts[name] = cursor.fetchone()[0]
    return counts


def scores_checksum(cursor):
    """md5 over the score tables' rows (their text form, every column) in a fixed order (by the row text)."""
    digest = hashlib.md5(usedforsecurity=False)
    for name in SCORE_TABLES:
        cursor.execute(
            f"SELECT COALESCE(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM \"{name}\" t"  # noqa: S608
        )
        digest.update(f"{name}:{cursor.fetchone()[0]}\n".encode())
    return digest.hexdigest()


def database_manifest(cursor):
    return {"row_counts": row_counts(cursor), "scores_md5": scores_checksum(cursor)}


def media_files(root):
    """{relative path: (size, sha256)} of every file under `root` (empty when it does not exist)."""
    root = Path(root)
    files = {}
    if not root.is_dir():
        return files
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        files[path.relative_to(root).as_posix()] = (path.stat().st_size, digest.hexdigest())
    return files


def media_manifest(root):
    files = media_files(root)
    listing = "".join(f"{name}\t{size}\t{sha}\n" for name, (size, sha) in files.items())
    return {
        "files": len(files),
        "bytes": sum(size for size, _sha in files.values()),
        "sha256": hashlib.sha256(listing.encode()).hexdigest(),
    }


def differences(expected, actual):
    """Human-readable lines for every figure of `expected` that `actual` does not match."""
    lines = []
    want, got = expected["row_counts"], actual["row_counts"]
    for name in sorted(set(want) | set(got)):
        if want.get(name) != got.get(name):
            lines.append(f"rows of {name}: expected {want.get(name, 'no table')}, found {got.get(name, 'no table')}")
    if expected["scores_md5"] != actual["scores_md5"]:
        lines.append(f"scores checksum: expected {expected['scores_md5']}, found {actual['scores_md5']}")
    if expected.get("media") is not None and expected["media"] != actual.get("media"):
        lines.append(f"media: expected {expected['media']}, found {actual.get('media')}")
    return lines


def main():
    with connect(os.environ["DATABASE_URL"]) as connection, connection.cursor() as cursor:
        manifest = database_manifest(cursor)
    connection.close()
    manifest["media"] = media_manifest(os.environ.get("MEDIA_ROOT", Path(__file__).resolve().parent.parent / "media"))
    json.dump(manifest, sys.stdout, indent=2, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
