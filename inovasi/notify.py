"""Who hears about what happens to an innovation."""

from django.urls import reverse

from inovasi.models import Inovasi
from portal.accounts.models import Membership, Role
from portal.notices.models import Kind
from portal.notices.send import notify

S = Inovasi.Status
KIND_OF = {S.SUBMITTED: Kind.SUBMITTED, S.RETURNED: Kind.RETURNED, S.APPROVED: Kind.APPROVED, S.REJECTED: Kind.REJECTED}


def opd_people(opd, roles=(Role.OPERATOR, Role.KEPALA)):
    memberships = Membership.objects.active().filter(opd=opd, role__in=roles).select_related("user")
    return [membership.user for membership in memberships]


def reviewers():
    memberships = Membership.objects.active().filter(role=Role.PENDAMPING).select_related("user")
    return [membership.user for membership in memberships]


def status_changed(change):
    """A submission goes to the reviewers, one awaiting endorsement to the kepala OPD; every other move
    goes to the OPD's people."""
    inovasi = change.inovasi
    if change.to_status == S.SUBMITTED:
        audience = reviewers()
    elif change.to_status == S.AWAITING_ENDORSEMENT:
        audience = opd_people(inovasi.opd, roles=(Role.KEPALA,))
    else:
        audience = opd_people(inovasi.opd)
    audience = [user for user in audience if user.pk != change.actor_id]
    context = {"inovasi": inovasi, "status": S(change.to_status).label, "actor": change.actor, "note": change.note}
    url = reverse("inovasi-review", args=[inovasi.pk])
    return notify(audience, KIND_OF.get(change.to_status, Kind.STATUS), "status", context, url)


def comment_posted(comment, inovasi):
    """The other side of the conversation: the OPD's operators, or the thread's reviewers."""
    thread = comment.thread
    participants = {c.author for c in thread.comments.select_related("author")}
    audience = participants | set(opd_people(inovasi.opd, roles=(Role.OPERATOR,)))
    if not any(user.pk != comment.author_id for user in participants):
        audience |= set(reviewers())
    audience = [user for user in audience if user.pk != comment.author_id]
    context = {"inovasi": inovasi, "indicator": thread.indicator, "author": comment.author, "body": comment.body}
    url = f"{reverse('inovasi-review', args=[inovasi.pk])}#indikator-{thread.indicator_id}"
    return notify(audience, Kind.COMMENT, "comment", context, url)


def shared_document_replaced(document, inovasi_list, actor):
    """One notice per OPD (to its operators), naming every innovation of that OPD the document is attached to."""
    opd = inovasi_list[0].opd
    audience = [user for user in opd_people(opd, roles=(Role.OPERATOR,)) if user.pk != actor.pk]
    names = ", ".join(inovasi.name for inovasi in inovasi_list)
    context = {"document": document, "opd": opd, "names": names, "count": len(inovasi_list), "actor": actor}
    url = reverse("shared-document-detail", args=[document.pk])
    return notify(audience, Kind.STATUS, "shared_replaced", context, url)
