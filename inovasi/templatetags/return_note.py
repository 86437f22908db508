"""`{% return_note_of inovasi as note %}`: what the OPD must answer before resubmitting a returned innovation."""

from dataclasses import dataclass

from django import template

from inovasi.models import CommentThread, Inovasi, StatusChange

register = template.Library()


@dataclass(frozen=True)
class ReturnNote:
    change: StatusChange  # the return: who, when and the note
    threads: list[CommentThread]  # the open threads, in the catalogue's order, each with `last_comment`


@register.simple_tag
def return_note_of(inovasi):
    """The last return and the open threads while the innovation is returned; None otherwise (and no query)."""
    if inovasi.status != Inovasi.Status.RETURNED:
        return None
    change = (
        StatusChange.objects.filter(inovasi=inovasi, to_status=Inovasi.Status.RETURNED)
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )
    threads = (
        CommentThread.objects.filter(inovasi=inovasi, resolved_at=None)
        .select_related("indicator")
        .prefetch_related("comments__author")
        .order_by("indicator__order", "created_at", "id")
    )
    if change is None:
        return None
    threads = list(threads)
    for thread in threads:
        comments = list(thread.comments.all())
        thread.last_comment = comments[-1] if comments else None
    return ReturnNote(change, threads)
