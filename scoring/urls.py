from django.urls import path

from scoring import views

urlpatterns = [
    path("skor/", views.scores, name="scores"),
    path("skor/<int:year>/hitung-ulang/", views.scores_recompute, name="scores-recompute"),
]
