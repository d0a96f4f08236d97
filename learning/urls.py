"""Front-end routes of learning, under /<language>/learning/ (lessons route themselves)."""

from django.urls import include, path

from learning.certificates import views as certificates
from learning.views import programmes, sessions

app_name = "learning"
urlpatterns = [
    path("", programmes.dashboard, name="dashboard"),
    path("my-sessions.ics", sessions.my_sessions_ical, name="my_sessions_ical"),
    path("programmes/<int:pk>/enrol/", programmes.programme_enrol, name="enrol"),
    path("programmes/<int:pk>/learners/", programmes.programme_learners,
         name="programme_learners"),
    path("enrolments/<int:pk>/", programmes.enrolment_detail, name="enrolment"),
    path("enrolments/<int:pk>/sign-off/", programmes.enrolment_sign_off, name="sign_off"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session"),
    path("sessions/<int:pk>.ics", sessions.session_ical, name="session_ical"),
    path("sessions/<int:pk>/book/", sessions.session_book, name="session_book"),
    path("sessions/<int:pk>/attendance/", sessions.session_attendance,
         name="session_attendance"),
    path("sessions/<int:pk>/sign-in-sheet/", sessions.session_sign_in_sheet,
         name="session_sign_in_sheet"),
    path("sessions/<int:pk>/check-in-code/", sessions.session_check_in_code,
         name="session_check_in_code"),
    path("sessions/<int:pk>/check-in/<str:token>/", sessions.session_check_in,
         name="session_check_in"),
    path("bookings/<int:pk>/cancel/", sessions.booking_cancel, name="booking_cancel"),
    path("certificates/", certificates.my_certificates, name="certificates"),
    path("certificates/<str:code>.pdf", certificates.my_certificate_pdf, name="certificate_pdf"),
    path("mentoring/", include("learning.mentoring.urls")),
]
