"""The main menu, built from the access helper: it follows what a user may open, never grants it.

It lives in the site shell, above every app, because it names the pages of all of them.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.accounts.access import Home
from portal.awards.access import judges_an_award


def menu(access, user):
    """Menu entries as (label, url)."""
    return tuple((label, reverse(name)) for label, name in _entries(access, user))


def _entries(access, user):
    entries = [(_("Home"), "home")]
    if access.can_list_innovations:
        entries.append((_("Innovations"), "inovasi-list"))
    if access.can_review:
        entries.append((_("Review queue"), "review-queue"))
    if access.keeps_shared_documents:
        entries.append((_("Shared documents"), "shared-documents"))
    if access.can_mentor():
        entries.append((_("Mentoring"), "mentoring-index"))
    elif access.asks_for_mentoring:
        entries.append((_("Ask for mentoring"), "help-request-create"))
    if access.can_see_city_scores and access.home_page != Home.LEADERSHIP:  # leadership lands on it
        entries.append((pgettext_lazy("menu", "Leadership dashboard"), "dashboard-leadership"))
    if access.can_see_city_scores:
        entries.append((_("IID scores"), "scores"))
    if access.can_view_spd:
        entries.append((_("Region data (SPD)"), "spd"))
    if access.can_export:
        entries.append((_("Exports"), "export-index"))
    if access.can_review or access.opd_ids:  # Bappeda runs the sosialisasi and bimtek; OPDs are invited
        entries.append((_("Bimtek"), "event-list"))
    if access.can_administer:
        entries.append((_("Awards"), "award-list"))
        entries.append((_("Administration"), "admin:index"))
    elif judges_an_award(user):  # a juror opens the awards to score
        entries.append((_("Awards to judge"), "award-list"))
    return entries
