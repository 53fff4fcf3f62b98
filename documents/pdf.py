"""HTML to PDF with WeasyPrint, allowed to read nothing but the app's own static files.

The HTML may carry user text, so the renderer must never fetch or read anything it is pointed at. The URL
fetcher given to WeasyPrint:

- serves `<base>/static/<path>` (base: DOCUMENTS_PDF_BASE_URL, "https://tandem.invalid/" by default) from
  the static files finders or STATIC_ROOT, read from disk; never over the network. Only known asset types
  (css, fonts, images), no `..`, no encoded separators, nothing that resolves outside the static roots;
- serves `data:` URLs only for images (png, jpeg, gif, webp, svg), up to 5 MB: their bytes are in the
  HTML already, so they read nothing; an SVG's own references go through this same fetcher;
- refuses everything else: file:, http(s) to any other host (including the real site), ftp:, other
  schemes, and redirects (there is no network request to redirect).

A refused URL raises `RefusedURL`; WeasyPrint catches it, logs a warning and skips the resource.
Embedded files (`<link rel="attachment">`, `<a rel="attachment">`) are removed before the PDF is written.
WeasyPrint is imported inside the functions, so web processes that never render stay light.
"""

from __future__ import annotations

import base64
import binascii
import logging
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation

from . import conf

logger = logging.getLogger(__name__)

STATIC_CONTENT_TYPES = {
    ".css": "text/css",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
DATA_URL_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"})
MAX_DATA_URL_BYTES = 5 * 1024 * 1024


class RefusedURL(ValueError):
    """The renderer asked for something that is not one of our own static files."""


def _refuse(url: str, reason: str) -> RefusedURL:
    shown = url if len(url) <= 120 else url[:117] + "..."
    logger.warning("PDF rendering: refused to fetch %s (%s)", shown, reason)
    return RefusedURL(f"{reason}: {shown}")


def _static_roots() -> list[Path]:
    """Every directory the static files finders read from, plus STATIC_ROOT, resolved."""
    roots: list[Path] = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location).resolve())
    if getattr(settings, "STATIC_ROOT", None):
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def resolve_static_url(url: str, *, base_url: str | None = None) -> tuple[Path, str]:
    """The file and content type behind `<base>/static/<path>`, or RefusedURL."""
    base = urlsplit(base_url or conf.pdf_base_url())
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise _refuse(url, "malformed URL") from exc
    if parts.scheme.lower() != base.scheme.lower() or parts.netloc.lower() != base.netloc.lower():
        raise _refuse(url, "not a static file of this application")
    static_prefix = urlsplit(settings.STATIC_URL).path
    static_prefix = static_prefix if static_prefix.endswith("/") else static_prefix + "/"
    if not parts.path.startswith(static_prefix):
        raise _refuse(url, "outside the static files")
    relative = unquote(parts.path[len(static_prefix) :])
    segments = relative.split("/")
    if (
        not relative
        or "\x00" in relative
        or "\\" in relative
        or any(segment in ("", ".", "..") for segment in segments)
    ):
        raise _refuse(url, "path traversal or malformed path")
    content_type = STATIC_CONTENT_TYPES.get(Path(relative).suffix.lower())
    if content_type is None:
        raise _refuse(url, "not a stylesheet, font or image")

    try:
        found = finders.find(relative)
    except SuspiciousFileOperation as exc:
        raise _refuse(url, "path traversal") from exc
    if not found and getattr(settings, "STATIC_ROOT", None):
        found = str(Path(settings.STATIC_ROOT) / relative)
    if not found:
        raise _refuse(url, "no such static file")
    path = Path(found).resolve()
    # Also refuses a symlink inside a static directory that points elsewhere.
    if not any(path.is_relative_to(root) for root in _static_roots()) or not path.is_file():
        raise _refuse(url, "no such static file")
    return path, content_type


def decode_image_data_url(url: str) -> tuple[bytes, str]:
    """The bytes and media type of a `data:` URL holding an image, or RefusedURL."""
    header, comma, payload = url[len("data:") :].partition(",")
    if not comma:
        raise _refuse(url, "malformed data URL")
    params = [param.strip().lower() for param in header.split(";")]
    media_type = params[0] or "text/plain"
    if media_type not in DATA_URL_IMAGE_TYPES:
        raise _refuse(url, "data URL that is not an image")
    if len(payload) > MAX_DATA_URL_BYTES * 2:
        raise _refuse(url, "data URL too large")
    try:
        if params[-1] == "base64":
            data = base64.b64decode("".join(unquote(payload).split()), validate=True)
        else:
            data = unquote_to_bytes(payload)
    except (binascii.Error, ValueError) as exc:
        raise _refuse(url, "malformed data URL") from exc
    if len(data) > MAX_DATA_URL_BYTES:
        raise _refuse(url, "data URL too large")
    return data, media_type


@cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        """WeasyPrint's documented extension point (70.0): a URLFetcher subclass overriding fetch()."""

        def __init__(self, base_url: str) -> None:
            # The parent's opener (with its network handlers) is never used: fetch() reads files only.
            super().__init__(allowed_protocols=("http", "https", "data"), allow_redirects=False)
            self.base_url = base_url

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                data, media_type = decode_image_data_url(url)
                return URLFetcherResponse(url[:64], body=data, headers={"Content-Type": media_type})
            path, content_type = resolve_static_url(url, base_url=self.base_url)
            if content_type == "text/css":
                content_type += "; charset=utf-8"
            # The response URL is the requested one, so relative URLs in a stylesheet resolve under /static/.
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

        def open(self, url: Any, data: Any = None, timeout: Any = None) -> URLFetcherResponse:
            return self.fetch(url if isinstance(url, str) else url.full_url)

    return StaticOnlyURLFetcher


def make_url_fetcher(base_url: str | None = None) -> Any:
    """A WeasyPrint URL fetcher that serves only our static files (see the module docstring)."""
    return _fetcher_class()(base_url or conf.pdf_base_url())


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render an HTML document to PDF bytes. `/static/...` URLs in it resolve to our static files."""
    from weasyprint import HTML

    base_url = base_url or conf.pdf_base_url()
    document = HTML(string=html, base_url=base_url, url_fetcher=make_url_fetcher(base_url)).render()
    # No embedded files, even our own static ones: a PDF carries only what it shows.
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    return document.write_pdf(attachments=None, xmp_metadata=None, pdf_forms=False)
