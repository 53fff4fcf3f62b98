"""URLs of the scan's results pages (included by scans/urls.py)."""

urlpatterns: list = []
