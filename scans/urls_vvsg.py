"""URLs of the scan's vvsg pages (included by scans/urls.py)."""

from django.urls import path

from .views import vvsg

urlpatterns: list = [
    path("scans/<int:pk>/diensten/", vvsg.services_overview, name="services"),
    path("scans/<int:pk>/diensten/nieuw/", vvsg.service_add, name="service_add"),
    path("scans/diensten/<int:pk>/", vvsg.service_detail, name="service_detail"),
    path("scans/diensten/<int:pk>/bewerken/", vvsg.service_edit, name="service_edit"),
    path("scans/diensten/<int:pk>/verplaatsen/", vvsg.service_move, name="service_move"),
    path("scans/diensten/<int:pk>/verwijderen/", vvsg.service_delete, name="service_delete"),
    path("scans/diensten/<int:pk>/scenario/", vvsg.service_scenario, name="service_scenario"),
    path("scans/diensten/<int:pk>/producten/nieuw/", vvsg.product_add, name="product_add"),
    path("scans/producten/<int:pk>/bewerken/", vvsg.product_edit, name="product_edit"),
    path("scans/producten/<int:pk>/verwijderen/", vvsg.product_delete, name="product_delete"),
    path("scans/producten/<int:pk>/hypothesen/nieuw/", vvsg.hypothesis_add, name="hypothesis_add"),
    path("scans/hypothesen/<int:pk>/bewerken/", vvsg.hypothesis_edit, name="hypothesis_edit"),
    path("scans/hypothesen/<int:pk>/verwijderen/", vvsg.hypothesis_delete, name="hypothesis_delete"),
]
