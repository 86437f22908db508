"""The portal's own words where Django and its libraries bring theirs.

The empty choice: every <select> of the portal and the admin opens with one label, EMPTY_CHOICE_LABEL
("— Pilih —"). Django 6.1 takes it from `django.db.models.fields.BLANK_CHOICE_LABEL` (its documented hook,
set in an app's ready(): see `use_portal_empty_choice`), django-filter from the setting
FILTERS_EMPTY_CHOICE_LABEL, and a form building its own choices names EMPTY_CHOICE_LABEL.

Django's and allauth's own texts: the project's catalogue (LOCALE_PATHS) wins over theirs, but only for a
msgid it holds, and makemessages keeps only the msgids it finds in the portal's sources. THIRD_PARTY_MSGIDS
marks, with gettext_noop, the msgids of Django and allauth whose Indonesian translation the portal replaces,
so that they stay in locale/id/LC_MESSAGES/django.po: each is copied verbatim from its library's catalogue
(a msgid that differs by one character overrides nothing). Nothing reads the tuple at run time.
"""

from django.conf import settings
from django.utils.translation import gettext_noop

# Defined once, in the settings, where django-filter reads it.
EMPTY_CHOICE_LABEL = settings.FILTERS_EMPTY_CHOICE_LABEL


def use_portal_empty_choice():
    """Give Django the portal's empty choice. Call it before any form class exists: a form field copies
    the label when its class is made (the admin's autodiscovery imports forms in the first app's ready())."""
    from django.db.models import fields

    fields.BLANK_CHOICE_LABEL = EMPTY_CHOICE_LABEL


THIRD_PARTY_MSGIDS = (
    # Django: "Bidang ini tidak boleh kosong" reads as "this bidang (an OPD's division)", a field of our forms.
    gettext_noop("This field is required."),
    gettext_noop("No fields changed."),
    gettext_noop("The two password fields didn’t match."),
    # Django, the admin and allauth write "anda" in lower case; the portal addresses its users as "Anda".
    gettext_noop(
        "You are seeing this message because this HTTPS site requires a “Referer header” to be sent by your "
        "web browser, but none was sent. This header is required for security reasons, to ensure that your "
        "browser is not being hijacked by third parties."
    ),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related objects, but your "
        "account doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the following "
        "related items will be deleted:"
    ),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("The username and/or password you specified are not correct."),
)
