from portal.accounts.access import access_for
from portal.navigation import menu


def navigation(request):
    """The current user's Access, menu and unread count, so templates show what the user may open."""
    access = access_for(request.user)
    if not access.is_authenticated:
        return {"access": access, "nav": menu(access, request.user), "unread_notices": 0}
    return {
        "access": access,
        "nav": menu(access, request.user),
        "unread_notices": request.user.notices.unread().count(),
    }
