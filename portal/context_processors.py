from portal.accounts.access import access_for


def navigation(request):
    """The current user's Access, so templates show only what the user may open."""
    return {"access": access_for(request.user)}
