"""Virus scanning of uploads by ClamAV's clamd, through the `clamd` client library (INSTREAM).

On only when CLAMAV_SOCKET (a Unix socket) or CLAMAV_HOST/CLAMAV_PORT is set; without them uploads
are not scanned. When it is on, it fails closed: an unreachable or confused scanner refuses the upload.
"""

import socket

import clamd
from django.conf import settings


class ScannerUnavailable(Exception):
    """clamd could not be reached, or its answer made no sense."""


class _NetworkScanner(clamd.ClamdNetworkSocket):
    # The library sets its timeout only after connecting; an unreachable host must not hang the upload.
    def _init_socket(self):
        self.clamd_socket = socket.socket()  # something for the library's `finally: close` to close
        try:
            connected = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as error:
            raise clamd.ConnectionError(f"Error connecting to {self.host}:{self.port}: {error}") from error
        self.clamd_socket.close()
        self.clamd_socket = connected


def scanner():
    """The configured clamd client, or None when scanning is off."""
    timeout = getattr(settings, "CLAMAV_TIMEOUT", 30)
    if getattr(settings, "CLAMAV_SOCKET", ""):
        return clamd.ClamdUnixSocket(path=settings.CLAMAV_SOCKET, timeout=timeout)
    if getattr(settings, "CLAMAV_HOST", ""):
        return _NetworkScanner(host=settings.CLAMAV_HOST, port=settings.CLAMAV_PORT, timeout=timeout)
    return None


def find_virus(uploaded):
    """The virus name clamd found in the upload, or None when it is clean (or scanning is off).

    Raises ScannerUnavailable when clamd cannot give a verdict.
    """
    client = scanner()
    if client is None:
        return None
    uploaded.seek(0)
    try:
        result = client.instream(uploaded)
    except (clamd.ClamdError, OSError) as error:
        raise ScannerUnavailable(str(error)) from error
    finally:
        uploaded.seek(0)
    status, name = (result or {}).get("stream", (None, None))
    if status == "OK":
        return None
    if status == "FOUND":
        return name
    raise ScannerUnavailable(f"unexpected clamd answer: {result!r}")
