"""Render jobs: HTML in, PDF out, by a Celery worker. Knows none of the other Tandem apps."""
