from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import views
from portal.dashboard import views as dashboard_views

# The admin signs in through allauth, so its rate limits and MFA protect /admin/ too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = admin.site.site_title = _("Regional Innovation Index Portal")

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("dasbor/pimpinan/", dashboard_views.leadership, name="dashboard-leadership"),
    path("opd/<int:pk>/", dashboard_views.opd_page, name="opd-dashboard"),
    path("health/", views.health, name="health"),
    path("", include("inovasi.urls")),
    path("", include("portal.notices.urls")),
    path("", include("scoring.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.views.error_500"
