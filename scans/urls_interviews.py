"""URLs of the scan's interviews pages (included by scans/urls.py)."""

urlpatterns: list = []
