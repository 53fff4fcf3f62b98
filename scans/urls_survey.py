"""URLs of the scan's survey pages (included by scans/urls.py)."""

urlpatterns: list = []
