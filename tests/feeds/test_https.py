"""HTTPS through the pinned address: the certificate is checked against the URL's host name.

The fetcher connects to the IP address it checked and gives TLS the host name (SNI) itself;
this proves the name, not the address, is what the certificate is verified against.
"""
from __future__ import annotations

import http.server
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from flashpoint.errors import FetchError
from flashpoint.feeds import Fetcher, FetchPolicy
from tests.feeds.site import article_html


class _Page(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = article_html(9).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """An HTTPS server on 127.0.0.1 whose self-signed certificate names ``localhost`` only."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield server.server_address[1], cert
    server.shutdown()
    server.server_close()


def _fetcher(port: int, cert: Path, host: str) -> Fetcher:
    policy = FetchPolicy(connect_timeout=2, read_timeout=2, host_interval=0,
                         allowed_endpoints=frozenset({f"{host}:{port}"}))
    return Fetcher(policy, verify=ssl.create_default_context(cafile=str(cert)))


def test_certificate_is_verified_for_the_host_name_not_the_address(tls_server: tuple[int, Path]) -> None:
    port, cert = tls_server
    with _fetcher(port, cert, "localhost") as fetcher:
        page = fetcher.fetch(f"https://localhost:{port}/articles/9")
    assert page.status == 200 and b"report number 9" in page.body


def test_a_certificate_for_another_name_is_refused(tls_server: tuple[int, Path]) -> None:
    port, cert = tls_server
    with _fetcher(port, cert, "127.0.0.1") as fetcher, pytest.raises(FetchError, match="E062"):
        fetcher.fetch(f"https://127.0.0.1:{port}/articles/9")
