"""Uploads are streamed to clamd when it is configured: EICAR is refused, an unreachable scanner refuses too."""

import socket
import socketserver
import struct
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from inovasi.models import Evidence
from tests.inovasi.factories import MINIMAL_PDF, media_files

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class _Clamd(socketserver.StreamRequestHandler):
    """Speaks clamd's INSTREAM: a command line, 4-byte big-endian length chunks, a zero-length end."""

    def handle(self):
        command = self.rfile.read(10)  # "nINSTREAM\n" or "zINSTREAM\0"
        assert command[1:9] == b"INSTREAM", command
        data = b""
        while size := struct.unpack("!L", self.rfile.read(4))[0]:
            data += self.rfile.read(size)
        self.server.scanned.append(data)
        verdict = self.server.verdict or (b"stream: Eicar-Signature FOUND" if EICAR in data else b"stream: OK")
        self.wfile.write(verdict + command[-1:])


def _serve(server):
    server.scanned, server.verdict = [], None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def clamd(settings):
    server = _serve(socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Clamd))
    settings.CLAMAV_HOST, settings.CLAMAV_PORT = "127.0.0.1", server.server_address[1]
    yield server
    server.shutdown()
    server.server_close()


def _upload(client, records_of_every_kind, content):
    client.force_login(records_of_every_kind.operator_a)
    url = reverse(
        "inovasi-evidence-add", args=[records_of_every_kind.inovasi_a.pk, records_of_every_kind.sid_indicator.pk]
    )
    with translation.override("id"):
        return client.post(
            url, {"subject": "SK", "file": SimpleUploadedFile("sk.pdf", content)}, HTTP_ACCEPT_LANGUAGE="id"
        )


def test_a_clean_pdf_is_scanned_and_stored(client, records_of_every_kind, clamd):
    before = Evidence.objects.count()
    response = _upload(client, records_of_every_kind, MINIMAL_PDF)
    assert response.status_code == 302
    assert clamd.scanned == [MINIMAL_PDF]
    assert Evidence.objects.count() == before + 1


def test_the_eicar_test_file_is_refused_and_nothing_is_stored(client, records_of_every_kind, clamd):
    before, files = Evidence.objects.count(), media_files()
    response = _upload(client, records_of_every_kind, MINIMAL_PDF[:-6] + EICAR + b"\n%%EOF\n")
    assert response.status_code == 400
    assert "mengandung virus (Eicar-Signature)" in response.content.decode()
    assert (Evidence.objects.count(), media_files()) == (before, files)


def test_an_unreachable_scanner_refuses_the_upload(client, records_of_every_kind, settings):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.CLAMAV_HOST, settings.CLAMAV_PORT, settings.CLAMAV_TIMEOUT = "127.0.0.1", port, 2
    before = Evidence.objects.count()
    response = _upload(client, records_of_every_kind, MINIMAL_PDF)
    assert response.status_code == 400
    assert "Pemindai virus tidak dapat dihubungi" in response.content.decode()
    assert Evidence.objects.count() == before


def test_without_clamav_settings_uploads_are_not_scanned(client, records_of_every_kind, settings):
    settings.CLAMAV_HOST, settings.CLAMAV_SOCKET = "", ""
    assert _upload(client, records_of_every_kind, MINIMAL_PDF).status_code == 302


def test_a_unix_socket_scanner_is_used_the_same_way(client, records_of_every_kind, settings, tmp_path):
    server = _serve(socketserver.ThreadingUnixStreamServer(str(tmp_path / "clamd.sock"), _Clamd))
    settings.CLAMAV_SOCKET, settings.CLAMAV_HOST = str(tmp_path / "clamd.sock"), ""
    try:
        assert _upload(client, records_of_every_kind, MINIMAL_PDF).status_code == 302
        response = _upload(client, records_of_every_kind, MINIMAL_PDF[:-6] + EICAR + b"\n%%EOF\n")
    finally:
        server.shutdown()
        server.server_close()
    assert server.scanned == [MINIMAL_PDF, MINIMAL_PDF[:-6] + EICAR + b"\n%%EOF\n"]
    assert response.status_code == 400


def test_a_file_larger_than_one_chunk_arrives_whole(client, records_of_every_kind, clamd):
    large = MINIMAL_PDF[:-6] + b"%" + b"x" * 200_000 + b"\n%%EOF\n"
    assert _upload(client, records_of_every_kind, large).status_code == 302
    assert clamd.scanned == [large]


def test_an_error_answer_refuses_the_upload(client, records_of_every_kind, clamd):
    clamd.verdict = b"INSTREAM size limit exceeded. ERROR"
    before = Evidence.objects.count()
    response = _upload(client, records_of_every_kind, MINIMAL_PDF)
    assert response.status_code == 400
    assert "Pemindai virus tidak dapat dihubungi" in response.content.decode()
    assert Evidence.objects.count() == before
