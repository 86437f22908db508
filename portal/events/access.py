"""Who may see and run an event: the one place that decides it, in querysets (portal/accounts/access.py style)."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import get_object_or_404

from portal.accounts.access import access_for
from portal.accounts.models import Membership
from portal.events.models import Attendance, Event, Material


def organises(user):
    """Bappeda (pendamping and admin) runs the events: QR, attendance, lists."""
    return access_for(user).can_review


def _invitation(access):
    condition = Q(invited_opds__in=access.opd_ids)
    for role in access.roles:
        condition |= Q(invited_roles__contains=f",{role},")
    return condition


def events_for(user):
    """The events the user may see: every one for Bappeda, the ones they are invited to otherwise."""
    access = access_for(user)
    if not access.is_authenticated:
        return Event.objects.none()
    if access.can_review:
        return Event.objects.all()
    ids = Event.objects.filter(_invitation(access)).values("pk")
    return Event.objects.filter(pk__in=ids)


def invited_events(user):
    """The events the user is invited to (not merely allowed to see as an organiser)."""
    access = access_for(user)
    if not access.is_authenticated:
        return Event.objects.none()
    return Event.objects.filter(pk__in=Event.objects.filter(_invitation(access)).values("pk"))


def is_invited(user, event):
    return invited_events(user).filter(pk=event.pk).exists()


def invited_users(event):
    """Active users with an active membership of an invited OPD or of an invited role."""
    memberships = Membership.objects.active().filter(Q(opd__in=event.invited_opds.all()) | Q(role__in=event.roles))
    return get_user_model().objects.filter(is_active=True, pk__in=memberships.values("user")).order_by("username")


def event_for(request, pk):
    """An event the user may see, or 404 (never 403: another OPD's event does not exist for them)."""
    return get_object_or_404(events_for(request.user), pk=pk)


def organised_event_for(request, pk):
    """An event the user runs (Bappeda), or 404."""
    if not organises(request.user):
        return get_object_or_404(Event.objects.none(), pk=pk)
    return get_object_or_404(Event.objects.all(), pk=pk)


def material_for(request, pk):
    return get_object_or_404(Material.objects.filter(event__in=events_for(request.user)), pk=pk)


def own_attendance(user, event):
    return Attendance.objects.filter(event=event, user=user).first()
