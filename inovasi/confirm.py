"""The confirmation page every destructive action shows first (templates/confirm.html).

A GET on the action's own URL renders it and changes nothing; its one form POSTs back to that URL,
which does the action through its rule. No JavaScript, no inline code: it works under the strict CSP.
Used by deleting an innovation, withdrawing a submission, removing (or detaching) evidence and removing a photo.
"""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.functional import Promise

Text = str | Promise


@dataclass(frozen=True)
class Confirmation:
    title: Text  # the question, e.g. "Delete this innovation?"
    what_heading: Text  # what the listed items are, e.g. "The innovation that will be deleted"
    items: list[tuple[Text, object]]  # (label, value): names exactly what the action removes
    consequences: list[Text]  # what follows from it, one sentence each
    confirm_label: Text  # the POST button, e.g. "Yes, delete"
    cancel_url: str  # "Cancel": back where the user came from, nothing changed


def confirmation_page(request, confirmation):
    """The page asking `confirmation`; its form posts to the URL it was opened on (request.path)."""
    return render(request, "confirm.html", {"confirmation": confirmation, "action_url": request.path})
