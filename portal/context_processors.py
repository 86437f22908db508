from portal.accounts.access import access_for
from portal.navigation import menu


def navigation(request):
    """The current user's Access, menu and unread count, so templates show what the user may open."""
    access = access_for(request.user)
    unread = request.user.notices.unread().count() if access.is_authenticated else 0
    return {"access": access, "nav": menu(access, request.user), "unread_notices": unread}
