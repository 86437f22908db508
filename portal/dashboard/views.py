from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from portal.accounts.access import access_for
from portal.accounts.models import Opd, Role

HOME_TEMPLATES = {
    Role.OPERATOR: "dashboard/home_opd.html",
    Role.KEPALA: "dashboard/home_opd.html",
    Role.PENDAMPING: "dashboard/home_bappeda.html",
    Role.ADMIN: "dashboard/home_bappeda.html",
    Role.PIMPINAN: "dashboard/home_pimpinan.html",
}


@login_required
def home(request):
    """Each role lands on its own dashboard frame."""
    access = access_for(request.user)
    ctx = {
        "role": access.primary_role,
        "my_opds": Opd.objects.filter(pk__in=access.opd_ids).order_by("name"),
        "active_opd_count": Opd.objects.filter(is_active=True).count(),
    }
    template = HOME_TEMPLATES.get(access.primary_role, "dashboard/home_norole.html")
    return render(request, template, ctx)
