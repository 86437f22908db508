from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from inovasi.models import Inovasi
from portal.accounts.access import access_for
from portal.accounts.models import Opd, Role
from scoring.models import Period

HOME_TEMPLATES = {
    Role.OPERATOR: "dashboard/home_opd.html",
    Role.KEPALA: "dashboard/home_opd.html",
    Role.PENDAMPING: "dashboard/home_bappeda.html",
    Role.ADMIN: "dashboard/home_bappeda.html",
    Role.PIMPINAN: "dashboard/home_pimpinan.html",
}


def window_info(period):
    """The current period and how many days its entry window has left (None when closed)."""
    if period is None or not period.entry_is_open():
        return {"period": period, "days_left": None}
    return {"period": period, "days_left": (period.entry_closes_at - timezone.now()).days}


@login_required
def home(request):
    """Each role lands on its own dashboard frame."""
    access = access_for(request.user)
    period = Period.objects.current()
    ctx = {
        "role": access.primary_role,
        "my_opds": Opd.objects.filter(pk__in=access.opd_ids).order_by("name"),
        "active_opd_count": Opd.objects.filter(is_active=True).count(),
        "inovasi_count": Inovasi.objects.visible_to(access).filter(period=period).count() if period else 0,
        **window_info(period),
    }
    template = HOME_TEMPLATES.get(access.primary_role, "dashboard/home_norole.html")
    return render(request, template, ctx)
