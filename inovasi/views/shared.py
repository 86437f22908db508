"""The shared evidence library (Dokumen bersama): the documents, uploading, replacing, removing, attaching.

The rules (who may, the verdict resets, the notices, the audit rows) are in inovasi.shared_documents;
the file itself is served by inovasi.views.files.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inovasi.access import may_own_shared, shared_document_for
from inovasi.models import Evidence, Inovasi, SharedDocument
from inovasi.shared_document_forms import CITY, AttachManyForm, SharedDocumentForm
from inovasi.shared_documents import (
    accepted_kinds,
    attach_shared_document_to_many,
    remove_shared_document,
    replace_shared_document,
    upload_shared_document,
)
from portal.accounts.access import access_for
from portal.accounts.models import Opd
from portal.catalogue.models import Indicator, Period


def _owners(access):
    """Whose documents the user may upload: the city's (Bappeda), and the OPDs they operate for."""
    owners = [(CITY, _("The city (Bappeda)"))] if may_own_shared(access, None) else []
    owners += [(str(opd.pk), opd.name) for opd in Opd.objects.filter(pk__in=access.operator_opd_ids).order_by("name")]
    return owners


def _window_open(access, period):
    return access.can_bypass_entry_window or period.entry_is_open()


def _library(request, form=None, status=200):
    access = access_for(request.user)
    if not access.can_list_innovations:
        raise Http404
    period = Period.objects.current_or_refuse()
    documents = (
        SharedDocument.objects.visible_to(access)
        .filter(period=period)
        .select_related("opd", "uploaded_by")
        .annotate(attachment_count=Count("attachments"))
        .order_by("opd__name", "subject", "id")
    )
    owners = _owners(access) if _window_open(access, period) else []
    if form is None and owners:
        form = SharedDocumentForm(owners=owners)
    ctx = {"period": period, "documents": documents, "form": form}
    return render(request, "inovasi/shared_documents.html", ctx, status=status)


@login_required
def shared_documents(request):
    return _library(request)


@login_required
@require_POST
def shared_document_add(request):
    access = access_for(request.user)
    period = Period.objects.current_or_refuse()
    owners = _owners(access)
    form = SharedDocumentForm(request.POST, request.FILES, owners=owners or [(CITY, "")])
    if not form.is_valid():
        return _library(request, form, status=400)
    owner = form.cleaned_data["owner"]
    opd = None if owner == CITY else get_object_or_404(Opd, pk=owner)
    document = upload_shared_document(form.document(period=period, opd=opd), actor=request.user, request=request)
    messages.success(request, _("The shared document was uploaded."))
    return redirect("shared-document-detail", pk=document.pk)


def _candidates(access, document):
    """The innovations the user may attach `document` to now: editable ones of its OPD (or any OPD for the city's)."""
    queryset = (
        Inovasi.objects.visible_to(access)
        .for_period(document.period)
        .filter(status__in=Inovasi.EDITABLE_STATUSES)
        .select_related("opd")
        .order_by("opd__name", "name", "id")
    )
    if document.opd_id:
        queryset = queryset.filter(opd_id=document.opd_id)
    if not access.is_admin:
        queryset = queryset.filter(opd_id__in=access.operator_opd_ids)
    return queryset if _window_open(access, document.period) else queryset.none()


def _indicators(document):
    indicators = document.period.indicators.filter(scope=Indicator.Scope.SID, is_archived=False).order_by("order")
    return indicators.filter(pk__in=[i.pk for i in indicators if document.kind in i.evidence_kinds])


def _detail(request, document, *, replace_form=None, attach_form=None, status=200):
    access = access_for(request.user)
    may_change = may_own_shared(access, document.opd) and _window_open(access, document.period)
    attachments = (
        Evidence.objects.filter(shared=document, answer__inovasi__in=Inovasi.objects.visible_to(access))
        .select_related("answer__indicator", "answer__inovasi__opd")
        .order_by("answer__inovasi__opd__name", "answer__inovasi__name", "answer__indicator__order")
    )
    if replace_form is None and may_change:
        data = {"subject": document.subject, "document_number": document.document_number}
        data["document_date"] = document.document_date
        replace_form = SharedDocumentForm(allowed_kinds=accepted_kinds(document), initial=data)
    candidates = _candidates(access, document)
    if attach_form is None and candidates.exists():
        attach_form = AttachManyForm(indicators=_indicators(document), inovasi_queryset=candidates)
    ctx = {
        "document": document,
        "attachments": attachments,
        "may_change": may_change,
        "replace_form": replace_form,
        "attach_form": attach_form,
    }
    return render(request, "inovasi/shared_document.html", ctx, status=status)


@login_required
def shared_document_detail(request, pk):
    return _detail(request, shared_document_for(request, pk))


@login_required
@require_POST
def shared_document_replace(request, pk):
    document = shared_document_for(request, pk, edit=True)
    form = SharedDocumentForm(request.POST, request.FILES, allowed_kinds=accepted_kinds(document))
    if not form.is_valid():
        return _detail(request, document, replace_form=form, status=400)
    replace_shared_document(document, form.document(), actor=request.user, request=request)
    messages.success(
        request, _("The shared document was replaced; the verdicts where it is attached are pending again.")
    )
    return redirect("shared-document-detail", pk=document.pk)


@login_required
@require_POST
def shared_document_delete(request, pk):
    document = shared_document_for(request, pk, edit=True)
    remove_shared_document(document, actor=request.user, request=request)
    messages.success(request, _("The shared document was removed."))
    return redirect("shared-documents")


@login_required
@require_POST
def shared_document_attach(request, pk):
    document = shared_document_for(request, pk)
    access = access_for(request.user)
    form = AttachManyForm(
        request.POST, indicators=_indicators(document), inovasi_queryset=_candidates(access, document)
    )
    if not form.is_valid():
        return _detail(request, document, attach_form=form, status=400)
    attached = attach_shared_document_to_many(
        document, form.cleaned_data["indicator"], form.cleaned_data["inovasi"], actor=request.user, request=request
    )
    messages.success(
        request, _("The shared document was attached to %(count)s innovations.") % {"count": len(attached)}
    )
    return redirect("shared-document-detail", pk=document.pk)
