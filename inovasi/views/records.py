"""Innovation profiles: list, create, detail, edit, soft delete, history and carry-forward."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inovasi.access import (
    can_edit_now,
    can_restore_now,
    check_window,
    deleted_inovasi_for,
    inovasi_for,
    may_edit,
)
from inovasi.carry_forward import carry_forward
from inovasi.completeness import checklist, indicator_states, percentage
from inovasi.confirm import Confirmation, confirmation_page
from inovasi.filters import list_filter
from inovasi.forms import CarryForwardForm, InovasiForm, OpdChoiceForm
from inovasi.history import history_entries
from inovasi.models import Evidence, Inovasi
from inovasi.profile import create_inovasi, delete_inovasi, restore_inovasi, update_profile
from portal.accounts.access import access_for
from portal.accounts.models import Opd
from portal.catalogue.models import Period
from scoring import read

PAGE_SIZE = 25


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
        "can_create": access.can_create_innovations,
        "can_see_deleted": access.can_see_deleted_innovations,
        "catalogue_opd": _catalogue_opd(access),
    }
    return render(request, "inovasi/list.html", ctx)


def _catalogue_opd(access):
    """The kepala's own OPD, whose catalogue opt-in the list offers (one OPD only, to keep it plain)."""
    headed = access.headed_opd_id
    return Opd.objects.filter(pk=headed).first() if headed is not None else None


def _opd_for_new(request, access):
    """An operator's own OPD; the admin names one with ?opd=."""
    if access.acting_opd_id is not None:
        return get_object_or_404(Opd, pk=access.acting_opd_id)
    if not access.can_create_innovations:
        raise PermissionDenied
    form = OpdChoiceForm(request.GET)
    return form.cleaned_data["opd"] if form.is_valid() else None


@login_required
def inovasi_create(request):
    access = access_for(request.user)
    period = Period.objects.current_or_refuse()
    check_window(access, period)
    opd = _opd_for_new(request, access)
    if opd is None:
        return render(request, "inovasi/choose_opd.html", {"form": OpdChoiceForm()})
    form = InovasiForm(request.POST or None, request.FILES or None, opd=opd, period=period, user=request.user)
    if request.method == "POST" and form.is_valid():
        inovasi = _save_new(form, opd, period, request)
        form.uploads_used()
        messages.success(request, _("The innovation was saved as a draft."))
        return redirect("inovasi-indicators", pk=inovasi.pk)
    if request.method == "POST":
        form.keep_uploads()  # the documents that passed their checks survive the refusal
    return render(request, "inovasi/form.html", {"form": form, "opd": opd, "period": period})


def _save_new(form, opd, period, request):
    inovasi = form.save(commit=False)
    inovasi.opd, inovasi.period = opd, period
    return create_inovasi(inovasi, actor=request.user, m2m=lambda saved: form.save_m2m(), request=request)


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
    return _may_carry_forward(access, inovasi, current) and (access.can_bypass_entry_window or current.entry_is_open())


@login_required
def inovasi_edit(request, pk):
    inovasi = inovasi_for(request, pk, edit=True)
    form = InovasiForm(
        request.POST or None,
        request.FILES or None,
        instance=inovasi,
        opd=inovasi.opd,
        period=inovasi.period,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        update_profile(form.save(commit=False), actor=request.user, m2m=lambda saved: form.save_m2m(), request=request)
        form.uploads_used()
        messages.success(request, _("The profile was saved."))
        return redirect("inovasi-detail", pk=pk)
    if request.method == "POST":
        form.keep_uploads()  # the documents that passed their checks survive the refusal
    return render(
        request, "inovasi/form.html", {"form": form, "inovasi": inovasi, "opd": inovasi.opd, "period": inovasi.period}
    )


@login_required
@require_http_methods(["GET", "POST"])
def inovasi_delete(request, pk):
    """GET: the confirmation page (nothing changes); POST: the soft delete."""
    inovasi = inovasi_for(request, pk, edit=True)
    if request.method == "GET":
        return confirmation_page(request, _delete_confirmation(inovasi))
    delete_inovasi(inovasi, actor=request.user, request=request)
    messages.success(
        request,
        _(
            "The innovation was deleted. Your OPD's operator can restore it under Deleted innovations "
            "while the data-entry window is open."
        ),
    )
    return redirect("inovasi-list")


def _closes(period):
    """When the period's entry window closes, as the pages write a moment (— when it has no end)."""
    closes = period.entry_closes_at
    return formats.date_format(timezone.localtime(closes), "DATETIME_FORMAT") if closes else "—"


def _delete_confirmation(inovasi):
    evidence = Evidence.objects.filter(answer__inovasi=inovasi).count()
    return Confirmation(
        title=_("Delete this innovation?"),
        what_heading=_("The innovation that will be deleted"),
        items=[
            (_("Innovation"), inovasi.name),
            (_("OPD"), inovasi.opd.name),
            (_("Period"), inovasi.period),
            (_("Status"), inovasi.get_status_display()),
            (_("Evidence items"), evidence),
        ],
        consequences=[
            _("It leaves the innovation list, the dashboards and the scores; the IID is recomputed without it."),
            _("Its profile, levels, evidence and photos are kept with it, not erased."),
            _(
                "Your OPD's operator can restore it under Deleted innovations until the data-entry window of "
                "%(period)s closes (%(closes)s); after that only the Bappeda admin can."
            )
            % {"period": inovasi.period, "closes": _closes(inovasi.period)},
        ],
        confirm_label=_("Yes, delete"),
        cancel_url=reverse("inovasi-detail", args=[inovasi.pk]),
    )


@login_required
def inovasi_deleted(request):
    """*Inovasi yang dihapus*: the user's OPD's soft-deleted innovations of the current period, to restore.

    OPD operators restore theirs inside the entry window, the admin any OPD's at any time; the kepala OPD
    reads the list. The other city-wide readers have no such page (404), and no one sees another OPD's.
    """
    access = access_for(request.user)
    if not access.can_see_deleted_innovations:
        raise Http404
    period = Period.objects.current_or_refuse()
    deleted = (
        Inovasi.objects.deleted_visible_to(access)
        .filter(period=period)
        .select_related("period", "opd")
        .order_by("-deleted_at", "-id")
    )
    page = Paginator(deleted, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(inovasi, can_restore_now(access, inovasi)) for inovasi in page]
    ctx = {
        "period": period,
        "page": page,
        "rows": rows,
        "window_open": access.can_bypass_entry_window or period.entry_is_open(),
        "closes": _closes(period),
        "query": "",
    }
    return render(request, "inovasi/deleted.html", ctx)


@login_required
@require_POST
def inovasi_restore(request, pk):
    inovasi = deleted_inovasi_for(request, pk)
    restore_inovasi(inovasi, actor=request.user, request=request)
    messages.success(request, _("%(name)s was restored.") % {"name": inovasi.name})
    return redirect("inovasi-detail", pk=inovasi.pk)


@login_required
def inovasi_history(request, pk):
    inovasi = inovasi_for(request, pk)
    return render(request, "inovasi/history.html", {"inovasi": inovasi, "entries": history_entries(inovasi)})


@login_required
def inovasi_carry_forward(request, pk):
    earlier = inovasi_for(request, pk)
    access = access_for(request.user)
    period = Period.objects.current_or_refuse()
    if not _may_carry_forward(access, earlier, period):
        raise PermissionDenied
    check_window(access, period)
    form = CarryForwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["development_note"]
        inovasi = carry_forward(earlier, period, user=request.user, note=note, request=request)
        messages.success(request, _("A new draft was created in %(period)s.") % {"period": period})
        return redirect("inovasi-edit", pk=inovasi.pk)
    return render(request, "inovasi/carry_forward.html", {"form": form, "earlier": earlier, "period": period})
