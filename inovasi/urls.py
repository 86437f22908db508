from django.urls import path

from inovasi.views import answers, comments, files, queue, records, review, spd

urlpatterns = [
    path("inovasi/", records.inovasi_list, name="inovasi-list"),
    path("inovasi/baru/", records.inovasi_create, name="inovasi-create"),
    path("inovasi/<int:pk>/", records.inovasi_detail, name="inovasi-detail"),
    path("inovasi/<int:pk>/ubah/", records.inovasi_edit, name="inovasi-edit"),
    path("inovasi/<int:pk>/hapus/", records.inovasi_delete, name="inovasi-delete"),
    path("inovasi/<int:pk>/riwayat/", records.inovasi_history, name="inovasi-history"),
    path("inovasi/<int:pk>/ajukan-kembali/", records.inovasi_carry_forward, name="inovasi-carry-forward"),
    path("inovasi/<int:pk>/indikator/", answers.inovasi_indicators, name="inovasi-indicators"),
    path("inovasi/<int:pk>/indikator/<int:indicator_pk>/", answers.inovasi_answer, name="inovasi-answer"),
    path(
        "inovasi/<int:pk>/indikator/<int:indicator_pk>/bukti/",
        answers.inovasi_evidence_add,
        name="inovasi-evidence-add",
    ),
    path("inovasi/<int:pk>/berkas/<slug:which>/", files.inovasi_file, name="inovasi-file"),
    path("inovasi/<int:pk>/foto/", files.photo_add, name="inovasi-photo-add"),
    path("foto/<int:pk>/", files.photo_view, name="photo-view"),
    path("foto/<int:pk>/hapus/", files.photo_delete, name="photo-delete"),
    path("bukti/<int:pk>/unduh/", files.evidence_download, name="evidence-download"),
    path("bukti/<int:pk>/hapus/", answers.evidence_delete, name="evidence-delete"),
    path("inovasi/<int:pk>/reviu/", review.inovasi_review, name="inovasi-review"),
    path("inovasi/<int:pk>/status/<slug:to>/", review.inovasi_transition, name="inovasi-transition"),
    path("inovasi/<int:pk>/reviu/<int:indicator_pk>/verifikasi/", review.inovasi_verify, name="inovasi-verify"),
    path("inovasi/<int:pk>/revisi/", review.inovasi_revisions, name="inovasi-revisions"),
    path("inovasi/<int:pk>/hasil-nasional/", review.inovasi_national_outcome, name="inovasi-national-outcome"),
    path("inovasi/<int:pk>/reviu/<int:indicator_pk>/diskusi/", comments.thread_start, name="thread-start"),
    path("diskusi/<int:pk>/balas/", comments.thread_reply, name="thread-reply"),
    path("diskusi/<int:pk>/selesai/", comments.thread_resolve, name="thread-resolve"),
    path("reviu/", queue.queue_page, name="review-queue"),
    path("spd/", spd.spd_page, name="spd"),
    path("spd/<int:indicator_pk>/", spd.spd_answer, name="spd-answer"),
    path("spd/<int:indicator_pk>/bukti/", spd.spd_evidence_add, name="spd-evidence-add"),
]
