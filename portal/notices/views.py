from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.audit.log import record
from portal.notices.models import Kind, Notice, Preference


@login_required
def inbox(request):
    page = Paginator(request.user.notices.all(), 30).get_page(request.GET.get("page"))
    return render(request, "notices/inbox.html", {"page": page, "query": ""})


@login_required
def notice_open(request, pk):
    """Opening a notice marks it read and follows its link (only ever a link inside the portal)."""
    notice = get_object_or_404(request.user.notices, pk=pk)
    if notice.read_at is None:
        Notice.objects.filter(pk=notice.pk).update(read_at=timezone.now())
    safe = url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None) and notice.url.startswith("/")
    return redirect(notice.url if safe else "notice-inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = request.user.notices.unread().update(read_at=timezone.now())
    record("notices.mark_all_read", actor=request.user, obj=request.user, after={"count": count}, request=request)
    messages.success(request, _("All notifications are marked read."))
    return redirect("notice-inbox")


class PreferenceForm(forms.Form):
    def __init__(self, *args, saved, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Kind.choices:
            email, digest = saved.get(kind, (True, False))
            self.fields[f"{kind}_email"] = forms.BooleanField(label=label, required=False, initial=email)
            self.fields[f"{kind}_digest"] = forms.BooleanField(label=label, required=False, initial=digest)

    def rows(self):
        return [(label, self[f"{kind}_email"], self[f"{kind}_digest"]) for kind, label in Kind.choices]


@login_required
def preferences(request):
    saved = {p.kind: (p.email, p.digest) for p in request.user.notice_preferences.all()}
    form = PreferenceForm(request.POST or None, saved=saved)
    if request.method == "POST" and form.is_valid():
        for kind in Kind.values:
            Preference.objects.update_or_create(
                user=request.user,
                kind=kind,
                defaults={"email": form.cleaned_data[f"{kind}_email"], "digest": form.cleaned_data[f"{kind}_digest"]},
            )
        record("notices.preferences", actor=request.user, obj=request.user, after=form.cleaned_data, request=request)
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notice-preferences")
    return render(request, "notices/preferences.html", {"form": form})
