"""The verification pages, under /<language>/certificates/."""

from django.urls import path

from learning.certificates import views

urlpatterns = [
    path("verify/", views.verify_pasted, name="certificate_verify"),
    path("<str:code>/", views.certificate_page, name="certificate_page"),
]
