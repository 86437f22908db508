from django.urls import path

from portal.awards import views

urlpatterns = [
    path("penghargaan/", views.awards_public, name="awards-public"),
    path("penghargaan/piagam/<int:pk>/", views.awards_piagam, name="awards-piagam"),
    path("penghargaan/kelola/", views.award_list, name="award-list"),
    path("penghargaan/kelola/<int:pk>/", views.award_detail, name="award-detail"),
    path("penghargaan/kelola/<int:pk>/kriteria/", views.award_criteria, name="award-criteria"),
    path("penghargaan/kelola/<int:pk>/nilai/<int:opd_pk>/", views.award_score, name="award-score"),
    path("penghargaan/kelola/<int:pk>/tutup-juri/", views.award_close_jury, name="award-close-jury"),
    path("penghargaan/kelola/<int:pk>/putuskan/", views.award_decide, name="award-decide"),
]
