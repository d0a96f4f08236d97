"""The verification pages, under /<language>/certificates/."""

from django.urls import path, re_path

from learning.certificates import views

urlpatterns = [
    path("verify/", views.verify_pasted, name="certificate_verify"),
    # Letters, digits and dashes only: ``/certificates/<code>.jwt`` that does not exist stays
    # a 404 (Django's LocaleMiddleware would send it here if this pattern matched it).
    re_path(r"^(?P<code>[A-Za-z0-9-]{1,40})/$", views.certificate_page, name="certificate_page"),
]
