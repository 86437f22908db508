"""Virus scanning of uploads by ClamAV's clamd over its INSTREAM command.

On only when CLAMAV_SOCKET (a Unix socket) or CLAMAV_HOST/CLAMAV_PORT is set; without them uploads
are not scanned. When it is on, it fails closed: an unreachable or confused scanner refuses the upload.

The protocol is small enough to speak directly (clamd(8), "INSTREAM"): the command, the file as
chunks each preceded by its length as 4 big-endian bytes, a zero length to end, then one reply
line such as "stream: OK" or "stream: Eicar-Signature FOUND", NUL-terminated with the z-prefix.
"""

import socket
import struct

from django.conf import settings

CHUNK_SIZE = 64 * 1024  # well below clamd's StreamMaxLength and its per-chunk limit
MAX_REPLY = 4096


class ScannerUnavailable(Exception):
    """clamd could not be reached, or its answer made no sense."""


def _connect(timeout):
    """A socket to the configured clamd, or None when scanning is off."""
    if getattr(settings, "CLAMAV_SOCKET", ""):
        unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        unix.settimeout(timeout)
        unix.connect(settings.CLAMAV_SOCKET)
        return unix
    if getattr(settings, "CLAMAV_HOST", ""):
        return socket.create_connection((settings.CLAMAV_HOST, settings.CLAMAV_PORT), timeout=timeout)
    return None


def _send_stream(connection, uploaded):
    connection.sendall(b"zINSTREAM\0")
    uploaded.seek(0)
    while chunk := uploaded.read(CHUNK_SIZE):
        connection.sendall(struct.pack("!L", len(chunk)) + chunk)
    connection.sendall(struct.pack("!L", 0))


def _read_reply(connection):
    reply = b""
    while not reply.endswith(b"\0") and len(reply) < MAX_REPLY:
        received = connection.recv(MAX_REPLY)
        if not received:
            break
        reply += received
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def parse_reply(reply):
    """The virus name in clamd's reply, None when clean; ScannerUnavailable for anything else."""
    if reply == "stream: OK":
        return None
    if reply.startswith("stream: ") and reply.endswith(" FOUND"):
        return reply.removeprefix("stream: ").removesuffix(" FOUND")
    raise ScannerUnavailable(f"unexpected clamd answer: {reply!r}")


def find_virus(uploaded):
    """The virus name clamd found in the upload, or None when it is clean (or scanning is off).

    Raises ScannerUnavailable when clamd cannot give a verdict.
    """
    try:
        connection = _connect(getattr(settings, "CLAMAV_TIMEOUT", 30))
        if connection is None:
            return None
        with connection:
            _send_stream(connection, uploaded)
            reply = _read_reply(connection)
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error
    finally:
        uploaded.seek(0)
    return parse_reply(reply)
