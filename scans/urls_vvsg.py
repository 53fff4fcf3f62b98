"""URLs of the scan's vvsg pages (included by scans/urls.py)."""

urlpatterns: list = []
