"""URLs of the plan's actions pages (included by programmes/plan/urls.py)."""

urlpatterns: list = []
