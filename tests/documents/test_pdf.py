"""The PDF renderer reads only our own static files: never the file system, never the network."""

from __future__ import annotations

import base64
import io
import socket
import socketserver
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader

from documents.pdf import RefusedURL, html_to_pdf, make_url_fetcher
from tests.documents.conftest import pdf_text

BASE = "https://tandem.invalid"
# A 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


class _Recorder(socketserver.BaseRequestHandler):
    def handle(self):
        self.server.connections.append(self.client_address)


@pytest.fixture
def listener():
    """A TCP server on 127.0.0.1 that records every connection it receives."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Recorder)
    server.daemon_threads = True
    server.connections = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def no_network(monkeypatch):
    """Record (and refuse) every attempt to open a network connection or resolve a name."""
    attempts = []

    def record(name):
        def refuse(*args, **kwargs):
            attempts.append((name, args[1:] if name == "socket.connect" else args))
            raise OSError("network access during PDF rendering")

        return refuse

    monkeypatch.setattr(socket.socket, "connect", record("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", record("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", record("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", record("socket.getaddrinfo"))
    return attempts


def test_hostile_html_reads_no_file_and_opens_no_connection(listener, no_network, caplog):
    port = listener.server_address[1]
    html = f"""<!DOCTYPE html>
<html><head>
  <meta charset="utf-8">
  <title>Vijandig</title>
  <link rel="stylesheet" href="http://127.0.0.1:9/x.css">
  <link rel="stylesheet" href="http://127.0.0.1:{port}/y.css">
  <link rel="stylesheet" href="file:///etc/passwd">
  <link rel="attachment" href="file:///etc/passwd">
  <link rel="attachment" href="/static/css/print.css">
  <style>
    @import url(file:///etc/passwd);
    @import url("http://127.0.0.1:{port}/import.css");
    @font-face {{ font-family: X; src: url(http://127.0.0.1:{port}/font.woff2); }}
    body {{ background: url(http://127.0.0.1:{port}/bg.png); }}
    p::after {{ content: url(file:///etc/passwd); }}
  </style>
</head><body>
  <p>Zichtbare alinea</p>
  <img src="file:///etc/passwd" alt="">
  <img src="https://example.com/x.png" alt="">
  <img src="http://127.0.0.1:{port}/img.png" alt="">
  <img src="ftp://127.0.0.1:{port}/a.png" alt="">
  <img src="/static/../../../../etc/passwd" alt="">
  <img src="/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd" alt="">
  <object data="file:///etc/passwd"></object>
  <embed src="file:///etc/passwd">
  <svg width="10" height="10" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
    <image href="file:///etc/passwd" width="10" height="10"/>
    <image xlink:href="http://127.0.0.1:{port}/svg.png" width="10" height="10"/>
  </svg>
  <a rel="attachment" href="file:///etc/passwd">bijlage</a>
  <a rel="attachment" href="/static/css/print.css">bijlage 2</a>
</body></html>"""

    pdf = html_to_pdf(html)

    text = pdf_text(pdf)
    assert "Zichtbare alinea" in text
    assert "root:x:0:0" not in text
    assert "root:" not in text
    reader = PdfReader(io.BytesIO(pdf))
    assert not reader.attachments
    assert b"root:x:0:0" not in pdf
    assert b"/EmbeddedFile" not in pdf
    assert not any(page.images for page in reader.pages)
    assert no_network == []
    assert listener.connections == []
    refused = "\n".join(r.getMessage() for r in caplog.records if r.name == "documents.pdf")
    for url in (
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.com/x.png",
        f"127.0.0.1:{port}/img.png",
    ):
        assert url in refused  # asked, and refused by our fetcher


def test_a_base_element_cannot_redirect_relative_urls(no_network):
    html = (
        "<html><head><base href='file:///etc/'></head><body><p>Met base</p>"
        "<img src='passwd'><link rel='stylesheet' href='passwd'></body></html>"
    )
    pdf = html_to_pdf(html)
    assert "Met base" in pdf_text(pdf)
    assert b"root:x:0:0" not in pdf
    assert no_network == []


def test_our_static_stylesheet_and_fonts_are_used(no_network):
    html = (
        "<html><head><link rel='stylesheet' href='/static/css/fonts.css'>"
        "<style>body { font-family: 'Source Sans 3'; }</style></head>"
        "<body><p>Met onze letter</p></body></html>"
    )
    pdf = html_to_pdf(html)
    assert "Met onze letter" in pdf_text(pdf)
    fonts = [
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    ]
    assert any("Source-Sans-3" in font for font in fonts), fonts  # through the fetcher, from static/vendor
    assert no_network == []


def test_a_data_image_is_allowed():
    src = "data:image/png;base64," + base64.b64encode(PNG).decode()
    pdf = html_to_pdf(f"<html><body><p>Met beeld</p><img src='{src}' width='20' height='20'></body></html>")
    assert any(PdfReader(io.BytesIO(pdf)).pages[0].images)


# --- The fetcher itself ---------------------------------------------------------------------------


@pytest.fixture
def fetcher():
    return make_url_fetcher()


def test_fetcher_serves_our_static_files(fetcher):
    css = fetcher.fetch(f"{BASE}/static/css/print.css")
    assert css.content_type == "text/css"
    assert css.read() == Path(settings.BASE_DIR, "static/css/print.css").read_bytes()
    font = fetcher.fetch(f"{BASE}/static/vendor/fonts/source-sans-3/source-sans-3-latin-400-normal.woff2")
    assert font.content_type == "font/woff2"
    assert font.read()[:4] == b"wOF2"
    # A query string or fragment (cache busting, #iefix) does not matter.
    assert fetcher.fetch(f"{BASE}/static/css/print.css?v=2#x").read()


def test_fetcher_serves_data_images_only(fetcher):
    image = fetcher.fetch("data:image/png;base64," + base64.b64encode(PNG).decode())
    assert image.read() == PNG
    assert image.content_type == "image/png"
    for url in ("data:text/css,body{}", "data:text/html,<p>x</p>", "data:,root", "data:image/png;base64,@@@"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///work/main/static/css/print.css",
        "http://127.0.0.1:9/x.css",
        "https://example.com/x.png",
        "http://tandem.invalid/static/css/print.css",  # other scheme than the base
        "https://tandem.invalid:444/static/css/print.css",  # other port
        "https://user@tandem.invalid/static/css/print.css",
        "https://tandem.invalid.example.com/static/css/print.css",
        "ftp://tandem.invalid/static/css/print.css",
        "javascript:alert(1)",
        "about:blank",
        "static/css/print.css",  # not absolute
        f"{BASE}/media/documents/2026/01/x.pdf",  # generated documents are never static
        f"{BASE}/static/",
        f"{BASE}/static/../config/settings/base.py",
        f"{BASE}/static/css/../../manage.py",
        f"{BASE}/static/%2e%2e/manage.py",
        f"{BASE}/static/css/%2E%2E/%2E%2E/manage.py",
        f"{BASE}/static/..%2fmanage.py",
        f"{BASE}/static/css%2f..%2f..%2fpyproject.toml",
        f"{BASE}/static/..%5cmanage.py",
        f"{BASE}/static//etc/passwd",
        f"{BASE}/static/%2fetc%2fpasswd",
        f"{BASE}/static/css/print.css%00.png",
        f"{BASE}/static/vendor/fonts/source-sans-3/LICENSE",  # not a stylesheet, font or image
        f"{BASE}/static/js/nothing-here.css",
    ],
)
def test_fetcher_refuses_everything_else(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


def test_fetcher_reads_collected_static_files_but_no_symlink_out(fetcher, settings, tmp_path):
    """Hashed names (ManifestStaticFilesStorage) exist only in STATIC_ROOT."""
    settings.STATIC_ROOT = str(tmp_path / "staticfiles")
    (tmp_path / "staticfiles/css").mkdir(parents=True)
    (tmp_path / "staticfiles/css/print.0123abcd.css").write_text("p { color: black }")
    (tmp_path / "staticfiles/css/passwd.css").symlink_to("/etc/passwd")
    assert fetcher.fetch(f"{BASE}/static/css/print.0123abcd.css").read() == b"p { color: black }"
    with pytest.raises(RefusedURL):
        fetcher.fetch(f"{BASE}/static/css/passwd.css")


def test_the_base_url_is_a_setting(settings):
    settings.DOCUMENTS_PDF_BASE_URL = "https://tandem.example.be/"
    fetcher = make_url_fetcher()
    assert fetcher.fetch("https://tandem.example.be/static/css/print.css").read()
    with pytest.raises(RefusedURL):
        fetcher.fetch(f"{BASE}/static/css/print.css")


# --- The print base template and print.css --------------------------------------------------------


def test_print_base_draft_pages_header_footer_and_toc(no_network):
    paragraphs = ("<p>" + "Tekst van de alinea. " * 80 + "</p>") * 3
    sections = "".join(
        f"<section class='section' id='s{i}'><h2>Hoofdstuk {i}</h2>{paragraphs}</section>" for i in (1, 2)
    )
    toc = (
        "<nav class='toc'><h2>Inhoud</h2><ol><li><a href='#s1'>Hoofdstuk 1</a></li>"
        "<li><a href='#s2'>Hoofdstuk 2</a></li></ol></nav>"
    )
    template = (
        "{% extends 'documents/print_base.html' %}{% block content %}" + toc + sections + "{% endblock %}"
    )
    from django.template import engines

    html = (
        engines["django"]
        .from_string(template)
        .render({"document_title": "Samen sterker in Geel", "draft": True})
    )
    reader = PdfReader(io.BytesIO(html_to_pdf(html)))
    pages = [page.extract_text() for page in reader.pages]
    count = len(pages)

    assert count >= 4
    assert "Samen sterker in Geel" in pages[0]
    assert "pagina" not in pages[0]  # the cover has no footer
    for number, text in enumerate(pages, start=1):
        assert "ONTWERP" in text, f"no draft mark on page {number}"
        if number > 1:
            assert f"pagina {number} van {count}" in text
            assert "Samen sterker in Geel" in text  # the running header
    assert "Hoofdstuk 1" in pages[1] and "3" in pages[1]  # the TOC with page numbers
    assert no_network == []


def test_print_base_without_draft_has_no_mark():
    html = render_to_string("documents/print_base.html", {"document_title": "Definitief"})
    text = pdf_text(html_to_pdf(html))
    assert "Definitief" in text
    assert "ONTWERP" not in text
