"""URLs of the plan's target pages (included by programmes/plan/urls.py)."""

urlpatterns: list = []
