from django.urls import path

from inovasi.exports import views

urlpatterns = [
    path("ekspor/", views.export_index, name="export-index"),
    path("ekspor/inovasi.csv", views.export_csv, name="export-csv"),
    path("ekspor/siap-input.xlsx", views.export_xlsx, name="export-xlsx"),
    path("ekspor/rekap.pdf", views.export_pdf, name="export-pdf"),
    path("ekspor/inovasi/<int:pk>/bukti.zip", views.export_inovasi_zip, name="export-inovasi-zip"),
    path("ekspor/opd/<int:opd_pk>/bukti.zip", views.export_opd_zip, name="export-opd-zip"),
    path("ekspor/tugas/", views.export_job_create, name="export-job-create"),
    path("ekspor/tugas/<int:pk>/status/", views.export_job_status, name="export-job-status"),
    path("ekspor/tugas/<int:pk>/unduh/", views.export_job_download, name="export-job-download"),
]
