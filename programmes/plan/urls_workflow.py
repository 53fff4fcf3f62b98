"""URLs of the plan's workflow pages (included by programmes/plan/urls.py)."""

urlpatterns: list = []
