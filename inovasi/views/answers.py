"""An innovation's indicators (SID): the page, claimed levels and evidence; removing evidence (SID and SPD).

The rules (who may, the verdict reset, completeness, the audit row) are in inovasi.answers.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inovasi.access import can_edit_now, evidence_for, inovasi_for
from inovasi.answers import evidence_by_indicator, remove_evidence
from inovasi.completeness import checklist, indicator_states, percentage
from inovasi.confirm import Confirmation, confirmation_page
from inovasi.indicator_cards import (
    CardMessage,
    CardSave,
    card_rows,
    carried_messages,
    carry_message,
    open_threads,
    save_card,
)
from inovasi.shared_document_forms import AttachOneForm
from inovasi.shared_documents import attach_shared_document, attachable_documents, documents_for_indicator
from inovasi.workflow import submission_move, transition
from portal.accounts.access import access_for
from portal.catalogue.models import Indicator
from portal.refusals import Refused, WrongState


def _sid_indicator(inovasi, indicator_pk):
    return get_object_or_404(inovasi.period.indicators, pk=indicator_pk, scope=Indicator.Scope.SID, is_archived=False)


def _page(request, inovasi, *, outcome=None, refusal=""):
    """What the indicators page (and its in-place parts) show: the cards, the jump list and the summary."""
    access = access_for(request.user)
    states = indicator_states(inovasi)
    rows = card_rows(
        states,
        evidence_by_indicator({"answer__inovasi": inovasi}),
        lambda indicator: reverse("inovasi-answer", args=[inovasi.pk, indicator.pk]),
        threads=open_threads(inovasi),
        outcome=outcome,
        carried=carried_messages(request),
    )
    can_edit = can_edit_now(access, inovasi)
    if can_edit:
        _offer_shared_documents(access, inovasi, rows)
    items = checklist(inovasi, states)
    return {
        "inovasi": inovasi,
        "rows": rows,
        "can_edit": can_edit,
        "percentage": percentage(items),
        "missing": [item for item in items if not item.done],
        "submit_move": submission_move(access, inovasi) if can_edit else None,
        "refusal": refusal,
        "summary_template": "inovasi/_indicator_summary.html",
    }


def _offer_shared_documents(access, inovasi, rows):
    """Per indicator, the shared documents of the library it may take (attached by inovasi-shared-attach)."""
    documents, taken = attachable_documents(access, inovasi)
    if not documents:
        return
    for row in rows:
        indicator = row.indicator
        offered = documents_for_indicator(indicator, documents, taken)
        if offered:
            row.extra["shared_form"] = AttachOneForm(documents=offered, indicator=indicator)
            row.extra["shared_url"] = reverse("inovasi-shared-attach", args=[inovasi.pk, indicator.pk])


def _render_indicators(request, inovasi, *, status=200, **page):
    return render(request, "inovasi/indicators.html", _page(request, inovasi, **page), status=status)


def _saved_card(request, inovasi, indicator, outcome, status):
    """The in-place answer to a card's form: the card with its message, and the parts that follow (out of band)."""
    ctx = _page(request, inovasi, outcome=(indicator, outcome))
    ctx["row"] = next(row for row in ctx["rows"] if row.indicator.pk == indicator.pk)
    return render(request, "inovasi/_indicator_saved.html", ctx, status=status)


@login_required
def inovasi_indicators(request, pk):
    return _render_indicators(request, inovasi_for(request, pk))


@login_required
@require_POST
def inovasi_answer(request, pk, indicator_pk):
    """Save one indicator card: in place (htmx) or, without JavaScript, back on the page at that card."""
    inovasi = inovasi_for(request, pk, edit=True)
    indicator = _sid_indicator(inovasi, indicator_pk)
    outcome = save_card(request, indicator, inovasi)
    status = 200 if outcome.saved else 400
    if request.htmx:
        return _saved_card(request, inovasi, indicator, outcome, status)
    if not outcome.saved:
        return _render_indicators(request, inovasi, outcome=(indicator, outcome), status=status)
    carry_message(request, indicator, outcome.message)
    return redirect(f"{inovasi_indicators_url(inovasi)}#indikator-{indicator.pk}")


@login_required
@require_POST
def inovasi_shared_attach(request, pk, indicator_pk):
    """Attach one of the offered shared documents to one indicator: in place (htmx) like a card save, or back
    on the page at that card."""
    inovasi = inovasi_for(request, pk, edit=True)
    indicator = _sid_indicator(inovasi, indicator_pk)
    documents = documents_for_indicator(indicator, *attachable_documents(access_for(request.user), inovasi))
    form = AttachOneForm(request.POST, documents=documents, indicator=indicator)
    if form.is_valid():
        document = next(d for d in documents if str(d.pk) == form.cleaned_data["document"])
        attach_shared_document(document, indicator, inovasi, actor=request.user, request=request)
        text = _("The shared document was attached to indicator %(number)s.") % {"number": indicator.number}
        message, status = CardMessage("success", text), 200
    else:
        message, status = CardMessage("danger", _("Choose one of the shared documents offered.")), 400
    if request.htmx:
        return _saved_card(request, inovasi, indicator, CardSave(message), status)
    carry_message(request, indicator, message)
    return redirect(f"{inovasi_indicators_url(inovasi)}#indikator-{indicator.pk}")


@login_required
@require_POST
def inovasi_submit(request, pk):
    """Hand the innovation in from its indicators page; a refusal lands back there with what is missing."""
    inovasi = inovasi_for(request, pk, edit=True)
    move = submission_move(access_for(request.user), inovasi)
    if move is None:
        status = inovasi.get_status_display()
        raise WrongState(_("This innovation cannot be submitted now: it is %(status)s.") % {"status": status})
    try:
        transition(inovasi, move.target, actor=request.user, request=request)
    except Refused as refused:
        return _render_indicators(request, inovasi, refusal=refused.message, status=refused.status)
    messages.success(request, _("Submitted: %(status)s.") % {"status": inovasi.get_status_display()})
    return redirect("inovasi-detail", pk=inovasi.pk)


@login_required
@require_POST
def inovasi_evidence_add(request, pk, indicator_pk):
    """Evidence alone (kept for forms posting only a file); the page's cards post to inovasi-answer."""
    return inovasi_answer(request, pk, indicator_pk)


def inovasi_indicators_url(inovasi):
    return reverse("inovasi-indicators", args=[inovasi.pk])


@login_required
@require_http_methods(["GET", "POST"])
def evidence_delete(request, pk):
    """GET: the confirmation page (nothing changes); POST: the evidence is removed (a shared one detached)."""
    evidence = evidence_for(request, pk, edit=True)
    inovasi = evidence.answer.inovasi
    if request.method == "GET":
        return confirmation_page(request, _evidence_confirmation(evidence, inovasi))
    remove_evidence(evidence, actor=request.user, request=request)
    messages.success(request, _("The evidence was removed."))
    return redirect("inovasi-indicators", pk=inovasi.pk) if inovasi else redirect("spd")


def _evidence_confirmation(evidence, inovasi):
    """Names the evidence (its document, link, indicator and owner) and what removing or detaching it does."""
    indicator, document = evidence.answer.indicator, evidence.document
    anchor = f"#indikator-{indicator.pk}"
    owner = (_("Innovation"), inovasi.name) if inovasi else (_("Region-level data"), _("SPD"))
    items = [
        (_("Evidence"), document.subject),
        (_("File or link"), document.original_name if document.file else evidence.url),
        (_("Document number"), document.document_number),
        (_("Indicator"), f"{indicator.number}. {indicator.name}"),
        owner,
    ]
    consequences = [
        _("The reviewer's verdict on indicator %(number)s goes back to waiting for verification.")
        % {"number": indicator.number},
        _("A level counts only with its evidence: without other evidence, indicator %(number)s no longer counts.")
        % {"number": indicator.number},
    ]
    if evidence.shared_id:
        title, confirm = _("Detach this shared document?"), _("Yes, detach")
        consequences.insert(0, _("The shared document stays in the library and wherever else it is attached."))
    else:
        title, confirm = _("Remove this evidence?"), _("Yes, delete")
        consequences.insert(0, _("The evidence is removed from the indicator; the history keeps a record of it."))
    return Confirmation(
        title=title,
        what_heading=_("The evidence that will be removed"),
        items=items,
        consequences=consequences,
        confirm_label=confirm,
        cancel_url=(reverse("inovasi-indicators", args=[inovasi.pk]) if inovasi else reverse("spd")) + anchor,
    )
