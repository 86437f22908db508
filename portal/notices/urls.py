from django.urls import path

from portal.notices import views

urlpatterns = [
    path("notifikasi/", views.inbox, name="notice-inbox"),
    path("notifikasi/<int:pk>/", views.notice_open, name="notice-open"),
    path("notifikasi/baca-semua/", views.mark_all_read, name="notice-mark-all-read"),
    path("notifikasi/pengaturan/", views.preferences, name="notice-preferences"),
]
