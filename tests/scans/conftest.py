"""Scan fixtures: a started scan (default guide, survey and services) for A and for B."""

import pytest

from scans.services.core import scan_start


@pytest.fixture
def scan_a(programme_a, consultant_a):
    return scan_start(user=consultant_a, programme=programme_a)


@pytest.fixture
def scan_b(programme_b, consultant_b):
    return scan_start(user=consultant_b, programme=programme_b)
