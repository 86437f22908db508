"""The public catalogue: approved innovations of OPDs that opted in, readable without signing in.

Only the public part of a profile leaves through here: never evidence, documents or scores
that are not final. The opt-in itself is the OPD's kepala's (or the Bappeda admin's) choice.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovasi.filters import CatalogueFilter
from inovasi.models import Inovasi, InovasiPhoto
from inovasi.uploads import inline_response
from portal.accounts.access import access_for
from portal.accounts.models import Opd
from portal.audit.log import record

PAGE_SIZE = 12
LISTED = ("period", "opd", "tahapan", "jenis", "urusan_utama")


def catalogue_list(request):
    base = Inovasi.objects.in_catalogue().select_related(*LISTED).prefetch_related("photos")
    filterset = CatalogueFilter(request.GET, queryset=base.order_by("-period__year", "name", "pk"))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {"filter": filterset, "page": page, "query": query.urlencode()}
    return render(request, "katalog/list.html", ctx)


def catalogue_detail(request, pk):
    queryset = Inovasi.objects.in_catalogue().select_related(*LISTED, "inisiator")
    inovasi = get_object_or_404(queryset, pk=pk)
    ctx = {"inovasi": inovasi, "photos": inovasi.photos.all(), "urusan_lain": inovasi.urusan_lain.all()}
    return render(request, "katalog/detail.html", ctx)


def catalogue_photo(request, pk):
    """A photo of a catalogue innovation, inline; any other photo does not exist here."""
    photo = get_object_or_404(InovasiPhoto, pk=pk, inovasi__in=Inovasi.objects.in_catalogue())
    return inline_response(photo.image)


@login_required
@require_POST
def catalogue_opt_in(request, opd_pk):
    access = access_for(request.user)
    opd = get_object_or_404(Opd, pk=opd_pk)
    if not access.can_view_opd(opd):
        raise Http404
    if not access.can_publish_opd(opd):
        raise PermissionDenied
    public = request.POST.get("public") == "1"
    with transaction.atomic():
        # A queryset update: the catalogue flag is no score input, so no recompute is queued.
        Opd.objects.filter(pk=opd.pk).update(public_catalogue=public)
        record(
            "catalogue_opt_in" if public else "catalogue_opt_out",
            actor=request.user,
            obj=opd,
            before={"public_catalogue": opd.public_catalogue},
            after={"public_catalogue": public},
            request=request,
        )
    if public:
        messages.success(request, _("%(opd)s is now in the public catalogue.") % {"opd": opd})
    else:
        messages.success(request, _("%(opd)s was taken out of the public catalogue.") % {"opd": opd})
    return redirect(_next_page(request))


def _next_page(request):
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and target.startswith("/")
    return target if safe else "inovasi-list"
