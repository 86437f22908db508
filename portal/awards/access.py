"""Who may see and do what with the award: the one place views, templates and the admin ask.

The Bappeda admin runs the award; the jurors the admin assigned open it to score; everyone,
signed in or not, reads the decided awards' winners and their piagam on *Penghargaan*.
"""

from django.core.cache import cache

from portal.accounts.access import access_for
from portal.awards.models import Award, Result

# Every juror's user id, for the menu: read on every page, so kept in the cache (rebuilt in one query
# when missing) and dropped whenever an award's jurors change (portal.awards.apps).
JUROR_IDS_KEY = "awards:juror-ids"


def manages_awards(user):
    """The Bappeda admin defines the criteria, closes the jury and decides."""
    return access_for(user).is_admin


def is_juror(award, user):
    return bool(user.is_authenticated and award.jurors.filter(pk=user.pk).exists())


def judges_an_award(user):
    """Whether the user is a juror of any award: the menu then offers the awards to judge."""
    if not user.is_authenticated:
        return False
    juror_ids = cache.get(JUROR_IDS_KEY)
    if juror_ids is None:
        juror_ids = set(Award.jurors.through.objects.values_list("user_id", flat=True))
        cache.set(JUROR_IDS_KEY, juror_ids, None)
    return user.pk in juror_ids


def forget_jurors(**_kwargs):
    cache.delete(JUROR_IDS_KEY)


def awards_visible_to(user):
    """The awards a signed-in user opens: every award for the admin, the ones he judges for a juror."""
    if not user.is_authenticated:
        return Award.objects.none()
    awards = Award.objects.select_related("period")
    return awards if manages_awards(user) else awards.filter(jurors=user)


def sees_table(award, user):
    """The admin always sees the table; a juror once the jury is closed."""
    return manages_awards(user) or (award.jury_closed and is_juror(award, user))


def published_awards():
    """Decided awards, public on *Penghargaan*."""
    return Award.objects.filter(decided_on__isnull=False).select_related("period")


def published_winners():
    """Winners of decided awards: the only results whose piagam anyone may download."""
    return Result.objects.filter(award__decided_on__isnull=False, winner=True).select_related("award__period", "opd")
