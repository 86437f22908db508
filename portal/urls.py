from django.contrib import admin
from django.urls import include, path

from portal import views
from portal.dashboard import views as dashboard_views

# admin.site is portal.accounts.admin_site.PortalAdminSite: it signs in through allauth (rate limits,
# TOTP) and opens only for an active admin membership whose session passed TOTP.

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("dasbor/pimpinan/", dashboard_views.leadership, name="dashboard-leadership"),
    path("opd/<int:pk>/", dashboard_views.opd_page, name="opd-dashboard"),
    path("health/", views.health, name="health"),
    path("", include("inovasi.urls")),
    path("", include("portal.notices.urls")),
    path("", include("scoring.urls")),
    path("", include("portal.awards.urls")),
    path("kegiatan/", include("portal.events.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "portal.views.error_400"
handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.views.error_500"
