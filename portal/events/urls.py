from django.urls import path

from portal.events import views

urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("<int:pk>/", views.event_detail, name="event-detail"),
    path("<int:pk>/layar/", views.event_screen, name="event-screen"),
    path("<int:pk>/hadir/<str:code>/", views.event_checkin, name="event-checkin"),
    path("<int:pk>/tandai-hadir/", views.event_mark, name="event-mark"),
    path("<int:pk>/daftar-hadir.pdf", views.event_attendance_pdf, name="event-attendance-pdf"),
    path("<int:pk>/sertifikat.pdf", views.event_certificate, name="event-certificate"),
    path("<int:pk>/materi/tambah/", views.event_material_add, name="event-material-add"),
    path("materi/<int:pk>/", views.event_material, name="event-material"),
]
