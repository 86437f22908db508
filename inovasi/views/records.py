"""Innovation profiles: list, create, detail, edit, soft delete, history and carry-forward."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovasi.access import can_edit_now, check_window, inovasi_for, may_edit
from inovasi.carry_forward import carry_forward
from inovasi.completeness import checklist, indicator_states, percentage
from inovasi.filters import InovasiFilter
from inovasi.forms import CarryForwardForm, InovasiForm, OpdChoiceForm
from inovasi.history import history_entries
from inovasi.models import Inovasi
from inovasi.profile import save_profile
from portal.accounts.access import access_for
from portal.accounts.models import Opd
from portal.audit.log import changed_fields, record, snapshot
from portal.refusals import EntryClosed
from scoring import read
from scoring.models import Period

PAGE_SIZE = 25


def current_period():
    period = Period.objects.current()
    if period is None:
        raise EntryClosed(_("No assessment period is open yet. The Bappeda admin sets one up."))
    return period


def list_filter(request, access, base=None):
    """The list's filters on what the user may read (the current period unless one is chosen)."""
    data = request.GET.copy()
    if "period" not in data and (period := Period.objects.current()):
        data["period"] = str(period.pk)
    base = Inovasi.objects.visible_to(access) if base is None else base
    return data, InovasiFilter(data, queryset=base, access=access)


@login_required
def inovasi_list(request):
    access = access_for(request.user)
    base = Inovasi.objects.visible_to(access).select_related("period", "opd", "bidang", "tahapan", "urusan_utama")
    data, filterset = list_filter(request, access, base)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = data.copy()
    query.pop("page", None)
    ctx = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "can_create": _can_create(access),
        "catalogue_opd": _catalogue_opd(access),
    }
    return render(request, "inovasi/list.html", ctx)


def _catalogue_opd(access):
    """The kepala's own OPD, whose catalogue opt-in the list offers (one OPD only, to keep it plain)."""
    if len(access.opd_ids) == 1 and access.opd_ids == access.kepala_opd_ids:
        return Opd.objects.filter(pk__in=access.kepala_opd_ids).first()
    return None


def _can_create(access):
    return bool(access.operator_opd_ids) or access.is_admin


def _opd_for_new(request, access):
    """An operator's own OPD; the admin names one with ?opd=."""
    if access.is_admin and not access.operator_opd_ids:
        form = OpdChoiceForm(request.GET)
        return form.cleaned_data["opd"] if form.is_valid() else None
    if not access.operator_opd_ids:
        raise PermissionDenied
    return get_object_or_404(Opd, pk=min(access.operator_opd_ids))


@login_required
def inovasi_create(request):
    access = access_for(request.user)
    period = current_period()
    check_window(access, period)
    opd = _opd_for_new(request, access)
    if opd is None:
        return render(request, "inovasi/choose_opd.html", {"form": OpdChoiceForm()})
    form = InovasiForm(request.POST or None, request.FILES or None, opd=opd, period=period)
    if request.method == "POST" and form.is_valid():
        inovasi = _save_new(form, opd, period, request.user)
        record("inovasi.create", actor=request.user, obj=inovasi, request=request)
        messages.success(request, _("The innovation was saved as a draft."))
        return redirect("inovasi-indicators", pk=inovasi.pk)
    return render(request, "inovasi/form.html", {"form": form, "opd": opd, "period": period})


def _save_new(form, opd, period, user):
    inovasi = form.save(commit=False)
    inovasi.opd, inovasi.period, inovasi.created_by = opd, period, user
    return save_profile(inovasi, m2m=lambda saved: form.save_m2m())


@login_required
def inovasi_detail(request, pk):
    inovasi = inovasi_for(request, pk)
    access = access_for(request.user)
    states = indicator_states(inovasi)
    items = checklist(inovasi, states)
    ctx = {
        "inovasi": inovasi,
        "states": states,
        "checklist": items,
        "percentage": percentage(items),
        "photos": inovasi.photos.all(),
        "urusan_lain": inovasi.urusan_lain.all(),
        "can_edit": can_edit_now(access, inovasi),
        "can_carry_forward": _can_carry_forward(access, inovasi),
        "score": read.inovasi_score(inovasi),
        "freshness": read.freshness(inovasi.period),
    }
    return render(request, "inovasi/detail.html", ctx)


def _may_carry_forward(access, inovasi, current):
    return bool(current) and inovasi.period_id != current.pk and may_edit(access, inovasi)


def _can_carry_forward(access, inovasi):
    """Whether to offer the button: allowed, and the current period's window is open for the user."""
    current = Period.objects.current()
    return _may_carry_forward(access, inovasi, current) and (access.is_admin or current.entry_is_open())


@login_required
def inovasi_edit(request, pk):
    inovasi = inovasi_for(request, pk, edit=True)
    form = InovasiForm(
        request.POST or None, request.FILES or None, instance=inovasi, opd=inovasi.opd, period=inovasi.period
    )
    if request.method == "POST" and form.is_valid():
        before = snapshot(Inovasi.objects.get(pk=inovasi.pk))
        save_profile(form.save(commit=False), m2m=lambda saved: form.save_m2m())
        old, new = changed_fields(before, snapshot(Inovasi.objects.get(pk=inovasi.pk)))
        record("inovasi.update", actor=request.user, obj=inovasi, before=old, after=new, request=request)
        messages.success(request, _("The profile was saved."))
        return redirect("inovasi-detail", pk=pk)
    return render(
        request, "inovasi/form.html", {"form": form, "inovasi": inovasi, "opd": inovasi.opd, "period": inovasi.period}
    )


@login_required
@require_POST
def inovasi_delete(request, pk):
    inovasi = inovasi_for(request, pk, edit=True)
    inovasi.deleted_at = timezone.now()
    with transaction.atomic():  # the deletion and its dirty mark commit together
        inovasi.save(update_fields=["deleted_at"])
        record("inovasi.delete", actor=request.user, obj=inovasi, request=request)
    messages.success(request, _("The innovation was deleted. The Bappeda admin can restore it."))
    return redirect("inovasi-list")


@login_required
def inovasi_history(request, pk):
    inovasi = inovasi_for(request, pk)
    return render(request, "inovasi/history.html", {"inovasi": inovasi, "entries": history_entries(inovasi)})


@login_required
def inovasi_carry_forward(request, pk):
    earlier = inovasi_for(request, pk)
    access = access_for(request.user)
    period = current_period()
    if not _may_carry_forward(access, earlier, period):
        raise PermissionDenied
    check_window(access, period)
    form = CarryForwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        inovasi = carry_forward(earlier, period, user=request.user, note=form.cleaned_data["development_note"])
        record("inovasi.carry_forward", actor=request.user, obj=inovasi, after={"from": earlier.pk}, request=request)
        messages.success(request, _("A new draft was created in %(period)s.") % {"period": period})
        return redirect("inovasi-edit", pk=inovasi.pk)
    return render(request, "inovasi/carry_forward.html", {"form": form, "earlier": earlier, "period": period})
