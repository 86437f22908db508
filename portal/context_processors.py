from portal.accounts.access import access_for


def navigation(request):
    """The current user's Access and unread count, so templates show what the user may open."""
    access = access_for(request.user)
    unread = request.user.notices.unread().count() if access.is_authenticated else 0
    return {"access": access, "unread_notices": unread}
